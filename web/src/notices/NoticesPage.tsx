import { DownloadOutlined, ExclamationCircleOutlined, PaperClipOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, List, Segmented, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { formatDateZh } from '../../../core/dates';
import { api, withQuery } from '../api';
import { useSession } from '../auth/session';
import { useOrgTree } from '../org/useOrgTree';
import { errorMessage, toast } from '../shared/feedback';
import { useIsMobile } from '../shared/useIsMobile';
import { periodSummary } from './format';
import { NodePicker } from './NodePicker';
import { CreateNoticeModal } from './NoticeModals';
import { NoticeStateTag } from './NoticeStateTag';
import type { Notice, PublicityState } from './types';
import './notices.css';

const LIMIT = 200;

type StateFilter = 'all' | PublicityState;
const STATE_FILTERS: { value: StateFilter; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'draft', label: '草稿' },
  { value: 'inPublicity', label: '公示中' },
  { value: 'ended', label: '公示期满' },
  { value: 'standing', label: '已发布' },
  { value: 'superseded', label: '已被更正' },
];

function Flags({ n }: { n: Notice }) {
  return (
    <>
      {n.supersedesId !== null && <Tag color="orange">更正</Tag>}
      {n.acceptsObjections && n.status === 'published' && n.state === 'inPublicity' && <Tag color="purple">接受异议</Tag>}
      {n.attachments.length > 0 && (
        <Tooltip title={`${n.attachments.length} 个附件`}>
          <span className="muted" aria-label={`${n.attachments.length} 个附件`} data-testid={`notice-attachment-flag-${n.id}`}>
            <PaperClipOutlined /> {n.attachments.length}
          </span>
        </Tooltip>
      )}
      {n.calendarWarning && (
        <Tooltip title={n.calendarWarning}>
          <ExclamationCircleOutlined
            style={{ color: '#d48806' }}
            aria-label={n.calendarWarning}
            data-testid={`notice-calendar-flag-${n.id}`}
          />
        </Tooltip>
      )}
    </>
  );
}

/** 公告: the notices of the caller's scope (drafts included), newest first, filtered by place and state. */
export default function NoticesPage() {
  const { can } = useSession();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const { tree } = useOrgTree();
  const [params, setParams] = useSearchParams();
  const nodeParam = params.get('nodeId');
  const nodeId = nodeParam && /^\d+$/.test(nodeParam) ? Number(nodeParam) : undefined;
  const [items, setItems] = useState<Notice[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<StateFilter>('all');
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    let live = true;
    setLoading(true);
    api.get<{ items: Notice[] }>('/api/notices', { nodeId, limit: LIMIT }).then(
      (r) => {
        if (!live) return;
        setItems(r.items);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (!live) return;
        setError(errorMessage(e));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [nodeId, version]);

  const setNode = useCallback(
    (id: number | undefined) => {
      const next = new URLSearchParams(params);
      if (id) next.set('nodeId', String(id));
      else next.delete('nodeId');
      setParams(next, { replace: true });
    },
    [params, setParams],
  );

  const shown = useMemo(() => (items ?? []).filter((n) => state === 'all' || n.state === state), [items, state]);

  const columns: TableColumnsType<Notice> = [
    {
      title: '标题',
      key: 'title',
      render: (_: unknown, n: Notice) => (
        <Space size={4} wrap>
          <Link to={`/notices/${n.id}`} data-testid={`notice-link-${n.id}`}>
            {n.title}
          </Link>
          <Flags n={n} />
        </Space>
      ),
    },
    { title: '类型', dataIndex: 'kindLabel', key: 'kind', width: 140 },
    { title: '张贴范围', dataIndex: 'nodeName', key: 'node', width: 140 },
    { title: '状态', key: 'state', width: 100, render: (_: unknown, n: Notice) => <NoticeStateTag notice={n} /> },
    {
      title: '公示期',
      key: 'period',
      width: 250,
      render: (_: unknown, n: Notice) =>
        n.status === 'draft' ? (
          <span className="muted">{n.periodText ? `${n.periodText}（未发布）` : '不设公示期'}</span>
        ) : (
          <span>
            {n.publishDate && <div>{formatDateZh(n.publishDate)}张贴</div>}
            {n.endDate ? (
              <div className="muted">
                {n.periodText}，至{formatDateZh(n.endDate)}
              </div>
            ) : (
              <div className="muted">长期公示</div>
            )}
          </span>
        ),
    },
  ];

  return (
    <div>
      <div className="page-header">
        <Typography.Title level={4}>公告</Typography.Title>
        <Space wrap>
          <NodePicker
            tree={tree}
            value={nodeId}
            onChange={setNode}
            allowClear
            placeholder="全部范围"
            style={{ width: mobile ? 200 : 240 }}
            testId="notice-node-filter"
          />
          <Button icon={<ReloadOutlined />} onClick={() => setVersion((v) => v + 1)} aria-label="刷新" data-testid="notice-reload" />
          {/* A plain download link: the session cookie goes along; the file covers the chosen place, all states. */}
          <Button
            icon={<DownloadOutlined />}
            href={withQuery('/api/notices/export.xlsx', { nodeId })}
            download="公告列表.xlsx"
            data-testid="notice-export"
          >
            导出 Excel
          </Button>
          {can('notice.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="notice-create">
              起草公告
            </Button>
          )}
        </Space>
      </div>
      <div className="notice-filters">
        <Segmented<StateFilter>
          options={STATE_FILTERS}
          value={state}
          onChange={setState}
          size={mobile ? 'small' : 'middle'}
          data-testid="notice-state-filter"
        />
      </div>
      {error && (
        <Alert type="error" showIcon title="无法加载公告" description={error} style={{ marginBottom: 12 }} data-testid="notice-error" />
      )}
      <Card size={mobile ? 'small' : 'default'} data-testid="notice-list">
        {mobile ? (
          <List<Notice>
            loading={loading}
            dataSource={shown}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无公告" /> }}
            renderItem={(n) => (
              <List.Item key={n.id} data-testid={`notice-item-${n.id}`} className="notice-list-item">
                <div style={{ width: '100%' }}>
                  <div className="notice-list-title">
                    <NoticeStateTag notice={n} />
                    <Link to={`/notices/${n.id}`} data-testid={`notice-link-${n.id}`}>
                      {n.title}
                    </Link>
                  </div>
                  <div className="muted notice-list-meta">
                    {n.kindLabel} · {n.nodeName} <Flags n={n} />
                  </div>
                  <div className="muted notice-list-meta">{periodSummary(n)}</div>
                </div>
              </List.Item>
            )}
          />
        ) : (
          <Table<Notice>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={shown}
            loading={loading}
            pagination={shown.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            locale={{ emptyText: '暂无公告' }}
            rowClassName={(n) => (n.state === 'superseded' ? 'row-disabled' : '')}
          />
        )}
        {items && items.length >= LIMIT && (
          <p className="muted" style={{ marginTop: 12, marginBottom: 0 }}>
            仅显示最近 {LIMIT} 条，可按范围筛选查看更多。
          </p>
        )}
      </Card>
      {creating && (
        <CreateNoticeModal
          tree={tree}
          defaultNodeId={nodeId}
          onClose={() => setCreating(false)}
          onDone={(n) => {
            toast('success', '已保存草稿');
            navigate(`/notices/${n.id}`);
          }}
        />
      )}
    </div>
  );
}
