import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Form, Input, Popconfirm, Select, Space, Spin, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { NODE_KIND_LABEL, type NodeKind } from '../../../core/org';
import { PARTY_ORG_CHILD_KINDS, PARTY_ORG_KIND_LABEL, PARTY_ORG_KINDS, type PartyOrgKind } from '../../../core/registry';
import { api } from '../api';
import { useSession } from '../auth/session';
import { useOrgTree } from '../org/useOrgTree';
import { errorMessage, showError, toast } from '../shared/feedback';
import { FormModal } from '../shared/FormModal';
import { compareNames } from '../shared/format';
import { useIsMobile } from '../shared/useIsMobile';
import { RegistryNodePicker } from './RegistryNodePicker';
import type { PartyOrg } from './types';

/** Where each kind sits (the server enforces the same). */
const NODE_KINDS_FOR: Record<PartyOrgKind, readonly NodeKind[]> = {
  committee: ['community', 'street'],
  generalBranch: ['community', 'street'],
  branch: ['grid', 'company', 'community'],
  group: ['building', 'grid'],
};

interface Row extends PartyOrg {
  children?: Row[];
}

interface Values {
  kind: PartyOrgKind;
  name: string;
  nodeId: number;
}

/** 党组织: the tree parallel to the admin tree (社区党委/党总支 → 网格党支部 → 楼栋党小组, and company party organisations). */
export default function PartyOrgsPage() {
  const { can } = useSession();
  const mobile = useIsMobile();
  const { tree } = useOrgTree();
  const [items, setItems] = useState<PartyOrg[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ parent: PartyOrg | null; org: PartyOrg | null } | null>(null);
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);

  const load = useCallback(() => {
    api.get<{ items: PartyOrg[] }>('/api/party-orgs').then(
      (r) => {
        setItems(r.items);
        setError(null);
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  }, []);
  useEffect(load, [load]);

  const rows = useMemo(() => {
    if (!items) return [];
    const byId = new Map<number, Row>(items.map((o) => [o.id, { ...o }]));
    const roots: Row[] = [];
    for (const o of byId.values()) {
      const parent = o.parentId !== null ? byId.get(o.parentId) : undefined;
      if (parent) (parent.children ??= []).push(o);
      else roots.push(o);
    }
    const sort = (list: Row[]) => {
      list.sort((a, b) => PARTY_ORG_KINDS.indexOf(a.kind) - PARTY_ORG_KINDS.indexOf(b.kind) || compareNames(a.name, b.name));
      for (const r of list) if (r.children) sort(r.children);
    };
    sort(roots);
    return roots;
  }, [items]);

  async function remove(o: PartyOrg) {
    try {
      await api.delete(`/api/party-orgs/${o.id}`);
      toast('success', `已删除 ${o.name}`);
      load();
    } catch (e) {
      showError(e);
    }
  }

  const columns: TableColumnsType<Row> = [
    {
      title: '党组织',
      dataIndex: 'name',
      render: (name: string, o) => (
        <span data-testid={`party-org-${o.id}`}>
          <Tag color="red">{PARTY_ORG_KIND_LABEL[o.kind]}</Tag>
          {name}
        </span>
      ),
    },
    { title: '所在', render: (_, o) => `${o.nodeName}（${NODE_KIND_LABEL[o.nodeKind]}）`, responsive: ['md'] },
    {
      title: '党员',
      render: (_, o) => (
        <span>
          {o.fullMembers} 名正式{o.probationaryMembers > 0 && `，${o.probationaryMembers} 名预备`}
        </span>
      ),
    },
    { title: '书记', render: (_, o) => o.secretary?.name ?? <span className="muted">{o.kind === 'group' ? '—' : '未配备'}</span> },
    {
      title: '操作',
      width: mobile ? 120 : 200,
      render: (_, o) => (
        <Space size={0} wrap>
          {o.actions.includes('createChild') && (
            <Button
              type="link"
              size="small"
              onClick={() => setEditing({ parent: o, org: null })}
              data-testid={`party-org-add-child-${o.id}`}
            >
              下设
            </Button>
          )}
          {o.actions.includes('update') && (
            <Button type="link" size="small" onClick={() => setEditing({ parent: null, org: o })} data-testid={`party-org-edit-${o.id}`}>
              修改
            </Button>
          )}
          {o.actions.includes('delete') && (
            <Popconfirm title={`删除“${o.name}”？`} description="仅在没有下级、党员和任职记录时可删除。" onConfirm={() => remove(o)}>
              <Button type="link" size="small" danger data-testid={`party-org-delete-${o.id}`}>
                删除
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  const parent = editing?.parent ?? null;
  const childKinds = parent ? PARTY_ORG_CHILD_KINDS[parent.kind] : PARTY_ORG_KINDS.filter((k) => k !== 'group');

  async function submit(v: Values) {
    if (editing?.org) {
      await api.patch(`/api/party-orgs/${editing.org.id}`, { name: v.name, nodeId: v.nodeId });
      toast('success', '已保存');
    } else {
      await api.post('/api/party-orgs', { kind: v.kind, name: v.name, nodeId: v.nodeId, parentId: parent?.id ?? null });
      toast('success', `已设立 ${v.name}`);
    }
    load();
  }

  const formKind = editing?.org?.kind ?? kind;
  return (
    <Card
      title="党组织"
      extra={
        <Space>
          <Button href="/api/party-orgs/export.xlsx" data-testid="party-orgs-export">
            导出 Excel
          </Button>
          {can('party.manage') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({ parent: null, org: null })}
              data-testid="party-org-create"
            >
              设立党组织
            </Button>
          )}
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {!items && !error ? (
        <Spin />
      ) : rows.length === 0 ? (
        <Empty description="暂无党组织" />
      ) : (
        <Table<Row>
          rowKey="id"
          size={mobile ? 'small' : 'middle'}
          columns={columns}
          dataSource={rows}
          pagination={false}
          expandable={{ defaultExpandAllRows: true }}
          scroll={{ x: 'max-content' }}
        />
      )}
      <FormModal<Values>
        title={editing?.org ? `修改：${editing.org.name}` : parent ? `在“${parent.name}”下设党组织` : '设立党组织'}
        open={editing !== null}
        form={form}
        onClose={() => setEditing(null)}
        onSubmit={submit}
        testId="party-org-form"
        initialValues={
          editing?.org ? { kind: editing.org.kind, name: editing.org.name, nodeId: editing.org.nodeId } : { kind: childKinds[0] }
        }
      >
        <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
          <Select
            disabled={!!editing?.org}
            options={(editing?.org ? PARTY_ORG_KINDS : childKinds).map((k) => ({ value: k, label: PARTY_ORG_KIND_LABEL[k] }))}
            data-testid="party-org-form-kind"
          />
        </Form.Item>
        <Form.Item
          name="name"
          label="名称"
          rules={[
            { required: true, whitespace: true, message: '请输入名称' },
            { max: 100, message: '名称不能超过 100 个字' },
          ]}
        >
          <Input maxLength={100} placeholder="如 幸福社区党委、第一网格党支部" data-testid="party-org-form-name" />
        </Form.Item>
        <Form.Item
          name="nodeId"
          label="所在"
          extra={
            formKind
              ? `${PARTY_ORG_KIND_LABEL[formKind]}设在${NODE_KINDS_FOR[formKind].map((k) => NODE_KIND_LABEL[k]).join('或')}`
              : undefined
          }
          rules={[{ required: true, message: '请选择所在单位' }]}
        >
          <RegistryNodePicker tree={tree} kinds={formKind ? NODE_KINDS_FOR[formKind] : []} testId="party-org-form-node" />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
