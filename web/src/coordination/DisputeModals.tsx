import { Button, DatePicker, Form, Input, Radio, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { DISPUTE_CATEGORIES, DISPUTE_CATEGORY_LABEL, DISPUTE_PARTY_KINDS, DISPUTE_PARTY_LABEL } from '../../../core/coordination';
import { api } from '../api';
import { FormModal } from '../shared/FormModal';
import { todayInChina } from '../shared/format';
import { useApi } from '../shared/useApi';
import type { Dispute } from './types';

const day = (d: Dayjs) => d.format('YYYY-MM-DD');
const notAfterToday = (d: Dayjs) => day(d) > todayInChina();

interface RegisterValues {
  estateId: number;
  category: string;
  title: string;
  description: string;
  occurredOn: Dayjs;
  parties: { kind: string; name: string }[];
}

export function RegisterDisputeModal({ onClose, onDone }: { onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<RegisterValues>();
  const estates = useApi<{ items: { id: number; name: string; community: string }[] }>('/api/disputes/estates');
  return (
    <FormModal<RegisterValues>
      title="登记矛盾纠纷"
      open
      form={form}
      width={640}
      testId="dispute-form"
      submitText="登记"
      initialValues={{ occurredOn: dayjs(todayInChina()), parties: [{ kind: 'resident', name: '' }] }}
      onClose={onClose}
      onSubmit={async (v) => {
        await api.post('/api/disputes', {
          ...v,
          occurredOn: day(v.occurredOn),
          parties: v.parties.map((p) => ({ ...p, name: p.name.trim() })),
        });
        onDone();
      }}
    >
      <Form.Item name="estateId" label="小区" rules={[{ required: true, message: '请选择小区' }]}>
        <Select
          showSearch
          optionFilterProp="label"
          loading={!estates.data}
          options={estates.data?.items.map((e) => ({ value: e.id, label: `${e.community} ${e.name}` }))}
          data-testid="dispute-form-estate"
        />
      </Form.Item>
      <Form.Item name="category" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
        <Select
          options={DISPUTE_CATEGORIES.map((c) => ({ value: c, label: DISPUTE_CATEGORY_LABEL[c] }))}
          data-testid="dispute-form-category"
        />
      </Form.Item>
      <Form.Item name="title" label="事由" rules={[{ required: true, whitespace: true, message: '请填写事由' }]}>
        <Input maxLength={200} data-testid="dispute-form-title" />
      </Form.Item>
      <Form.Item name="description" label="纠纷情况" rules={[{ required: true, whitespace: true, message: '请填写纠纷情况' }]}>
        <Input.TextArea rows={3} count={{ show: true, max: 5000 }} data-testid="dispute-form-description" />
      </Form.Item>
      <Form.Item name="occurredOn" label="发生日期" rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker style={{ width: '100%' }} allowClear={false} disabledDate={notAfterToday} />
      </Form.Item>
      <Form.List name="parties">
        {(fields, { add, remove }) => (
          <Form.Item label="当事方" required>
            {fields.map((f, i) => (
              <Space key={f.key} align="start" style={{ display: 'flex' }}>
                <Form.Item name={[f.name, 'kind']} style={{ width: 140 }}>
                  <Select options={DISPUTE_PARTY_KINDS.map((k) => ({ value: k, label: DISPUTE_PARTY_LABEL[k] }))} />
                </Form.Item>
                <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写当事方' }]}>
                  <Input placeholder="姓名或单位" data-testid={`dispute-form-party-${i}`} />
                </Form.Item>
                {fields.length > 1 && <Button onClick={() => remove(f.name)}>移除</Button>}
              </Space>
            ))}
            <Button onClick={() => add({ kind: 'resident', name: '' })}>添加当事方</Button>
          </Form.Item>
        )}
      </Form.List>
    </FormModal>
  );
}

export function MediateModal({ dispute, onClose, onDone }: { dispute: Dispute; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<{ mediatedOn: Dayjs; mediator: string; record: string }>();
  return (
    <FormModal<{ mediatedOn: Dayjs; mediator: string; record: string }>
      title={`登记调解：${dispute.title}`}
      open
      form={form}
      testId="mediation-form"
      submitText="登记"
      initialValues={{ mediatedOn: dayjs(todayInChina()) }}
      onClose={onClose}
      onSubmit={async (v) => {
        await api.post(`/api/disputes/${dispute.id}/mediations`, {
          mediatedOn: day(v.mediatedOn),
          mediator: v.mediator.trim(),
          record: v.record.trim(),
        });
        onDone();
      }}
    >
      <Form.Item name="mediatedOn" label="调解日期" rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker style={{ width: '100%' }} allowClear={false} disabledDate={notAfterToday} />
      </Form.Item>
      <Form.Item
        name="mediator"
        label="调解员"
        rules={[{ required: true, whitespace: true, message: '请填写调解员' }]}
        extra="如党员楼栋长、网格员、人民调解员"
      >
        <Input maxLength={50} data-testid="mediation-form-mediator" />
      </Form.Item>
      <Form.Item name="record" label="调解情况" rules={[{ required: true, whitespace: true, message: '请填写调解情况' }]}>
        <Input.TextArea rows={3} count={{ show: true, max: 2000 }} data-testid="mediation-form-record" />
      </Form.Item>
    </FormModal>
  );
}

export function CloseDisputeModal({ dispute, onClose, onDone }: { dispute: Dispute; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<{ outcome: 'resolved' | 'unresolved'; text: string }>();
  return (
    <FormModal<{ outcome: 'resolved' | 'unresolved'; text: string }>
      title={`办结纠纷：${dispute.title}`}
      open
      form={form}
      testId="dispute-close-form"
      submitText="办结"
      confirm={{ title: '确认办结这件纠纷？', content: '办结后不能再登记调解。', okText: '确认办结' }}
      onClose={onClose}
      onSubmit={async (v) => {
        await api.post(`/api/disputes/${dispute.id}/close`, { outcome: v.outcome, text: v.text.trim() });
        onDone();
      }}
    >
      <Form.Item name="outcome" label="结果" rules={[{ required: true, message: '请选择结果' }]}>
        <Radio.Group>
          <Radio value="resolved">已化解</Radio>
          <Radio value="unresolved">未化解</Radio>
        </Radio.Group>
      </Form.Item>
      <Form.Item name="text" label="调处结果" rules={[{ required: true, whitespace: true, message: '请填写调处结果' }]}>
        <Input.TextArea rows={3} count={{ show: true, max: 2000 }} />
      </Form.Item>
    </FormModal>
  );
}
