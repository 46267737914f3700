import { Form, Input, Radio, Select } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { FormModal } from '../shared/FormModal';
import { toast } from '../shared/feedback';
import { fileToUpload } from '../shared/upload';
import { useApi } from '../shared/useApi';
import type { Committee, Report } from './types';

type ReportValues = { memberId: number; itemId: number; facts: string };

/** 报告: a member's hit on the negative list, with evidence (R35). */
export function ReportModal({
  committee: c,
  memberId,
  onClose,
  onDone,
}: {
  committee: Committee;
  memberId?: number;
  onClose(): void;
  onDone(): void;
}) {
  const [form] = Form.useForm<ReportValues>();
  const [files, setFiles] = useState<File[]>([]);
  const items = useApi<{ items: { id: number; label: string }[] }>('/api/negative-items', { estateId: c.estateId });
  return (
    <FormModal<ReportValues>
      title="报告委员触及负面清单"
      open
      form={form}
      testId="report-form"
      submitText="报告街道"
      initialValues={{ memberId }}
      onClose={onClose}
      onSubmit={async (v) => {
        if (files.length === 0) throw new Error('请上传证据材料');
        await api.post(`/api/committees/${c.kind}/${c.id}/negative-reports`, {
          memberId: v.memberId,
          itemId: v.itemId,
          facts: v.facts.trim(),
          evidence: await Promise.all(files.map(fileToUpload)),
        });
        toast('success', '已报告街道认定');
        onDone();
      }}
    >
      <Form.Item name="memberId" label="委员" rules={[{ required: true, message: '请选择委员' }]}>
        <Select options={c.members.map((m) => ({ value: m.id, label: m.name }))} data-testid="report-form-member" />
      </Form.Item>
      <Form.Item name="itemId" label="负面清单事项" rules={[{ required: true, message: '请选择事项' }]}>
        <Select
          loading={!items.data}
          options={items.data?.items.map((i) => ({ value: i.id, label: i.label }))}
          data-testid="report-form-item"
        />
      </Form.Item>
      <Form.Item name="facts" label="事实情况" rules={[{ required: true, whitespace: true, message: '请填写事实情况' }]}>
        <Input.TextArea rows={3} maxLength={5000} data-testid="report-form-facts" />
      </Form.Item>
      <Form.Item label="证据材料（PDF 或 JPEG/PNG 图片）" required>
        <input
          type="file"
          multiple
          accept=".pdf,.jpg,.jpeg,.png"
          onChange={(e) => setFiles([...(e.target.files ?? [])])}
          data-testid="report-form-evidence"
        />
      </Form.Item>
    </FormModal>
  );
}

/** 认定: upheld (the member is suspended today, all owners are told) or not, with reasons. */
export function DecideModal({ report, onClose, onDone }: { report: Report; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<{ upheld: boolean; reason: string }>();
  return (
    <FormModal<{ upheld: boolean; reason: string }>
      title={`认定：${report.memberName}（${report.item}）`}
      open
      form={form}
      testId="decide-form"
      initialValues={{ upheld: true }}
      confirm={{ title: '确认认定结果', content: '认定属实的，该委员自今日起暂停履行职责，并向全体业主发出书面通知。', okText: '确认' }}
      onClose={onClose}
      onSubmit={async (v) => {
        await api.post(`/api/negative-reports/${report.id}/decide`, { upheld: v.upheld, reason: v.reason.trim() });
        toast('success', v.upheld ? '已认定属实，委员暂停履职并已公告' : '已认定不属实');
        onDone();
      }}
    >
      <Form.Item name="upheld" label="认定结果">
        <Radio.Group
          options={[
            { value: true, label: '属实，暂停履职' },
            { value: false, label: '不属实' },
          ]}
          data-testid="decide-form-upheld"
        />
      </Form.Item>
      <Form.Item name="reason" label="认定理由" rules={[{ required: true, whitespace: true, message: '请填写理由' }]}>
        <Input.TextArea rows={3} maxLength={2000} data-testid="decide-form-reason" />
      </Form.Item>
    </FormModal>
  );
}

/** After a suspension: lift it, or remove the member (the seat ends). */
export function OutcomeModal({ report, onClose, onDone }: { report: Report; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<{ outcome: 'lifted' | 'removed'; reason: string }>();
  return (
    <FormModal<{ outcome: 'lifted' | 'removed'; reason: string }>
      title={`恢复履职或罢免：${report.memberName}`}
      open
      form={form}
      testId="outcome-form"
      initialValues={{ outcome: 'lifted' }}
      onClose={onClose}
      onSubmit={async (v) => {
        await api.post(`/api/negative-reports/${report.id}/outcome`, { outcome: v.outcome, reason: v.reason.trim() });
        toast('success', v.outcome === 'lifted' ? '已恢复履职' : '已罢免');
        onDone();
      }}
    >
      <Form.Item name="outcome" label="处理">
        <Radio.Group
          options={[
            { value: 'lifted', label: '恢复履职' },
            { value: 'removed', label: '罢免（终止委员资格）' },
          ]}
        />
      </Form.Item>
      <Form.Item name="reason" label="理由" rules={[{ required: true, whitespace: true, message: '请填写理由' }]}>
        <Input.TextArea rows={3} maxLength={2000} data-testid="outcome-form-reason" />
      </Form.Item>
    </FormModal>
  );
}
