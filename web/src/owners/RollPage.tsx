import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Input, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, withQuery } from '../api';
import { useOrgTree } from '../org/useOrgTree';
import { errorMessage } from '../shared/feedback';
import { compareNames, formatThousands } from '../shared/format';
import { useIsMobile } from '../shared/useIsMobile';
import { RollCounts } from './RollCounts';
import { FeeTag, UnitOwnershipDrawer } from './UnitOwnershipDrawer';
import { unitLabel, type Roll, type RollUnit } from './types';
import './owners.css';

type Filter = 'all' | 'unowned' | 'coOwnedWithoutVoter' | 'arrears' | 'developerStock';
const FILTERS: { value: Filter; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'unowned', label: '未登记业主' },
  { value: 'coOwnedWithoutVoter', label: '共有未指定表决人' },
  { value: 'arrears', label: '欠费' },
  { value: 'developerStock', label: '开发商房屋' },
];

/** 业主名册: one estate's units and owners, with the R3 totals next to the naive unit count. */
export default function RollPage() {
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const estateId = Number(useParams().estateId) || null;
  const [search, setSearch] = useSearchParams();
  const filter = (search.get('filter') as Filter) || 'all';
  const q = search.get('q') ?? '';
  const buildingId = Number(search.get('buildingId')) || null;
  const page = Math.max(1, Number(search.get('page')) || 1);
  const [pageSize, setPageSize] = useState(50);
  const { tree } = useOrgTree();
  const [roll, setRoll] = useState<Roll | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [version, setVersion] = useState(0);
  const [qInput, setQInput] = useState(q);
  const [openUnit, setOpenUnit] = useState<number | null>(null);

  // Estates the caller can open: those in scope, and those whose buildings his scope reaches (a grid
  // worker's grid serves buildings: the tree lists their estates for context, not in scope, issue 13).
  // Each with the number of units the caller reaches there, to open the one with the most work.
  const estates = useMemo(() => {
    if (!tree) return [];
    const reached = new Map<number, number>();
    for (const n of tree.byId.values())
      if (n.kind === 'building' && n.inScope && n.parentId !== null) reached.set(n.parentId, (reached.get(n.parentId) ?? 0) + n.unitCount);
    const list = [...tree.byId.values()]
      .filter((n) => n.kind === 'estate' && (n.inScope || reached.has(n.id)))
      .map((n) => ({ id: n.id, name: n.name, units: n.inScope ? n.unitCount : (reached.get(n.id) ?? 0) }));
    for (const [id, name] of tree.outsideEstates) if (!list.some((e) => e.id === id)) list.push({ id, name, units: reached.get(id) ?? 0 });
    return list.sort((a, b) => compareNames(a.name, b.name));
  }, [tree]);
  const buildings = useMemo(
    () =>
      tree && estateId
        ? [...tree.byId.values()]
            .filter((n) => n.kind === 'building' && n.parentId === estateId)
            .sort((a, b) => compareNames(a.name, b.name))
        : [],
    [tree, estateId],
  );

  // Opened without an estate (a grid worker lands here): the one with the most units in reach.
  useEffect(() => {
    if (estateId || estates.length === 0) return;
    const busiest = estates.reduce((a, b) => (b.units > a.units ? b : a));
    navigate(`/roll/${busiest.id}`, { replace: true });
  }, [estateId, estates, navigate]);

  const query = { estateId, filter, q, buildingIds: buildingId ?? undefined };
  useEffect(() => {
    if (!estateId) return;
    let live = true;
    setLoading(true);
    api.get<Roll>('/api/roll', { ...query, page, pageSize }).then(
      (r) => {
        if (!live) return;
        setRoll(r);
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
  }, [estateId, filter, q, buildingId, page, pageSize, version]);

  function update(next: Record<string, string | number | null>) {
    const p = new URLSearchParams(search);
    for (const [k, v] of Object.entries(next)) {
      if (v === null || v === '' || v === 'all') p.delete(k);
      else p.set(k, String(v));
    }
    if (!('page' in next)) p.delete('page');
    setSearch(p, { replace: true });
  }

  const owners = (u: RollUnit) =>
    u.owners.length ? (
      <Space size={4} wrap>
        {u.owners.map((o) => (
          <Tooltip
            key={o.id}
            title={`${o.person.idNumberMasked ?? '无证件号'} · ${o.person.mobileMasked ?? '无手机号'} · ${o.basisLabel} ${o.startedOn}起`}
          >
            <Tag color={o.designatedVoter ? 'blue' : undefined}>
              {o.person.name}
              {o.designatedVoter ? '（表决人）' : ''}
            </Tag>
          </Tooltip>
        ))}
        {u.owners.length > 1 && !u.owners.some((o) => o.designatedVoter) && <Tag color="orange">未指定表决人</Tag>}
      </Space>
    ) : u.developerStock ? (
      <span className="muted">开发建设单位</span>
    ) : (
      <span className="muted">未登记</span>
    );

  const columns: TableColumnsType<RollUnit> = mobile
    ? [
        {
          title: '房屋 / 业主',
          key: 'unit',
          render: (_: unknown, u) => (
            <div>
              <div>
                <strong>{unitLabel(u)}</strong> <span className="muted">{u.area}㎡</span>
              </div>
              <div style={{ marginTop: 4 }}>{owners(u)}</div>
            </div>
          ),
        },
      ]
    : [
        { title: '房屋', key: 'unit', width: 200, render: (_: unknown, u) => unitLabel(u) },
        { title: '专有面积(㎡)', dataIndex: 'area', key: 'area', width: 120, align: 'right', render: (v: string) => formatThousands(v) },
        { title: '业主', key: 'owners', render: (_: unknown, u) => owners(u) },
        {
          title: '标记',
          key: 'flags',
          width: 220,
          render: (_: unknown, u) => (
            <Space size={4} wrap>
              {u.developerStock && <Tag color="purple">开发商房屋</Tag>}
              <FeeTag unit={u} />
            </Space>
          ),
        },
      ];

  const c = roll?.counts;
  return (
    <div>
      <div className="page-header">
        <Typography.Title level={4} data-testid="roll-title">
          业主名册{roll ? ` · ${roll.estate.name}` : ''}
        </Typography.Title>
        <Space wrap>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="选择小区"
            value={estateId ?? undefined}
            onChange={(v) => navigate(`/roll/${v}`)}
            options={estates.map((e) => ({ value: e.id, label: e.name }))}
            style={{ width: mobile ? 180 : 240 }}
            data-testid="roll-estate"
          />
          {estateId && (
            <>
              <Button icon={<ReloadOutlined />} onClick={() => setVersion((v) => v + 1)} aria-label="刷新" data-testid="roll-reload" />
              <Button icon={<DownloadOutlined />} href={withQuery('/api/roll/export.xlsx', query)} data-testid="roll-export">
                导出 Excel
              </Button>
            </>
          )}
        </Space>
      </div>
      {!estateId && tree && estates.length === 0 && <Empty description="您的范围内没有小区" />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="roll-error" />}
      {estateId && c && <RollCounts c={c} />}
      {estateId && (
        <>
          <Space wrap style={{ margin: '12px 0' }}>
            <Segmented<Filter> options={FILTERS} value={filter} onChange={(v) => update({ filter: v })} data-testid="roll-filter" />
            <Select
              allowClear
              placeholder="全部楼栋"
              value={buildingId ?? undefined}
              onChange={(v) => update({ buildingId: v ?? null })}
              options={buildings.map((b) => ({ value: b.id, label: b.name }))}
              style={{ width: 140 }}
              data-testid="roll-building"
            />
            <Input.Search
              placeholder="房号、业主姓名或手机尾号"
              value={qInput}
              onChange={(e) => setQInput(e.target.value)}
              onSearch={(v) => update({ q: v.trim() })}
              allowClear
              style={{ width: mobile ? 220 : 280 }}
              data-testid="roll-search"
            />
          </Space>
          <Table<RollUnit>
            rowKey="id"
            size="small"
            loading={loading}
            columns={columns}
            dataSource={roll?.items ?? []}
            onRow={(u) => ({ onClick: () => setOpenUnit(u.id), style: { cursor: 'pointer' }, 'data-testid': `roll-row-${u.id}` }) as never}
            pagination={{
              current: page,
              pageSize,
              total: roll?.total ?? 0,
              showSizeChanger: !mobile,
              pageSizeOptions: [20, 50, 100, 200],
              showTotal: (t) => `共 ${t} 户`,
              onChange: (p, s) => {
                setPageSize(s);
                update({ page: p });
              },
            }}
            data-testid="roll-table"
          />
        </>
      )}
      <UnitOwnershipDrawer unitId={openUnit} onClose={() => setOpenUnit(null)} onChanged={() => setVersion((v) => v + 1)} />
    </div>
  );
}
