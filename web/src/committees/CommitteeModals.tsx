import { DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { thirdOf } from '../../../core/committee';
import { api } from '../api';
import { FormModal } from '../shared/FormModal';
import type { Committee, MeetingDetail } from './types';

interface Props {
  committee: Committee;
  onClose(): void;
  onDone(): void;
}

type ConveneValues = { title: string; heldOn: Dayjs; location?: string; agenda: string; demandId?: number };

/** 召集会议: the notice with its agenda goes to every member; a meeting answering a written demand names it. */
export function ConveneModal({ committee: c, onClose, onDone }: Props) {
  const [form] = Form.useForm<ConveneValues>();
  const navigate = useNavigate();
  const open = c.demands.filter((d) => !d.meetingId && d.signers.length >= thirdOf(c.members.length));
  return (
    <FormModal<ConveneValues>
      title="召集会议"
      open
      form={form}
      testId="convene-form"
      submitText="发出会议通知"
      initialValues={{ heldOn: dayjs(), demandId: open[0]?.id }}
      onClose={onClose}
      onSubmit={async (v) => {
        const m = await api.post<MeetingDetail>(`/api/committees/${c.kind}/${c.id}/meetings`, {
          title: v.title.trim(),
          heldOn: v.heldOn.format('YYYY-MM-DD'),
          location: v.location?.trim() || null,
          agenda: v.agenda
            .split('\n')
            .map((x) => x.trim())
            .filter(Boolean),
          ...(v.demandId ? { demandId: v.demandId } : {}),
        });
        onDone();
        navigate(`/committees/meetings/${m.id}`);
      }}
    >
      <Form.Item name="title" label="会议名称" rules={[{ required: true, whitespace: true, message: '请填写会议名称' }]}>
        <Input maxLength={200} data-testid="convene-form-title" />
      </Form.Item>
      <Form.Item name="heldOn" label="会议日期" rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker style={{ width: '100%' }} allowClear={false} data-testid="convene-form-date" />
      </Form.Item>
      <Form.Item name="location" label="地点">
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="agenda" label="议题（每行一项）" rules={[{ required: true, whitespace: true, message: '会议通知应列明议题' }]}>
        <Input.TextArea rows={3} data-testid="convene-form-agenda" />
      </Form.Item>
      {open.length > 0 && (
        <Form.Item name="demandId" label="答复的书面提议">
          <Select allowClear options={open.map((d) => ({ value: d.id, label: d.reason }))} data-testid="convene-form-demand" />
        </Form.Item>
      )}
    </FormModal>
  );
}

/** 书面提议: a member asks for a meeting; others join until a third of the members have signed. */
export function DemandModal({ committee: c, onClose, onDone }: Props) {
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <FormModal<{ reason: string }>
      title="书面提议召开会议"
      open
      form={form}
      testId="demand-form"
      submitText="提交提议"
      onClose={onClose}
      onSubmit={async (v) => {
        await api.post(`/api/committees/${c.kind}/${c.id}/demands`, { reason: v.reason.trim() });
        onDone();
      }}
    >
      <Form.Item name="reason" label="提议事由" rules={[{ required: true, whitespace: true, message: '请填写事由' }]}>
        <Input.TextArea rows={3} maxLength={1000} data-testid="demand-form-reason" />
      </Form.Item>
    </FormModal>
  );
}
