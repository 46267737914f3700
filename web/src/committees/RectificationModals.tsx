import { Checkbox, Form, Input, InputNumber, Select } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { FormModal } from '../shared/FormModal';
import { toast } from '../shared/feedback';
import { fileToUpload } from '../shared/upload';
import { useApi } from '../shared/useApi';
import type { AnnualReport, Committee } from './types';

type ItemValues = { title: string; memberId: number; dueWorkdays: number };

/** An opinion becomes a rectification item: responsible member and a deadline in working days. */
export function RectificationModal({
  report,
  opinion,
  onClose,
  onDone,
}: {
  report: AnnualReport;
  opinion?: { id: number; opinion: string };
  onClose(): void;
  onDone(): void;
}) {
  const [form] = Form.useForm<ItemValues>();
  const c = useApi<Committee>(`/api/committees/${report.committee.kind}/${report.committee.id}`);
  return (
    <FormModal<ItemValues>
      title="形成整改事项"
      open
      form={form}
      testId="item-form"
      initialValues={{ title: opinion?.opinion.slice(0, 300), dueWorkdays: 10 }}
      onClose={onClose}
      onSubmit={async (v) => {
        await api.post(`/api/committee-reports/${report.id}/rectifications`, {
          ...v,
          title: v.title.trim(),
          ...(opinion ? { evaluationId: opinion.id } : {}),
        });
        toast('success', '已形成整改事项');
        onDone();
      }}
    >
      <Form.Item name="title" label="整改事项" rules={[{ required: true, whitespace: true, message: '请填写整改事项' }]}>
        <Input maxLength={300} data-testid="item-form-title" />
      </Form.Item>
      <Form.Item name="memberId" label="责任委员" rules={[{ required: true, message: '请选择责任委员' }]}>
        <Select
          loading={!c.data}
          options={c.data?.members.filter((m) => !m.suspended).map((m) => ({ value: m.id, label: m.name }))}
          data-testid="item-form-member"
        />
      </Form.Item>
      <Form.Item name="dueWorkdays" label="整改期限（工作日）" rules={[{ required: true, message: '请填写期限' }]}>
        <InputNumber min={1} max={250} data-testid="item-form-days" />
      </Form.Item>
    </FormModal>
  );
}

/** Progress on an item, or done with evidence. */
export function StepModal({ itemId, title, onClose, onDone }: { itemId: number; title: string; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<{ note: string; done?: boolean }>();
  const [file, setFile] = useState<File | null>(null);
  return (
    <FormModal<{ note: string; done?: boolean }>
      title={`整改进展：${title}`}
      open
      form={form}
      testId="step-form"
      onClose={onClose}
      onSubmit={async (v) => {
        if (v.done && !file) throw new Error('整改完成须上传证明材料');
        await api.post(`/api/rectifications/${itemId}/steps`, {
          note: v.note.trim(),
          done: Boolean(v.done),
          ...(v.done && file ? { evidence: await fileToUpload(file) } : {}),
        });
        toast('success', v.done ? '已完成整改' : '已登记进展');
        onDone();
      }}
    >
      <Form.Item name="note" label="进展或完成情况" rules={[{ required: true, whitespace: true, message: '请填写情况' }]}>
        <Input.TextArea rows={3} maxLength={2000} data-testid="step-form-note" />
      </Form.Item>
      <Form.Item name="done" valuePropName="checked">
        <Checkbox data-testid="step-form-done">整改已完成</Checkbox>
      </Form.Item>
      <Form.Item label="证明材料（完成时必传，PDF 或图片）">
        <input
          type="file"
          accept=".pdf,.jpg,.jpeg,.png"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          data-testid="step-form-evidence"
        />
      </Form.Item>
    </FormModal>
  );
}
