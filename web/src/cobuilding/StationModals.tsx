import { Form, Input, Select, Space, Switch } from 'antd';
import { api } from '../api';
import { FormModal } from '../shared/FormModal';
import { useApi } from '../shared/useApi';
import type { Station } from './types';

interface StationForm {
  nodeId: number;
  name: string;
  place: string;
  openingHours: string;
  active: boolean;
}

/** 新建 or 修改 a service point: its place in the org is fixed once made; a closed point is 停用, its roster kept. */
export function StationModal({
  nodes,
  station,
  onClose,
  onSaved,
}: {
  nodes: { id: number; name: string }[];
  station?: Station;
  onClose(): void;
  onSaved(): void;
}) {
  const [form] = Form.useForm<StationForm>();
  return (
    <FormModal
      title={station ? '修改服务站点' : '新建服务站点'}
      open
      form={form}
      testId="station"
      initialValues={
        station
          ? { name: station.name, place: station.place, openingHours: station.openingHours, active: station.active }
          : { name: '红色益站', openingHours: '周一至周五 9:00–17:00' }
      }
      onClose={onClose}
      onSubmit={async ({ nodeId, ...v }) => {
        if (station) await api.patch(`/api/stations/${station.id}`, v);
        else await api.post(`/api/nodes/${nodeId}/stations`, v);
        onSaved();
      }}
    >
      {station ? (
        <Form.Item label="所在网格或小区">{station.nodeName}</Form.Item>
      ) : (
        <Form.Item name="nodeId" label="所在网格或小区" rules={[{ required: true, message: '请选择' }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={nodes.map((n) => ({ value: n.id, label: n.name }))}
            data-testid="station-node"
          />
        </Form.Item>
      )}
      <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}>
        <Input maxLength={50} data-testid="station-name" />
      </Form.Item>
      <Form.Item name="place" label="地点" rules={[{ required: true, message: '请填写地点' }]}>
        <Input maxLength={100} data-testid="station-place" />
      </Form.Item>
      <Form.Item name="openingHours" label="开放时间" rules={[{ required: true, message: '请填写开放时间' }]}>
        <Input maxLength={100} data-testid="station-hours" />
      </Form.Item>
      {station && (
        <Form.Item name="active" label="启用" valuePropName="checked">
          <Switch checkedChildren="启用" unCheckedChildren="停用" data-testid="station-active" />
        </Form.Item>
      )}
    </FormModal>
  );
}

const KINDS = [
  { value: 'gridWorker', label: '网格员' },
  { value: 'partyMember', label: '党员' },
  { value: 'volunteer', label: '志愿者' },
  { value: 'propertyStaff', label: '物业人员' },
];

interface Rosterable {
  id: number;
  name: string;
  roleLabel: string;
  dutyKind: 'gridWorker' | 'propertyStaff';
}

/**
 * 排班: a person of the registry (party members, volunteers) or a staff account the server offers for
 * this station (the community's grid workers and staff, the staff of a company serving it), a day and hours.
 */
export function DutyModal({
  stationId,
  people,
  onClose,
  onSaved,
}: {
  stationId: number;
  people: { id: number; name: string }[];
  onClose(): void;
  onSaved(): void;
}) {
  const [form] = Form.useForm<{ day: string; from: string; to: string; dutyKind: string; who: string }>();
  const accounts = useApi<{ accounts: Rosterable[] }>(`/api/stations/${stationId}/rosterable`).data?.accounts ?? [];
  // picking a staff account sets its kind; a registry person keeps the kind chosen (党员 or 志愿者)
  const picked = (who: string) => {
    const account = who.startsWith('a:') ? accounts.find((a) => `a:${a.id}` === who) : undefined;
    if (account) form.setFieldValue('dutyKind', account.dutyKind);
  };
  return (
    <FormModal
      title="排班"
      open
      form={form}
      testId="duty"
      initialValues={{ dutyKind: 'partyMember' }}
      onClose={onClose}
      onSubmit={async (v) => {
        const at = (t: string) => `${v.day}T${t}:00+08:00`;
        const [kind, id] = v.who.split(':');
        await api.post(`/api/stations/${stationId}/duties`, {
          startsAt: at(v.from),
          endsAt: at(v.to),
          dutyKind: v.dutyKind,
          ...(kind === 'p' ? { personId: Number(id) } : { accountId: Number(id) }),
        });
        onSaved();
      }}
    >
      <Form.Item name="dutyKind" label="类别">
        <Select options={KINDS} />
      </Form.Item>
      <Form.Item name="who" label="值班人员" rules={[{ required: true, message: '请选择值班人员' }]}>
        <Select
          showSearch
          optionFilterProp="label"
          data-testid="duty-who"
          onChange={picked}
          options={[
            ...people.map((p) => ({ value: `p:${p.id}`, label: `${p.name}（人员名册）` })),
            ...accounts.map((a) => ({ value: `a:${a.id}`, label: `${a.name}（${a.roleLabel}）` })),
          ]}
        />
      </Form.Item>
      <Form.Item name="day" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
        <Input type="date" data-testid="duty-day" />
      </Form.Item>
      <Form.Item label="时段" required>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="from" noStyle rules={[{ required: true, message: '请填写开始时间' }]}>
            <Input type="time" data-testid="duty-from" />
          </Form.Item>
          <Form.Item name="to" noStyle rules={[{ required: true, message: '请填写结束时间' }]}>
            <Input type="time" data-testid="duty-to" />
          </Form.Item>
        </Space.Compact>
      </Form.Item>
    </FormModal>
  );
}
