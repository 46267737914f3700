import { ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import { errorMessage, showError } from '../shared/feedback';
import { formatTime } from '../shared/format';
import { useIsMobile } from '../shared/useIsMobile';
import './audit.css';

/** GET /api/audit item */
interface AuditEntry {
  id: number;
  at: string;
  actorId?: number | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  nodeId: number | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
  hash: string;
}

interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBroken: { id: number | null; reason: string } | null;
}

const PAGE = 50;

export const ACTION_LABEL: Record<string, string> = {
  'org.create': '新建组织节点',
  'org.update': '修改组织节点',
  'org.move': '移动组织节点',
  'org.delete': '删除组织节点',
  'unit.create': '新建房屋',
  'unit.update': '修改房屋',
  'unit.delete': '删除房屋',
  'account.create': '新建账号',
  'account.update': '修改账号',
  'account.resetPassword': '重置密码',
  'account.changePassword': '修改本人密码',
  'demo.load': '载入演示数据',
  'calendar.setDay': '登记日历',
  'calendar.removeDay': '删除日历登记',
  'calendar.setYear': '标记年度日历',
  'notice.create': '起草公告',
  'notice.update': '修改公告',
  'notice.publish': '发布公告',
  'notice.correct': '起草更正公告',
  'objection.file': '提出异议',
  'objection.verify': '核查异议',
  'notice.closePeriod': '公示期届满',
  'objection.overdue': '异议核查逾期',
};

const ENTITY_LABEL: Record<string, string> = {
  org_node: '组织节点',
  unit: '房屋',
  account: '账号',
  street: '街道',
  calendar_day: '日历登记',
  calendar_year: '年度日历',
  public_notice: '公告',
  objection: '异议',
};

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="muted">（无）</span>;
  return <pre className="audit-json">{JSON.stringify(value, null, 2)}</pre>;
}

/** 审计日志: newest first, 50 at a time, and a check of the hash chain. */
export default function AuditPage() {
  const mobile = useIsMobile();
  const [items, setItems] = useState<AuditEntry[]>([]);
  const [loading, setLoading] = useState(true);
  const [hasMore, setHasMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [action, setAction] = useState<string | undefined>(undefined);
  const [verifying, setVerifying] = useState(false);
  const [verify, setVerify] = useState<VerifyResult | null>(null);

  const load = useCallback(
    async (beforeId?: number) => {
      setLoading(true);
      try {
        const r = await api.get<{ items: AuditEntry[] }>('/api/audit', { limit: PAGE, beforeId, action });
        setItems((prev) => (beforeId ? [...prev, ...r.items] : r.items));
        setHasMore(r.items.length === PAGE);
        setError(null);
      } catch (e) {
        setError(errorMessage(e));
      } finally {
        setLoading(false);
      }
    },
    [action],
  );

  useEffect(() => {
    void load();
  }, [load]);

  async function runVerify() {
    setVerifying(true);
    try {
      setVerify(await api.get<VerifyResult>('/api/audit/verify'));
    } catch (e) {
      showError(e);
    } finally {
      setVerifying(false);
    }
  }

  const columns: TableColumnsType<AuditEntry> = [
    { title: '编号', dataIndex: 'id', key: 'id', width: 80 },
    { title: '时间', dataIndex: 'at', key: 'at', width: 170, render: (v: string) => <span className="audit-time">{formatTime(v)}</span> },
    {
      title: '操作人',
      dataIndex: 'actorName',
      key: 'actor',
      width: 170,
      render: (v: string | null) => v ?? <span className="muted">系统</span>,
    },
    {
      title: '操作',
      dataIndex: 'action',
      key: 'action',
      width: 170,
      render: (v: string) => (
        <span>
          {ACTION_LABEL[v] ?? v}
          <div className="audit-code">{v}</div>
        </span>
      ),
    },
    {
      title: '对象',
      key: 'entity',
      render: (_: unknown, e: AuditEntry) => (
        <span>
          {ENTITY_LABEL[e.entityType] ?? e.entityType}
          {e.entityId && <span className="muted"> #{e.entityId}</span>}
        </span>
      ),
    },
    { title: 'IP', dataIndex: 'ip', key: 'ip', width: 130, render: (v: string | null) => v ?? <span className="muted">—</span> },
  ];

  // On a phone one column tells the whole entry.
  const phoneColumns: TableColumnsType<AuditEntry> = [
    {
      title: '记录',
      key: 'entry',
      render: (_: unknown, e: AuditEntry) => (
        <div>
          <div>
            <strong>{ACTION_LABEL[e.action] ?? e.action}</strong> <span className="muted">#{e.id}</span>
          </div>
          <div className="muted" style={{ fontSize: 12 }}>
            <span className="audit-time">{formatTime(e.at)}</span> · {e.actorName ?? '系统'}
          </div>
          <div style={{ fontSize: 12 }}>
            {ENTITY_LABEL[e.entityType] ?? e.entityType}
            {e.entityId && <span className="muted"> #{e.entityId}</span>}
            {e.ip && <span className="muted"> · {e.ip}</span>}
          </div>
        </div>
      ),
    },
  ];

  return (
    <div>
      <div className="page-header">
        <Typography.Title level={4}>审计日志</Typography.Title>
        <Space wrap>
          <Select
            allowClear
            placeholder="全部操作"
            value={action}
            onChange={(v: string | undefined) => setAction(v)}
            options={Object.entries(ACTION_LABEL).map(([value, label]) => ({ value, label }))}
            style={{ width: mobile ? 160 : 200 }}
            data-testid="audit-action-filter"
          />
          <Button icon={<ReloadOutlined />} onClick={() => void load()} aria-label="刷新" data-testid="audit-reload" />
          <Button
            type="primary"
            icon={<SafetyCertificateOutlined />}
            loading={verifying}
            onClick={() => void runVerify()}
            data-testid="audit-verify"
          >
            校验审计链
          </Button>
        </Space>
      </div>
      {verify && (
        <Alert
          style={{ marginBottom: 12 }}
          showIcon
          closable={{ onClose: () => setVerify(null) }}
          type={verify.ok ? 'success' : 'error'}
          data-testid="audit-verify-result"
          title={
            verify.ok ? (
              <span>
                <Tag color="success">完整</Tag>审计链完整，已校验 {verify.checked} 条记录，未发现篡改。
              </span>
            ) : (
              <span>
                <Tag color="error">已损坏</Tag>审计链校验未通过（已校验 {verify.checked} 条）
                {verify.firstBroken?.id != null ? `，首个异常记录 #${verify.firstBroken.id}` : ''}：
                {verify.firstBroken?.reason ?? '原因未知'}
              </span>
            )
          }
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Card size={mobile ? 'small' : 'default'}>
        <div data-testid="audit-table">
          <Table<AuditEntry>
            rowKey="id"
            size="middle"
            columns={mobile ? phoneColumns : columns}
            dataSource={items}
            loading={loading}
            pagination={false}
            scroll={mobile ? undefined : { x: 860 }}
            locale={{ emptyText: '暂无审计记录' }}
            expandable={{
              expandedRowRender: (e) => (
                <div className="audit-detail" data-testid={`audit-detail-${e.id}`}>
                  <div className="audit-diff">
                    <div>
                      <div className="audit-diff-title">修改前</div>
                      <Json value={e.before} />
                    </div>
                    <div>
                      <div className="audit-diff-title">修改后</div>
                      <Json value={e.after} />
                    </div>
                  </div>
                  <div className="audit-meta">
                    {e.nodeId !== null && <span>所在节点：#{e.nodeId}</span>}
                    {e.requestId && <span>请求编号：{e.requestId}</span>}
                    <span>
                      哈希：<code>{e.hash}</code>
                    </span>
                  </div>
                </div>
              ),
            }}
          />
        </div>
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          {hasMore ? (
            <Button onClick={() => void load(items[items.length - 1]?.id)} loading={loading} data-testid="audit-load-more">
              加载更多
            </Button>
          ) : (
            items.length > 0 && <span className="muted">已显示全部 {items.length} 条记录</span>
          )}
        </div>
      </Card>
    </div>
  );
}
