import { Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import {
  DISPATCH_RULE_LABEL,
  DISPATCH_RULES,
  HANDLER_TYPE_LABEL,
  HANDLER_TYPES,
  PAUSABLE_STATES,
  TICKET_STATE_LABEL,
} from '../../../core/tickets';
import { api } from '../api';
import { FormModal } from '../shared/FormModal';
import type { ServiceKind } from './types';

type Values = Omit<ServiceKind, 'id' | 'communityId' | 'handlerLabel' | 'respondText' | 'finishText' | 'dispatchLabel' | 'clockStopsText'>;

const UNITS = [
  { value: 'hours', label: '小时' },
  { value: 'workdays', label: '个工作日' },
];

function Limit({ name, label }: { name: 'respond' | 'finish'; label: string }) {
  return (
    <Form.Item label={label} required>
      <Space.Compact>
        <Form.Item name={[name, 'amount']} noStyle rules={[{ required: true, message: `请填写${label}` }]}>
          <InputNumber min={1} max={720} precision={0} style={{ width: 100 }} />
        </Form.Item>
        <Form.Item name={[name, 'unit']} noStyle>
          <Select options={UNITS} style={{ width: 120 }} />
        </Form.Item>
      </Space.Compact>
    </Form.Item>
  );
}

/** One kind of request of the service list: handler, limits (hours or working days), dispatch rule, where the clock stops. */
export function ServiceKindModal({
  communityId,
  kind,
  departments,
  onClose,
  onSaved,
}: {
  communityId: number;
  kind: ServiceKind | null;
  departments: { id: number; name: string }[];
  onClose(): void;
  onSaved(): void;
}) {
  const [form] = Form.useForm<Values>();
  const handlerType = Form.useWatch('handlerType', form);
  return (
    <FormModal<Values>
      title={kind ? `修改：${kind.name}` : '新增服务事项'}
      open
      form={form}
      testId="kind"
      initialValues={
        kind ?? {
          handlerType: 'propertyCompany',
          respond: { unit: 'hours', amount: 24 },
          finish: { unit: 'workdays', amount: 3 },
          dispatch: 'auto',
          clockStops: [],
          active: true,
        }
      }
      onClose={onClose}
      onSubmit={async (v) => {
        const body = {
          ...v,
          description: v.description || null,
          departmentAccountId: v.handlerType === 'department' ? v.departmentAccountId : null,
        };
        if (kind) await api.patch(`/api/service-kinds/${kind.id}`, body);
        else await api.post(`/api/communities/${communityId}/service-kinds`, body);
        onSaved();
      }}
    >
      <Form.Item name="name" label="诉求类型" rules={[{ required: true, message: '请填写名称' }]}>
        <Input maxLength={30} data-testid="kind-name" />
      </Form.Item>
      <Form.Item name="description" label="说明">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="handlerType" label="承办方">
        <Select options={HANDLER_TYPES.map((h) => ({ value: h, label: HANDLER_TYPE_LABEL[h] }))} />
      </Form.Item>
      {handlerType === 'department' && (
        <Form.Item name="departmentAccountId" label="部门" rules={[{ required: true, message: '请选择部门' }]}>
          <Select options={departments.map((d) => ({ value: d.id, label: d.name }))} />
        </Form.Item>
      )}
      <Limit name="respond" label="响应时限" />
      <Limit name="finish" label="办结时限" />
      <Form.Item name="dispatch" label="派单规则">
        <Select options={DISPATCH_RULES.map((d) => ({ value: d, label: DISPATCH_RULE_LABEL[d] }))} />
      </Form.Item>
      <Form.Item name="clockStops" label="以下状态停止计时" extra="只有选中的状态停表；未选中时，等待期间照常计时">
        <Select mode="multiple" options={PAUSABLE_STATES.map((s) => ({ value: s, label: TICKET_STATE_LABEL[s] }))} />
      </Form.Item>
      <Form.Item name="active" label="启用" valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormModal>
  );
}
