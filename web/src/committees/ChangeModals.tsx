import { Form, Input, Radio, Select } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { FormModal } from '../shared/FormModal';
import { toast } from '../shared/feedback';
import { useApi } from '../shared/useApi';
import type { Committee, Member } from './types';

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

type NominateValues = {
  personId: number;
  channel: 'self' | 'partyOrg' | 'residentsCommittee';
  seat: 'member' | 'deputyDirector';
  statement?: string;
};

/** 提名: an owner of the estate (R28 channels); joint nominations of ten owners are entered with their signers by API. */
export function NominateModal({ committee: c, onClose, onDone }: { committee: Committee; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<NominateValues>();
  const [q, setQ] = useState('');
  const owners = useApi<{ items: { personId: number; name: string; units: string; arrears: boolean }[] }>(
    `/api/committees/${c.kind}/${c.id}/owner-candidates`,
    { q },
  );
  return (
    <FormModal<NominateValues>
      title="提名补选业主代表委员"
      open
      form={form}
      testId="nominate-form"
      initialValues={{ channel: 'residentsCommittee', seat: 'member' }}
      onClose={onClose}
      onSubmit={async (v) => {
        await api.post(`/api/committees/${c.kind}/${c.id}/replacements`, { ...v, statement: v.statement?.trim() || null });
        toast('success', '已登记提名，请街道审核');
        onDone();
      }}
    >
      <Form.Item name="personId" label="本小区业主" rules={[{ required: true, message: '请选择业主' }]}>
        <Select
          showSearch
          filterOption={false}
          onSearch={setQ}
          loading={owners.loading}
          options={owners.data?.items.map((o) => ({ value: o.personId, label: `${o.name}（${o.units}）${o.arrears ? '【欠费】' : ''}` }))}
          data-testid="nominate-form-person"
        />
      </Form.Item>
      <Form.Item name="channel" label="提名方式">
        <Radio.Group
          options={[
            { value: 'residentsCommittee', label: '居民委员会推荐' },
            { value: 'partyOrg', label: '社区党组织推荐' },
            { value: 'self', label: '自荐' },
          ]}
        />
      </Form.Item>
      <Form.Item name="seat" label="职务">
        <Radio.Group
          options={[
            { value: 'member', label: '委员' },
            { value: 'deputyDirector', label: '副主任' },
          ]}
        />
      </Form.Item>
      <Form.Item name="statement" label="推荐理由">
        <Input.TextArea rows={2} maxLength={2000} />
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
