import { DatePicker, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../api';
import { toast } from '../shared/feedback';
import { FormModal } from '../shared/FormModal';
import type { FormationCase } from './types';

interface Values {
  documentsOn: Dayjs;
  sealOn?: Dayjs;
  note?: string;
}

/** R34: the dissolved committee hands its documents (and seal, if one was recorded) over. */
export function HandoverModal({ c, onClose, onDone }: { c: FormationCase; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<Values>();
  const committee = c.committee!;
  return (
    <FormModal<Values>
      title="登记资料、印章移交（R34）"
      open
      form={form}
      testId="handover-form"
      initialValues={{ documentsOn: dayjs(c.today), sealOn: committee.sealRecordedOn ? dayjs(c.today) : undefined }}
      onClose={onClose}
      onSubmit={async (v) => {
        await api.post(`/api/governance/committees/${committee.id}/handover`, {
          documentsOn: v.documentsOn.format('YYYY-MM-DD'),
          sealOn: v.sealOn ? v.sealOn.format('YYYY-MM-DD') : null,
          note: v.note || null,
        });
        toast('success', '已登记移交');
        onDone();
      }}
    >
      <Form.Item name="documentsOn" label="资料移交日期" rules={[{ required: true, message: '请选择资料移交日期' }]}>
        <DatePicker disabledDate={(d) => d.isAfter(dayjs(c.today))} />
      </Form.Item>
      {committee.sealRecordedOn && (
        <Form.Item name="sealOn" label="印章移交日期" rules={[{ required: true, message: '请选择印章移交日期' }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(c.today))} />
        </Form.Item>
      )}
      <Form.Item name="note" label="说明">
        <Input maxLength={500} placeholder="如：移交业主委员会主任签收" />
      </Form.Item>
    </FormModal>
  );
}
