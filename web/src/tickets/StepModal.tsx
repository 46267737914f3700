import { Form, Input, Radio, Select } from 'antd';
import {
  HANDLER_TYPE_LABEL,
  HANDLER_TYPES,
  SATISFACTION_LABEL,
  SATISFACTIONS,
  TICKET_ACTIONS,
  type TicketAction,
} from '../../../core/tickets';
import { api } from '../api';
import { FormModal } from '../shared/FormModal';
import { PhotoPicker } from './PhotoPicker';
import type { TicketDetail } from './types';

interface Values {
  reason?: string;
  satisfaction?: string;
  waitState?: string;
  photoIds?: number[];
  handlerType?: string;
  departmentAccountId?: number;
}

/** The form of one step: what the state machine says it needs (a reason, photos, a rating, a handler). */
export function StepModal({
  ticket,
  action,
  departments,
  onClose,
  onDone,
}: {
  ticket: TicketDetail;
  action: TicketAction;
  departments: { id: number; name: string }[];
  onClose(): void;
  onDone(t: TicketDetail): void;
}) {
  const [form] = Form.useForm<Values>();
  const spec = TICKET_ACTIONS[action];
  const needs = spec.needs as { reason?: boolean; photos?: boolean; satisfaction?: boolean; handler?: boolean; waitState?: boolean };
  const handlerType = Form.useWatch('handlerType', form);
  return (
    <FormModal<Values>
      title={`${spec.label}：${ticket.title}`}
      open
      form={form}
      testId="step"
      submitText={spec.label}
      initialValues={{ photoIds: [], waitState: needs.waitState ? 'waitingResident' : undefined }}
      confirm={action === 'withdraw' ? { title: '撤回诉求？', content: '撤回后不再办理。', okText: '撤回' } : undefined}
      onClose={onClose}
      onSubmit={async (v) => onDone(await api.post<TicketDetail>(`/api/tickets/${ticket.id}/steps/${action}`, v))}
    >
      {needs.handler && (
        <>
          <Form.Item name="handlerType" label="承办方" rules={[{ required: true, message: '请选择承办方' }]}>
            <Select options={HANDLER_TYPES.map((h) => ({ value: h, label: HANDLER_TYPE_LABEL[h] }))} data-testid="step-handler" />
          </Form.Item>
          {handlerType === 'department' && (
            <Form.Item name="departmentAccountId" label="部门" rules={[{ required: true, message: '请选择部门' }]}>
              <Select options={departments.map((d) => ({ value: d.id, label: d.name }))} />
            </Form.Item>
          )}
        </>
      )}
      {needs.waitState && (
        <Form.Item name="waitState" label="暂停原因">
          <Radio.Group
            options={[
              { value: 'waitingResident', label: '等待居民配合' },
              { value: 'suspended', label: '挂起（等待协调）' },
            ]}
          />
        </Form.Item>
      )}
      {needs.satisfaction && (
        <Form.Item name="satisfaction" label="您对办理结果是否满意" rules={[{ required: true, message: '请选择' }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            size="large"
            options={SATISFACTIONS.map((s) => ({ value: s, label: SATISFACTION_LABEL[s] }))}
            data-testid="step-satisfaction"
          />
        </Form.Item>
      )}
      {needs.photos && (
        <Form.Item name="photoIds" label="现场照片" rules={[{ required: true, type: 'array', min: 1, message: '请上传至少一张现场照片' }]}>
          <PhotoPicker testId="step-photos" />
        </Form.Item>
      )}
      <Form.Item
        name="reason"
        label={action === 'rate' ? '意见（可不填）' : action === 'finish' ? '办理结果' : '说明'}
        rules={needs.reason ? [{ required: true, message: '请填写说明' }] : []}
      >
        <Input.TextArea rows={3} maxLength={1000} data-testid="step-reason" />
      </Form.Item>
    </FormModal>
  );
}
