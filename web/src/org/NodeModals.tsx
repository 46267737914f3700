import { DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { NODE_KIND_LABEL, PARENT_KIND, type NodeKind } from '../../../core/org';
import { api } from '../api';
import { FormModal } from '../shared/FormModal';
import { compareNames, todayInChina } from '../shared/format';
import type { OrgTree } from './tree';
import { CHILD_KINDS, type OrgNode, type TreeNode } from './types';

interface NodeFormValues {
  kind: NodeKind;
  name: string;
  code?: string;
  address?: string;
  gridId?: number | null;
  deliveredOn?: Dayjs | null;
}

const dateText = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

const emptyToNull = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

/** The street a node belongs to, walking up the tree. */
function streetOf(tree: OrgTree, id: number): number | null {
  let n: TreeNode | undefined = tree.byId.get(id);
  while (n && n.kind !== 'street') n = n.parentId !== null ? tree.byId.get(n.parentId) : undefined;
  return n?.id ?? null;
}

/** Grids a building of this estate may be assigned to: same street, and managed by the caller. */
function gridOptions(tree: OrgTree, estateId: number, currentGridId: number | null) {
  const street = streetOf(tree, estateId);
  const community = tree.byId.get(estateId)?.parentId ?? null;
  const grids = [...tree.byId.values()].filter(
    (n) => n.kind === 'grid' && (n.id === currentGridId || (n.inScope && n.actions.includes('update') && streetOf(tree, n.id) === street)),
  );
  grids.sort((a, b) => Number(b.parentId === community) - Number(a.parentId === community) || compareNames(a.name, b.name));
  return grids.map((g) => {
    const parent = g.parentId !== null ? tree.byId.get(g.parentId) : undefined;
    const label = parent && !g.name.startsWith(parent.name) ? `${parent.name} / ${g.name}` : g.name;
    return { value: g.id, label };
  });
}

const nameRules = [
  { required: true, whitespace: true, message: '请输入名称' },
  { max: 100, message: '名称不能超过 100 个字' },
];

function CommonFields({ kind }: { kind: NodeKind | undefined }) {
  return (
    <>
      <Form.Item name="name" label="名称" rules={nameRules}>
        <Input
          maxLength={100}
          placeholder={kind === 'building' ? '如 1号楼' : kind === 'grid' ? '如 第一网格' : ''}
          data-testid="node-form-name"
        />
      </Form.Item>
      <Form.Item name="code" label="编码" rules={[{ max: 40, message: '编码不能超过 40 个字' }]}>
        <Input maxLength={40} placeholder="可选" data-testid="node-form-code" />
      </Form.Item>
      <Form.Item name="address" label="地址" rules={[{ max: 200, message: '地址不能超过 200 个字' }]}>
        <Input maxLength={200} placeholder="可选" data-testid="node-form-address" />
      </Form.Item>
      {kind === 'estate' && (
        <Form.Item name="deliveredOn" label="首次交付日期" extra="小区首套房屋交付业主的日期，用于判断成立业主大会的条件">
          <DatePicker
            style={{ width: '100%' }}
            placeholder="可选，选择日期"
            disabledDate={(d) => d.isAfter(dayjs(todayInChina()), 'day')}
            data-testid="node-form-delivered-on"
          />
        </Form.Item>
      )}
    </>
  );
}

/** 新建下级: a community under a street, a grid or estate under a community, a building under an estate. */
export function CreateChildModal({
  parent,
  tree,
  open,
  onClose,
  onDone,
}: {
  parent: OrgNode;
  tree: OrgTree;
  open: boolean;
  onClose(): void;
  onDone(created: OrgNode): void;
}) {
  const [form] = Form.useForm<NodeFormValues>();
  const kinds = CHILD_KINDS[parent.kind] ?? [];
  const kind = Form.useWatch('kind', form) ?? kinds[0];
  return (
    <FormModal<NodeFormValues>
      title={`在「${parent.name}」下新建`}
      open={open}
      form={form}
      initialValues={{ kind: kinds[0] }}
      testId="node-form"
      onClose={onClose}
      onSubmit={async (v) => {
        const created = await api.post<OrgNode>('/api/org/nodes', {
          kind: v.kind,
          parentId: parent.id,
          name: v.name.trim(),
          code: emptyToNull(v.code),
          address: emptyToNull(v.address),
          ...(v.kind === 'building' ? { gridId: v.gridId ?? null } : {}),
          ...(v.kind === 'estate' && v.deliveredOn ? { deliveredOn: dateText(v.deliveredOn) } : {}),
        });
        onDone(created);
      }}
    >
      <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
        <Select
          options={kinds.map((k) => ({ value: k, label: NODE_KIND_LABEL[k] }))}
          disabled={kinds.length < 2}
          data-testid="node-form-kind"
        />
      </Form.Item>
      <CommonFields kind={kind} />
      {kind === 'building' && (
        <Form.Item name="gridId" label="所属网格" extra="负责该楼栋的网格，网格员据此查看楼栋与房屋">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="请选择网格"
            options={gridOptions(tree, parent.id, null)}
            data-testid="node-form-grid"
          />
        </Form.Item>
      )}
    </FormModal>
  );
}

/** 编辑: name, code, address, and a building's grid. Only changed fields are sent. */
export function EditNodeModal({
  node,
  tree,
  open,
  onClose,
  onDone,
}: {
  node: OrgNode;
  tree: OrgTree;
  open: boolean;
  onClose(): void;
  onDone(updated: OrgNode): void;
}) {
  const [form] = Form.useForm<NodeFormValues>();
  return (
    <FormModal<NodeFormValues>
      title={`编辑${NODE_KIND_LABEL[node.kind]}「${node.name}」`}
      open={open}
      form={form}
      initialValues={{
        kind: node.kind,
        name: node.name,
        code: node.code ?? '',
        address: node.address ?? '',
        gridId: node.gridId,
        deliveredOn: node.deliveredOn ? dayjs(node.deliveredOn) : null,
      }}
      testId="node-form"
      onClose={onClose}
      onSubmit={async (v) => {
        const body: Record<string, unknown> = {};
        if (v.name.trim() !== node.name) body.name = v.name.trim();
        if (emptyToNull(v.code) !== node.code) body.code = emptyToNull(v.code);
        if (emptyToNull(v.address) !== node.address) body.address = emptyToNull(v.address);
        if (node.kind === 'building' && (v.gridId ?? null) !== node.gridId) body.gridId = v.gridId ?? null;
        if (node.kind === 'estate' && dateText(v.deliveredOn) !== (node.deliveredOn ?? null)) body.deliveredOn = dateText(v.deliveredOn);
        const updated = Object.keys(body).length ? await api.patch<OrgNode>(`/api/org/nodes/${node.id}`, body) : node;
        onDone(updated);
      }}
    >
      <CommonFields kind={node.kind} />
      {node.kind === 'building' && node.parentId !== null && (
        <Form.Item name="gridId" label="所属网格">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="未指定"
            options={gridOptions(tree, node.parentId, node.gridId)}
            data-testid="node-form-grid"
          />
        </Form.Item>
      )}
    </FormModal>
  );
}

/** Where a node may be moved: managed nodes of its parent kind, other than its current parent. */
export function moveTargets(tree: OrgTree, node: OrgNode): TreeNode[] {
  const parentKind = PARENT_KIND[node.kind];
  if (!parentKind) return [];
  return [...tree.byId.values()]
    .filter((n) => n.kind === parentKind && n.inScope && n.actions.includes('update') && n.id !== node.parentId)
    .sort((a, b) => compareNames(a.name, b.name));
}

/** 移动: a node (with everything below it) to another parent of the right kind. */
export function MoveNodeModal({
  node,
  tree,
  open,
  onClose,
  onDone,
}: {
  node: OrgNode;
  tree: OrgTree;
  open: boolean;
  onClose(): void;
  onDone(moved: OrgNode): void;
}) {
  const [form] = Form.useForm<{ parentId: number }>();
  const parentKind = PARENT_KIND[node.kind];
  const options = moveTargets(tree, node).map((n) => {
    const parent = n.parentId !== null ? tree.byId.get(n.parentId) : undefined;
    return { value: n.id, label: parent && parent.kind !== 'street' ? `${parent.name} / ${n.name}` : n.name };
  });
  const current = node.parentId !== null ? tree.byId.get(node.parentId) : undefined;
  return (
    <FormModal<{ parentId: number }>
      title={`移动${NODE_KIND_LABEL[node.kind]}「${node.name}」`}
      open={open}
      form={form}
      testId="move-form"
      onClose={onClose}
      onSubmit={async (v) => {
        onDone(await api.post<OrgNode>(`/api/org/nodes/${node.id}/move`, { parentId: v.parentId }));
      }}
    >
      <p className="muted">
        当前上级：{current?.name ?? '—'}。移动后，其下级{node.kind === 'building' ? '房屋' : '节点和房屋'}
        一并移动，相关人员的管理范围随之变化。
      </p>
      <Form.Item
        name="parentId"
        label={`新的上级${parentKind ? NODE_KIND_LABEL[parentKind] : ''}`}
        rules={[{ required: true, message: '请选择新的上级' }]}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="请选择"
          options={options}
          notFoundContent="没有可选的上级"
          data-testid="move-form-parent"
        />
      </Form.Item>
    </FormModal>
  );
}
