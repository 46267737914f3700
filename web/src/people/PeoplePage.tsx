import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState, type HTMLAttributes } from 'react';
import {
  PARTY_STATUS_LABEL,
  PARTY_STATUSES,
  PERSON_TAG_LABEL,
  PERSON_TAGS,
  POST_ROLE_CODES,
  POST_ROLES,
  type PersonTag,
} from '../../../core/registry';
import { api, withQuery } from '../api';
import { useSession } from '../auth/session';
import { useOrgTree } from '../org/useOrgTree';
import { errorMessage, toast } from '../shared/feedback';
import { useIsMobile } from '../shared/useIsMobile';
import { PartyStatusTag } from './PartyStatusTag';
import { PersonDrawer } from './PersonDrawer';
import { PersonModal } from './PersonModal';
import { RegistryNodePicker } from './RegistryNodePicker';
import type { PersonItem } from './types';

const FILTER_NODE_KINDS = ['street', 'community', 'grid', 'estate', 'building', 'company'] as const;

interface Filters {
  q?: string;
  nodeId?: number;
  partyStatus?: string;
  tag?: string;
  role?: string;
}

/** 人员与职务: the registry of people in the caller's scope, masked, searchable, exportable. */
export default function PeoplePage() {
  const { can } = useSession();
  const mobile = useIsMobile();
  const { tree } = useOrgTree();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [data, setData] = useState<{ items: PersonItem[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);

  useEffect(() => {
    let live = true;
    setLoading(true);
    api.get<{ items: PersonItem[]; total: number }>('/api/people', { ...filters, page, pageSize }).then(
      (r) => {
        if (!live) return;
        setData(r);
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
  }, [filters, page, pageSize, version]);

  const setFilter = (patch: Filters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };

  const columns: TableColumnsType<PersonItem> = [
    {
      title: '姓名',
      dataIndex: 'name',
      fixed: mobile ? undefined : 'left',
      render: (name: string, p) => (
        <Typography.Link onClick={() => setOpenId(p.id)} data-testid={`person-open-${p.id}`}>
          {name}
        </Typography.Link>
      ),
    },
    { title: '身份证号', dataIndex: 'idNumberMasked', render: (v: string | null) => v ?? '—', responsive: ['md'] },
    { title: '手机号', dataIndex: 'mobileMasked', render: (v: string | null) => v ?? '—' },
    { title: '政治面貌', dataIndex: 'partyStatus', render: (_, p) => <PartyStatusTag status={p.partyStatus} /> },
    {
      title: '标签',
      dataIndex: 'tags',
      responsive: ['lg'],
      render: (tags: string[]) => tags.map((t) => <Tag key={t}>{PERSON_TAG_LABEL[t as PersonTag] ?? t}</Tag>),
    },
    {
      title: '现任职务',
      dataIndex: 'currentPosts',
      render: (_, p) =>
        p.currentPosts.length ? (
          <Space size={[4, 4]} wrap>
            {p.currentPosts.map((c) => (
              <Tag key={c.id} color="blue">
                {c.bodyName}
                {c.roleLabel}
              </Tag>
            ))}
          </Space>
        ) : (
          <span className="muted">—</span>
        ),
    },
    { title: '登记单位', dataIndex: 'nodeName', responsive: ['md'] },
  ];

  return (
    <Card
      title="人员与职务"
      extra={
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            href={withQuery('/api/people/export.xlsx', { ...filters })}
            download="人员名册.xlsx"
            data-testid="people-export"
          >
            {mobile ? '导出' : '导出 Excel'}
          </Button>
          {can('registry.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="person-create">
              登记人员
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder="姓名，或身份证号/手机号后4位"
          onSearch={(q) => setFilter({ q: q.trim() || undefined })}
          style={{ width: mobile ? '100%' : 260 }}
          data-testid="people-search"
        />
        <RegistryNodePicker
          tree={tree}
          kinds={FILTER_NODE_KINDS}
          value={filters.nodeId}
          onChange={(nodeId) => setFilter({ nodeId })}
          allowClear
          placeholder="全部单位"
          style={{ width: mobile ? '100%' : 220 }}
          testId="people-filter-node"
        />
        <Select
          allowClear
          placeholder="政治面貌"
          style={{ width: 120 }}
          value={filters.partyStatus}
          onChange={(partyStatus) => setFilter({ partyStatus })}
          options={PARTY_STATUSES.map((s) => ({ value: s, label: PARTY_STATUS_LABEL[s] }))}
          data-testid="people-filter-party"
        />
        <Select
          allowClear
          placeholder="背景标签"
          style={{ width: 140 }}
          value={filters.tag}
          onChange={(tag) => setFilter({ tag })}
          options={PERSON_TAGS.map((t) => ({ value: t, label: PERSON_TAG_LABEL[t] }))}
          data-testid="people-filter-tag"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="现任职务"
          style={{ width: 140 }}
          value={filters.role}
          onChange={(role) => setFilter({ role })}
          options={POST_ROLE_CODES.map((r) => ({ value: r, label: POST_ROLES[r].label }))}
          data-testid="people-filter-role"
        />
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<PersonItem>
        rowKey="id"
        size={mobile ? 'small' : 'middle'}
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        onRow={(p) => ({ 'data-testid': `person-row-${p.id}` }) as HTMLAttributes<HTMLElement>}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: !mobile,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (n) => `共 ${n} 人`,
          onChange: (p, s) => {
            setPage(s !== pageSize ? 1 : p);
            setPageSize(s);
          },
        }}
      />
      <PersonModal
        open={creating}
        person={null}
        onClose={() => setCreating(false)}
        onSaved={(p) => {
          toast('success', `已登记 ${p.name}`);
          setVersion((v) => v + 1);
          setOpenId(p.id);
        }}
      />
      <PersonDrawer personId={openId} onClose={() => setOpenId(null)} onChanged={() => setVersion((v) => v + 1)} />
    </Card>
  );
}
