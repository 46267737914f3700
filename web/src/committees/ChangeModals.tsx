import { Form, Input, Radio } from 'antd';
import { api } from '../api';
import { FormModal } from '../shared/FormModal';
import { toast } from '../shared/feedback';
import type { Committee, Member } from './types';

export { NominateModal } from './NominateModal';

/** 辞职 / 罢免: the seat ends today and a 成员变更公告 is posted. */
export function EndMemberModal({
  committee: c,
  member,
  kind,
  onClose,
  onDone,
}: {
  committee: Committee;
  member: Member;
  kind: 'resigned' | 'removed';
  onClose(): void;
  onDone(): void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const what = kind === 'resigned' ? '辞职' : '罢免';
  return (
    <FormModal<{ reason: string }>
      title={`${member.name}${what}`}
      open
      form={form}
      testId="end-member-form"
      danger
      confirm={{ title: `确认${what}`, content: `${member.name}自今日起不再担任委员，并发布成员变更公告。`, okText: '确认' }}
      onClose={onClose}
      onSubmit={async (v) => {
        await api.post(`/api/committees/${c.kind}/${c.id}/members/${member.id}/end`, { kind, reason: v.reason.trim() });
        toast('success', `已办理${what}并发布成员变更公告`);
        onDone();
      }}
    >
      <Form.Item name="reason" label="原因" rules={[{ required: true, whitespace: true, message: '请填写原因' }]}>
        <Input.TextArea rows={3} maxLength={2000} data-testid="end-member-form-reason" />
      </Form.Item>
    </FormModal>
  );
}

/** 审核 (R28): passed, or not with reasons. */
export function VetModal({
  replacementId,
  name,
  onClose,
  onDone,
}: {
  replacementId: number;
  name: string;
  onClose(): void;
  onDone(): void;
}) {
  const [form] = Form.useForm<{ passed: boolean; reason: string }>();
  return (
    <FormModal<{ passed: boolean; reason: string }>
      title={`审核补选人选：${name}`}
      open
      form={form}
      testId="vet-form"
      initialValues={{ passed: true }}
      onClose={onClose}
      onSubmit={async (v) => {
        await api.post(`/api/committee-replacements/${replacementId}/vet`, { passed: v.passed, reason: v.reason.trim() });
        toast('success', '已审核');
        onDone();
      }}
    >
      <Form.Item name="passed" label="审核结果">
        <Radio.Group
          options={[
            { value: true, label: '通过' },
            { value: false, label: '不通过' },
          ]}
        />
      </Form.Item>
      <Form.Item name="reason" label="审核意见" rules={[{ required: true, whitespace: true, message: '请填写意见' }]}>
        <Input.TextArea rows={2} maxLength={2000} data-testid="vet-form-reason" />
      </Form.Item>
    </FormModal>
  );
}
