import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { AREA_SOURCE_LABEL, UNIT_KIND_LABEL } from '../../../core/org';
import { api } from '../api';
import { errorMessage, showError, toast } from '../shared/feedback';
import { compareNames, formatThousands } from '../shared/format';
import { useIsMobile } from '../shared/useIsMobile';
import type { Unit, UnitList } from './types';
import { UnitModal } from './UnitModal';
import { invalidateOrgTree, useOrgTree } from './useOrgTree';
import './org.css';

const PAGE_SIZES = [20, 50, 100];

/** 房屋: the units of one estate, paged on the server, filtered by building and room number. */
export default function UnitsPage() {
  const params = useParams();
  const estateId = Number(params.estateId);
  const [search, setSearch] = useSearchParams();
  const buildingId = Number(search.get('buildingId')) || null;
  const q = search.get('q') ?? '';
  const page = Math.max(1, Number(search.get('page')) || 1);
  const pageSize = PAGE_SIZES.includes(Number(search.get('pageSize'))) ? Number(search.get('pageSize')) : 20;
  const mobile = useIsMobile();

  const { tree } = useOrgTree();
  const [data, setData] = useState<UnitList | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [qInput, setQInput] = useState(q);
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);

  useEffect(() => setQInput(q), [q]);

  useEffect(() => {
    let live = true;
    setLoading(true);
    api.get<UnitList>(`/api/estates/${estateId}/units`, { buildingId, q, limit: pageSize, offset: (page - 1) * pageSize }).then(
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
  }, [estateId, buildingId, q, page, pageSize, version]);

  const estate = tree?.byId.get(estateId);
  const buildings = useMemo(
    () =>
      tree
        ? [...tree.byId.values()]
            .filter((n) => n.kind === 'building' && n.parentId === estateId)
            .sort((a, b) => compareNames(a.name, b.name))
        : [],
    [tree, estateId],
  );
  const creatable = buildings.filter((b) => b.actions.includes('createUnit'));
  const building = buildingId !== null ? buildings.find((b) => b.id === buildingId) : undefined;

  function update(next: Record<string, string | number | null>) {
    const p = new URLSearchParams(search);
    for (const [k, v] of Object.entries(next)) {
      if (v === null || v === '') p.delete(k);
      else p.set(k, String(v));
    }
    setSearch(p, { replace: true });
  }

  async function remove(u: Unit) {
    try {
      await api.delete(`/api/units/${u.id}`);
      toast('success', `已删除 ${u.buildingName} ${u.number}`);
      invalidateOrgTree();
      if (data && data.items.length === 1 && page > 1) update({ page: page - 1 });
      else setVersion((v) => v + 1);
    } catch (e) {
      showError(e);
    }
  }

  const actionsCell = (u: Unit) => (
    <Space size={0}>
      {u.actions.includes('update') && (
        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(u)} data-testid={`unit-edit-${u.id}`}>
          {mobile ? null : '编辑'}
        </Button>
      )}
      {u.actions.includes('delete') && (
        <Popconfirm
          title={`删除房屋 ${u.buildingName} ${u.entrance} ${u.number}？`}
          description="删除后不可恢复"
          okText="删除"
          cancelText="取消"
          okButtonProps={{ danger: true, 'data-testid': 'confirm-ok' }}
          onConfirm={() => remove(u)}
        >
          <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label="删除" data-testid={`unit-delete-${u.id}`}>
            {mobile ? null : '删除'}
          </Button>
        </Popconfirm>
      )}
      {!u.actions.includes('update') && !u.actions.includes('delete') && <span className="muted">—</span>}
    </Space>
  );

  // On a phone the eight columns fold into three: the unit, its area, and the actions.
  const phoneColumns: TableColumnsType<Unit> = [
    {
      title: '房屋',
      key: 'unit',
      render: (_: unknown, u: Unit) => (
        <div>
          <div>
            {u.buildingName} {u.entrance} <strong>{u.number}</strong>
          </div>
          <div className="muted" style={{ fontSize: 12 }}>
            {u.floor !== null ? `${u.floor}层 · ` : ''}
            {UNIT_KIND_LABEL[u.kind]}
          </div>
        </div>
      ),
    },
    {
      title: '专有面积(㎡)',
      key: 'area',
      align: 'right',
      render: (_: unknown, u: Unit) => (
        <div>
          <div>{formatThousands(u.area)}</div>
          <div className="muted" style={{ fontSize: 12 }}>
            {AREA_SOURCE_LABEL[u.areaSource]}
          </div>
        </div>
      ),
    },
    { title: '操作', key: 'actions', width: 84, render: (_: unknown, u: Unit) => actionsCell(u) },
  ];

  const columns: TableColumnsType<Unit> = [
    { title: '楼栋', dataIndex: 'buildingName', key: 'building', width: 110 },
    { title: '单元', dataIndex: 'entrance', key: 'entrance', width: 90, render: (v: string) => v || <span className="muted">—</span> },
    {
      title: '楼层',
      dataIndex: 'floor',
      key: 'floor',
      width: 70,
      align: 'right',
      render: (v: number | null) => (v === null ? <span className="muted">—</span> : v),
    },
    { title: '房号', dataIndex: 'number', key: 'number', width: 90 },
    {
      title: '类型',
      dataIndex: 'kind',
      key: 'kind',
      width: 80,
      render: (v: Unit['kind']) => (v === 'residential' ? UNIT_KIND_LABEL[v] : <Tag color="gold">{UNIT_KIND_LABEL[v]}</Tag>),
    },
    { title: '专有面积(㎡)', dataIndex: 'area', key: 'area', width: 120, align: 'right', render: (v: string) => formatThousands(v) },
    { title: '面积来源', dataIndex: 'areaSource', key: 'areaSource', width: 110, render: (v: Unit['areaSource']) => AREA_SOURCE_LABEL[v] },
    { title: '操作', key: 'actions', width: 150, fixed: 'right', render: (_: unknown, u: Unit) => actionsCell(u) },
  ];

  const estateName = estate?.name ?? tree?.outsideEstates.get(estateId) ?? null;
  const title = `${estateName ?? '小区'} · 房屋`;
  const anyActions = !!data?.items.some((u) => u.actions.length > 0);

  return (
    <div>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[
          { key: 'org', title: <Link to="/org">组织架构</Link> },
          {
            key: 'estate',
            title: estate?.inScope ? <Link to={`/org/${estateId}`}>{estate.name}</Link> : (estateName ?? `小区 #${estateId}`),
          },
          ...(building ? [{ key: 'building', title: <Link to={`/org/${building.id}`}>{building.name}</Link> }] : []),
          { key: 'units', title: '房屋' },
        ]}
      />
      <div className="page-header">
        <Space size={8}>
          <Link to={building ? `/org/${building.id}` : estate?.inScope ? `/org/${estateId}` : '/org'}>
            <Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回组织架构" data-testid="units-back" />
          </Link>
          <Typography.Title level={4} data-testid="units-title">
            {title}
          </Typography.Title>
        </Space>
        {creatable.length > 0 && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="unit-create">
            新建房屋
          </Button>
        )}
      </div>
      <Card size={mobile ? 'small' : 'default'}>
        <div className="units-filters">
          <Select
            allowClear
            placeholder="全部楼栋"
            value={buildingId ?? undefined}
            onChange={(v: number | undefined) => update({ buildingId: v ?? null, page: null })}
            options={buildings.map((b) => ({ value: b.id, label: b.name }))}
            style={{ width: mobile ? '100%' : 180 }}
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="units-building-filter"
          />
          <Input.Search
            allowClear
            placeholder="按房号搜索，如 301"
            value={qInput}
            maxLength={40}
            onChange={(e) => {
              setQInput(e.target.value);
              if (!e.target.value) update({ q: null, page: null });
            }}
            onSearch={(v) => update({ q: v.trim() || null, page: null })}
            style={{ width: mobile ? '100%' : 240 }}
            data-testid="units-search"
          />
          {data && (
            <span className="units-total" data-testid="units-total">
              共 {formatThousands(data.total)} 套，总面积 {formatThousands(data.totalArea)} ㎡
            </span>
          )}
        </div>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="units-error" />}
        <div data-testid="units-table">
          <Table<Unit>
            rowKey="id"
            size={mobile ? 'small' : 'middle'}
            columns={(mobile ? phoneColumns : columns).filter((c) => anyActions || c.key !== 'actions')}
            dataSource={data?.items ?? []}
            loading={loading}
            scroll={mobile ? undefined : { x: 820 }}
            locale={{ emptyText: q || buildingId ? '没有符合条件的房屋' : '暂无房屋' }}
            pagination={{
              current: page,
              pageSize,
              total: data?.total ?? 0,
              pageSizeOptions: PAGE_SIZES,
              showSizeChanger: true,
              showTotal: (t) => `共 ${formatThousands(t)} 套`,
              simple: mobile,
              onChange: (p, s) => {
                update({ page: p === 1 ? null : p, pageSize: s === 20 ? null : s });
                window.scrollTo({ top: 0 });
              },
            }}
          />
        </div>
      </Card>
      {editing && (
        <UnitModal
          unit={editing === 'new' ? null : editing}
          buildings={creatable}
          defaultBuildingId={building && building.actions.includes('createUnit') ? building.id : null}
          open
          onClose={() => setEditing(null)}
          onDone={(u) => {
            toast('success', editing === 'new' ? `已新建房屋 ${u.buildingName} ${u.number}` : '已保存');
            invalidateOrgTree();
            setVersion((v) => v + 1);
          }}
        />
      )}
    </div>
  );
}
