import { Form, Input, Select, Space } from 'antd';
import { api } from '../api';
import { FormModal } from '../shared/FormModal';

export function StationModal({ nodes, onClose, onSaved }: { nodes: { id: number; name: string }[]; onClose(): void; onSaved(): void }) {
  const [form] = Form.useForm<{ nodeId: number; name: string; place: string; openingHours: string }>();
  return (
    <FormModal
      title="新建服务站点"
      open
      form={form}
      testId="station"
      initialValues={{ name: '红色益站', openingHours: '周一至周五 9:00–17:00' }}
      onClose={onClose}
      onSubmit={async ({ nodeId, ...v }) => {
        await api.post(`/api/nodes/${nodeId}/stations`, v);
        onSaved();
      }}
    >
      <Form.Item name="nodeId" label="所在网格或小区" rules={[{ required: true, message: '请选择' }]}>
        <Select
          showSearch
          optionFilterProp="label"
          options={nodes.map((n) => ({ value: n.id, label: n.name }))}
          data-testid="station-node"
        />
      </Form.Item>
      <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}>
        <Input maxLength={50} data-testid="station-name" />
      </Form.Item>
      <Form.Item name="place" label="地点" rules={[{ required: true, message: '请填写地点' }]}>
        <Input maxLength={100} data-testid="station-place" />
      </Form.Item>
      <Form.Item name="openingHours" label="开放时间" rules={[{ required: true, message: '请填写开放时间' }]}>
        <Input maxLength={100} />
      </Form.Item>
    </FormModal>
  );
}

const KINDS = [
  { value: 'gridWorker', label: '网格员' },
  { value: 'partyMember', label: '党员' },
  { value: 'volunteer', label: '志愿者' },
  { value: 'propertyStaff', label: '物业人员' },
];

/** 排班: a person of the registry (party members, volunteers) or a staff account, a day and hours. */
export function DutyModal({
  stationId,
  people,
  accounts,
  onClose,
  onSaved,
}: {
  stationId: number;
  people: { id: number; name: string }[];
  accounts: { id: number; name: string }[];
  onClose(): void;
  onSaved(): void;
}) {
  const [form] = Form.useForm<{ day: string; from: string; to: string; dutyKind: string; who: string }>();
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
          options={[
            ...people.map((p) => ({ value: `p:${p.id}`, label: `${p.name}（名册）` })),
            ...accounts.map((a) => ({ value: `a:${a.id}`, label: `${a.name}（账号）` })),
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
