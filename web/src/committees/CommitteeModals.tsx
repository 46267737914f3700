import { DatePicker, Form, Input, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { MEETING_PURPOSE_LABEL, thirdOf, type MeetingPurpose } from '../../../core/committee';
import { api } from '../api';
import { FormModal } from '../shared/FormModal';
import { OwnerPicker } from './OwnerPicker';
import type { Committee, MeetingDetail } from './types';

interface Props {
  committee: Committee;
  onClose(): void;
  onDone(): void;
}

type ConveneValues = {
  title: string;
  heldOn: Dayjs;
  location?: string;
  agenda: string;
  demandId?: number;
  purpose: MeetingPurpose;
  guestIds?: number[];
};

/**
 * 召集会议: the notice with its agenda goes to every member; a meeting answering a written demand
 * names it; the 述职 meeting (R36) invites owner representatives, who are told too.
 */
export function ConveneModal({ committee: c, onClose, onDone, purpose = 'regular' }: Props & { purpose?: MeetingPurpose }) {
  const [form] = Form.useForm<ConveneValues>();
  const annual = Form.useWatch('purpose', form) === 'annualReport';
  const navigate = useNavigate();
  const open = c.demands.filter((d) => !d.meetingId && d.signers.length >= thirdOf(c.members.length));
  return (
    <FormModal<ConveneValues>
      title="召集会议"
      open
      form={form}
      testId="convene-form"
      submitText="发出会议通知"
      initialValues={{ heldOn: dayjs(), demandId: purpose === 'regular' ? open[0]?.id : undefined, purpose }}
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
          purpose: v.purpose,
          guestIds: v.purpose === 'annualReport' ? (v.guestIds ?? []) : [],
        });
        onDone();
        navigate(`/committees/meetings/${m.id}`);
      }}
    >
      <Form.Item name="purpose" label="会议类型">
        <Radio.Group
          data-testid="convene-form-purpose"
          options={(['regular', 'annualReport'] as const).map((p) => ({ value: p, label: MEETING_PURPOSE_LABEL[p] }))}
        />
      </Form.Item>
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
      {annual && (
        <Form.Item
          name="guestIds"
          label="邀请列席的业主代表（本小区业主）"
          rules={[{ required: true, message: '述职会议应邀请业主代表列席（R36）' }]}
        >
          <OwnerPicker committee={c} multiple testId="convene-form-guests" />
        </Form.Item>
      )}
      {!annual && open.length > 0 && (
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
