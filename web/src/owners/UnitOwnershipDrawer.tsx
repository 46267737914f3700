import { Alert, Button, DatePicker, Descriptions, Drawer, Empty, Popconfirm, Space, Spin, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { AREA_SOURCE_LABEL } from '../../../core/org';
import { FEE_STATUS_LABEL } from '../../../core/registry';
import { api } from '../api';
import { errorMessage, showError, toast } from '../shared/feedback';
import { formatArea, formatTime, todayInChina } from '../shared/format';
import { useIsMobile } from '../shared/useIsMobile';
import { AddOwnerModal, BindingModal, RegistryModal, TransferModal } from './OwnerModals';
import { unitLabel, type Ownership, type UnitOwnership } from './types';

export function FeeTag({ unit }: { unit: { feeStatus: string; feeArrearsSince: string | null; feeArrears: string | null } }) {
  if (unit.feeStatus === 'arrears')
    return (
      <Tag color="red">
        欠费{unit.feeArrearsSince ? `（自${unit.feeArrearsSince}${unit.feeArrears ? `，${unit.feeArrears}元` : ''}）` : ''}
      </Tag>
    );
  if (unit.feeStatus === 'paidUp') return <Tag color="green">已缴清</Tag>;
  return <Tag>{FEE_STATUS_LABEL.unknown}</Tag>;
}

/** One unit's owners, history and bindings, with the changes staff make to them. */
export function UnitOwnershipDrawer({ unitId, onClose, onChanged }: { unitId: number | null; onClose(): void; onChanged(): void }) {
  const mobile = useIsMobile();
  const [unit, setUnit] = useState<UnitOwnership | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [modal, setModal] = useState<'add' | 'transfer' | 'registry' | 'binding' | null>(null);
  const [endDate, setEndDate] = useState<Dayjs>(dayjs(todayInChina()));

  useEffect(() => {
    if (unitId === null) return;
    let live = true;
    setUnit(null);
    setError(null);
    api.get<UnitOwnership>(`/api/roll/units/${unitId}`).then(
      (u) => live && setUnit(u),
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [unitId]);

  const changed = (u: UnitOwnership, text: string) => {
    setUnit(u);
    toast('success', text);
    onChanged();
  };
  const can = (a: string) => !!unit?.actions.includes(a);

  async function setVoter(o: Ownership) {
    try {
      changed(
        await api.put<UnitOwnership>(`/api/roll/units/${unit!.id}/voter`, { personId: o.person.id }),
        `已指定${o.person.name}为本户表决人`,
      );
    } catch (e) {
      showError(e);
    }
  }
  async function end(o: Ownership) {
    try {
      changed(
        await api.post<UnitOwnership>(`/api/roll/ownerships/${o.id}/end`, { endedOn: endDate.format('YYYY-MM-DD') }),
        `${o.person.name}的权属已终止`,
      );
    } catch (e) {
      showError(e);
    }
  }

  const ownerColumns = (current: boolean) => [
    {
      title: '业主',
      key: 'name',
      render: (_: unknown, o: Ownership) => (
        <div>
          <Space size={4} wrap>
            <strong>{o.person.name}</strong>
            {o.person.kind === 'organisation' && <Tag>单位</Tag>}
            {o.designatedVoter && <Tag color="blue">表决人</Tag>}
          </Space>
          <div className="muted" style={{ fontSize: 12 }}>
            {o.person.idNumberMasked ?? '无证件号'} · {o.person.mobileMasked ?? '无手机号'}
          </div>
        </div>
      ),
    },
    {
      title: '取得',
      key: 'basis',
      render: (_: unknown, o: Ownership) => (
        <div>
          <div>{o.basisLabel}</div>
          <div className="muted" style={{ fontSize: 12 }}>
            {o.startedOn}
            {o.endedOn ? ` 至 ${o.endedOn}` : ' 起'}
          </div>
        </div>
      ),
    },
    ...(current && (can('designateVoter') || can('endOwnership'))
      ? [
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, o: Ownership) => (
              <Space size={0} wrap>
                {unit!.owners.length > 1 && !o.designatedVoter && (
                  <Button type="link" size="small" onClick={() => setVoter(o)} data-testid={`owner-voter-${o.person.id}`}>
                    设为表决人
                  </Button>
                )}
                <Popconfirm
                  title={`终止${o.person.name}的权属？`}
                  description={<DatePicker value={endDate} onChange={(d) => d && setEndDate(d)} allowClear={false} />}
                  okText="终止"
                  cancelText="取消"
                  okButtonProps={{ danger: true, 'data-testid': 'confirm-ok' }}
                  onConfirm={() => end(o)}
                >
                  <Button type="link" size="small" danger data-testid={`owner-end-${o.id}`}>
                    终止权属
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Drawer
      open={unitId !== null}
      onClose={onClose}
      size={mobile ? '100%' : 720}
      title={unit ? unitLabel(unit) : '房屋权属'}
      destroyOnHidden
      data-testid="unit-ownership-drawer"
    >
      {error && <Alert type="error" showIcon title={error} />}
      {!unit && !error && <Spin />}
      {unit && (
        <>
          <Descriptions size="small" column={mobile ? 1 : 2} bordered>
            <Descriptions.Item label="专有部分面积">
              {formatArea(unit.area)}（{AREA_SOURCE_LABEL[unit.areaSource as keyof typeof AREA_SOURCE_LABEL] ?? unit.areaSource}）
            </Descriptions.Item>
            <Descriptions.Item label="开发商房屋">
              {unit.developerStock ? <Tag color="purple">未售或未交付（R3）</Tag> : '否'}
            </Descriptions.Item>
            <Descriptions.Item label="物业费">
              <FeeTag unit={unit} />
            </Descriptions.Item>
            <Descriptions.Item label="已绑定账号">
              {unit.bindings.length
                ? unit.bindings.map((b) => `${b.username}（${b.method === 'staff' ? '现场核验' : '身份证+手机号核验'}）`).join('、')
                : '无'}
            </Descriptions.Item>
          </Descriptions>
          {unit.owners.length > 1 && !unit.owners.some((o) => o.designatedVoter) && !unit.developerStock && (
            <Alert
              style={{ marginTop: 12 }}
              type="warning"
              showIcon
              title="共有房屋尚未指定表决人（R4），该户在表决中不能投票，请由共有人指定一人。"
            />
          )}
          <Space wrap style={{ margin: '16px 0 8px' }}>
            {can('addOwner') && (
              <Button type="primary" onClick={() => setModal('add')} data-testid="owner-add">
                {unit.owners.length ? '登记共有人' : '登记业主'}
              </Button>
            )}
            {can('transfer') && (
              <Button onClick={() => setModal('transfer')} data-testid="owner-transfer">
                办理过户
              </Button>
            )}
            {can('updateRegistry') && (
              <Button onClick={() => setModal('registry')} data-testid="unit-registry-edit">
                物业费 / 开发商房屋
              </Button>
            )}
            {can('confirmBinding') && unit.owners.length > 0 && (
              <Button onClick={() => setModal('binding')} data-testid="owner-binding">
                绑定业主账号
              </Button>
            )}
          </Space>
          <Typography.Title level={5}>现业主</Typography.Title>
          {unit.owners.length ? (
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              columns={ownerColumns(true)}
              dataSource={unit.owners}
              data-testid="unit-owners"
            />
          ) : (
            <Empty description="名册中尚无该房屋的业主" />
          )}
          {unit.history.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                权属历史
              </Typography.Title>
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                columns={ownerColumns(false)}
                dataSource={unit.history}
                data-testid="unit-history"
              />
            </>
          )}
          {unit.bindings.length > 0 && (
            <p className="muted" style={{ marginTop: 12, fontSize: 12 }}>
              最近绑定：{formatTime(unit.bindings[unit.bindings.length - 1]!.verifiedAt)}
            </p>
          )}
          {modal === 'add' && <AddOwnerModal unit={unit} open onClose={() => setModal(null)} onDone={(u) => changed(u, '已登记')} />}
          {modal === 'transfer' && (
            <TransferModal unit={unit} open onClose={() => setModal(null)} onDone={(u) => changed(u, '过户已办理')} />
          )}
          {modal === 'registry' && <RegistryModal unit={unit} open onClose={() => setModal(null)} onDone={(u) => changed(u, '已保存')} />}
          {modal === 'binding' && (
            <BindingModal
              unit={unit}
              open
              onClose={() => setModal(null)}
              onDone={async () => {
                toast('success', '账号已绑定');
                setUnit(await api.get<UnitOwnership>(`/api/roll/units/${unit.id}`));
              }}
            />
          )}
        </>
      )}
    </Drawer>
  );
}
