import { DeleteOutlined, EditOutlined, HomeOutlined, PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Descriptions, Empty, List, Skeleton, Space, Typography } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { formatDateZh } from '../../../core/dates';
import { NODE_KIND_LABEL } from '../../../core/org';
import { api } from '../api';
import { errorMessage, modal, showError, toast } from '../shared/feedback';
import { compareNames, formatArea, formatThousands } from '../shared/format';
import { useIsMobile } from '../shared/useIsMobile';
import { useSession } from '../auth/session';
import { EstateLinks } from './EstateLinks';
import { KindTag } from './KindTag';

const RegistryChecks = lazy(() => import('../people/RegistryChecks'));
import { CreateChildModal, EditNodeModal, MoveNodeModal, moveTargets } from './NodeModals';
import { KIND_ORDER, type OrgTree } from './tree';
import { CHILD_KINDS, type NodeDetail as Detail, type OrgNode } from './types';

type Dialog = 'create' | 'edit' | 'move' | null;

/** The units page of an estate, or of an estate filtered to one building. */
export function unitsPath(node: Pick<OrgNode, 'id' | 'kind' | 'parentId'>): string | null {
  if (node.kind === 'estate') return `/estates/${node.id}/units`;
  if (node.kind === 'building' && node.parentId !== null) return `/estates/${node.parentId}/units?buildingId=${node.id}`;
  return null;
}

export function NodeDetailPanel({ id, tree, onTreeChanged }: { id: number; tree: OrgTree; onTreeChanged(openId?: number): void }) {
  const navigate = useNavigate();
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [version, setVersion] = useState(0);
  const mobile = useIsMobile();
  const session = useSession();

  useEffect(() => {
    let live = true;
    setError(null);
    api.get<Detail>(`/api/org/nodes/${id}`).then(
      (d) => live && setDetail(d),
      (e: unknown) => {
        if (!live) return;
        setDetail(null);
        setError(errorMessage(e));
      },
    );
    return () => {
      live = false;
    };
  }, [id, version]);

  const changed = useCallback(
    (openId?: number) => {
      setVersion((v) => v + 1);
      onTreeChanged(openId);
    },
    [onTreeChanged],
  );

  if (error) return <Alert type="error" showIcon title="无法加载节点" description={error} data-testid="node-error" />;
  if (!detail || detail.id !== id)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );

  const d = detail;
  const can = (a: string) => d.actions.includes(a);
  const childKinds = CHILD_KINDS[d.kind] ?? [];
  const units = can('listUnits') ? unitsPath(d) : null;
  const parent = d.ancestors[d.ancestors.length - 1];
  const grid = d.gridId !== null ? tree.byId.get(d.gridId) : undefined;
  // Under a grid, buildings of several estates meet: name each by its estate (和悦邸 1号楼).
  const estateOf = (c: OrgNode) =>
    d.kind === 'grid' && c.kind === 'building' && c.parentId !== null
      ? (tree.byId.get(c.parentId)?.name ?? tree.outsideEstates.get(c.parentId) ?? '')
      : '';
  const children = [...d.children].sort(
    (a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || compareNames(estateOf(a), estateOf(b)) || compareNames(a.name, b.name),
  );

  function confirmDelete() {
    modal().confirm({
      title: `删除${NODE_KIND_LABEL[d.kind]}「${d.name}」？`,
      content: '只能删除没有下级和房屋的节点。删除后不可恢复，操作将记入审计日志。',
      okText: '删除',
      okButtonProps: { danger: true, 'data-testid': 'confirm-ok' },
      cancelButtonProps: { 'data-testid': 'confirm-cancel' },
      cancelText: '取消',
      onOk: async () => {
        try {
          await api.delete(`/api/org/nodes/${d.id}`);
          toast('success', `已删除「${d.name}」`);
          onTreeChanged();
          navigate(parent ? `/org/${parent.id}` : '/org', { replace: true });
        } catch (e) {
          showError(e);
        }
      },
    });
  }

  const ancestorLink = (a: { id: number; name: string }) => {
    const n = tree.byId.get(a.id);
    return n?.inScope ? <Link to={`/org/${a.id}`}>{a.name}</Link> : <span>{a.name}</span>;
  };

  return (
    <Space orientation="vertical" size={mobile ? 12 : 16} style={{ width: '100%' }}>
      <Card size={mobile ? 'small' : 'default'}>
        <Breadcrumb
          data-testid="node-breadcrumb"
          items={[...d.ancestors.map((a) => ({ key: a.id, title: ancestorLink(a) })), { key: d.id, title: d.name }]}
          style={{ marginBottom: 12 }}
        />
        <div className="node-head">
          <div className="node-head-title">
            <KindTag kind={d.kind} />
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="node-title">
              {d.name}
            </Typography.Title>
          </div>
          <Space wrap size={8}>
            {units && (
              <Button type="primary" icon={<HomeOutlined />} onClick={() => navigate(units)} data-testid="view-units">
                查看房屋
              </Button>
            )}
            {d.kind === 'estate' && <EstateLinks estateId={d.id} />}
            {can('createChild') && childKinds.length > 0 && (
              <Button icon={<PlusOutlined />} onClick={() => setDialog('create')} data-testid="create-child">
                新建下级
              </Button>
            )}
            {can('update') && (
              <Button icon={<EditOutlined />} onClick={() => setDialog('edit')} data-testid="edit-node">
                编辑
              </Button>
            )}
            {can('move') && moveTargets(tree, d).length > 0 && (
              <Button icon={<SwapOutlined />} onClick={() => setDialog('move')} data-testid="move-node">
                移动
              </Button>
            )}
            {can('delete') && (
              <Button danger icon={<DeleteOutlined />} onClick={confirmDelete} data-testid="delete-node">
                删除
              </Button>
            )}
          </Space>
        </div>
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
          style={{ marginTop: 16 }}
          items={[
            { key: 'kind', label: '类型', children: <span data-testid="node-kind">{NODE_KIND_LABEL[d.kind]}</span> },
            { key: 'code', label: '编码', children: d.code || <span className="muted">未填写</span> },
            { key: 'parent', label: '上级', children: parent ? parent.name : <span className="muted">无</span> },
            {
              key: 'address',
              label: '地址',
              children: d.address || <span className="muted">未填写</span>,
              span: d.kind === 'building' ? 1 : ('filled' as const),
            },
            ...(d.kind === 'estate' && d.deliveredOn !== undefined
              ? [
                  {
                    key: 'delivered',
                    label: '首次交付日期',
                    children: d.deliveredOn ? (
                      <span data-testid="node-delivered-on">{formatDateZh(d.deliveredOn)}</span>
                    ) : (
                      <span className="muted">未填写</span>
                    ),
                  },
                ]
              : []),
            ...(d.kind === 'building'
              ? [
                  {
                    key: 'grid',
                    label: '所属网格',
                    children: grid ? (
                      grid.inScope ? (
                        <Link to={`/org/${grid.id}`}>{grid.name}</Link>
                      ) : (
                        grid.name
                      )
                    ) : d.gridId !== null ? (
                      `网格 #${d.gridId}`
                    ) : (
                      <span className="muted">未指定</span>
                    ),
                  },
                ]
              : []),
            { key: 'units', label: '房屋套数', children: <span data-testid="node-unit-count">{formatThousands(d.unitCount)} 套</span> },
            { key: 'area', label: '专有部分总面积', children: <span data-testid="node-total-area">{formatArea(d.totalArea)}</span> },
          ]}
        />
      </Card>

      {(d.kind === 'street' || d.kind === 'community') && session.can('registry.read') && (
        <Suspense fallback={null}>
          <RegistryChecks nodeId={d.id} />
        </Suspense>
      )}

      <Card title={`下级（${children.length}）`} size="small" data-testid="node-children">
        {children.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={d.kind === 'building' ? '楼栋下为房屋，请点击“查看房屋”' : '暂无下级'} />
        ) : (
          <List
            size="small"
            dataSource={children}
            renderItem={(c) => {
              const estateName = estateOf(c);
              return (
                <List.Item key={c.id} data-testid={`child-${c.id}`}>
                  <Space size={8} wrap>
                    <KindTag kind={c.kind} short />
                    <Link to={`/org/${c.id}`}>{estateName ? `${estateName} ${c.name}` : c.name}</Link>
                    {c.code && <span className="muted">{c.code}</span>}
                  </Space>
                </List.Item>
              );
            }}
          />
        )}
      </Card>

      {dialog === 'create' && (
        <CreateChildModal
          parent={d}
          tree={tree}
          open
          onClose={() => setDialog(null)}
          onDone={(n) => {
            toast('success', `已新建${NODE_KIND_LABEL[n.kind]}「${n.name}」`);
            changed(d.id);
          }}
        />
      )}
      {dialog === 'edit' && (
        <EditNodeModal
          node={d}
          tree={tree}
          open
          onClose={() => setDialog(null)}
          onDone={() => {
            toast('success', '已保存');
            changed();
          }}
        />
      )}
      {dialog === 'move' && (
        <MoveNodeModal
          node={d}
          tree={tree}
          open
          onClose={() => setDialog(null)}
          onDone={() => {
            toast('success', '已移动');
            changed();
          }}
        />
      )}
    </Space>
  );
}
