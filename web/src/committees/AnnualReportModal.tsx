import { DatePicker, Form, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { reportYearFor } from '../../../core/committee';
import { formatDateZh } from '../../../core/dates';
import { api } from '../api';
import { FormModal } from '../shared/FormModal';
import type { Committee } from './types';

type Values = { year: number; text: string; window: [Dayjs, Dayjs]; meetingId?: number };

/** 提交年度述职报告 (R36): the text, the 述职 meeting it was given at (with invited owner representatives), the evaluation window. */
export function AnnualReportModal({ committee: c, onClose, onDone }: { committee: Committee; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const meetings = c.meetings.filter((m) => m.purpose === 'annualReport' && m.state !== 'cancelled');
  return (
    <FormModal<Values>
      title="提交年度述职报告"
      open
      form={form}
      testId="annual-form"
      initialValues={{
        year: reportYearFor(dayjs().format('YYYY-MM-DD'), c.reportMonth),
        window: [dayjs(), dayjs().add(7, 'day')],
        meetingId: meetings[0]?.id,
      }}
      onClose={onClose}
      onSubmit={async (v) => {
        const r = await api.post<{ id: number }>(`/api/committees/${c.kind}/${c.id}/reports`, {
          year: v.year,
          text: v.text.trim(),
          ...(v.meetingId ? { meetingId: v.meetingId } : {}),
          opensOn: v.window[0].format('YYYY-MM-DD'),
          closesOn: v.window[1].format('YYYY-MM-DD'),
        });
        onDone();
        navigate(`/committees/reports/${r.id}`);
      }}
    >
      <Form.Item name="year" label={`年度（本街道每年${c.reportMonth}月述职）`}>
        <InputNumber min={2000} max={2100} />
      </Form.Item>
      <Form.Item name="meetingId" label="述职会议（邀请业主代表列席）">
        <Select
          allowClear
          data-testid="annual-form-meeting"
          notFoundContent="尚未召集述职会议"
          options={meetings.map((m) => ({ value: m.id, label: `${formatDateZh(m.heldOn)} ${m.title}` }))}
        />
      </Form.Item>
      <Form.Item name="text" label="述职报告" rules={[{ required: true, whitespace: true, message: '请填写述职报告' }]}>
        <Input.TextArea rows={6} maxLength={20000} data-testid="annual-form-text" />
      </Form.Item>
      <Form.Item name="window" label="业主评议期" rules={[{ required: true, message: '请选择评议期' }]}>
        <DatePicker.RangePicker style={{ width: '100%' }} allowClear={false} />
      </Form.Item>
    </FormModal>
  );
}
