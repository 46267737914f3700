import { Button, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { FormModal } from '../shared/FormModal';
import { modal, showError, toast } from '../shared/feedback';
import { fileToUpload } from '../shared/upload';
import type { Task } from './types';

/**
 * What the caller may do to a task, as the server says (`actions`): the organisation carrying it
 * notes progress and reports it done with evidence; the convenor confirms or sends it back.
 */
export function TaskActions({ task, onChange }: { task: Task; onChange(): void }) {
  const [dialog, setDialog] = useState<'note' | 'finish' | 'reopen' | null>(null);
  const has = (a: string) => task.actions.includes(a);
  const confirm = () =>
    modal().confirm({
      title: '确认任务已办结？',
      content: `${task.organisation}：${task.title}。确认后任务办结，不能再退回。`,
      okText: '确认办结',
      okButtonProps: { 'data-testid': 'task-confirm-ok' } as Record<string, string>,
      onOk: async () => {
        try {
          await api.post(`/api/coordination/tasks/${task.id}/confirm`);
          toast('success', '已确认办结');
          onChange();
        } catch (e) {
          showError(e);
        }
      },
    });
  if (task.actions.length === 0) return null;
  return (
    <Space wrap size={4}>
      {has('note') && (
        <Button size="small" onClick={() => setDialog('note')} data-testid={`task-note-${task.id}`}>
          登记进展
        </Button>
      )}
      {has('finish') && (
        <Button size="small" type="primary" onClick={() => setDialog('finish')} data-testid={`task-finish-${task.id}`}>
          报告办结
        </Button>
      )}
      {has('confirm') && (
        <Button size="small" type="primary" onClick={confirm} data-testid={`task-confirm-${task.id}`}>
          确认办结
        </Button>
      )}
      {has('reopen') && (
        <Button size="small" danger onClick={() => setDialog('reopen')} data-testid={`task-reopen-${task.id}`}>
          退回
        </Button>
      )}
      {dialog && <TaskStepModal task={task} step={dialog} onClose={() => setDialog(null)} onDone={onChange} />}
    </Space>
  );
}

const STEP = {
  note: { title: '登记进展', field: '进展情况', submit: '登记' },
  finish: { title: '报告办结', field: '办结情况', submit: '报告办结' },
  reopen: { title: '退回重办', field: '退回理由', submit: '退回' },
} as const;

function TaskStepModal({ task, step, onClose, onDone }: { task: Task; step: keyof typeof STEP; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<{ text: string }>();
  const [file, setFile] = useState<File | null>(null);
  const s = STEP[step];
  return (
    <FormModal<{ text: string }>
      title={`${s.title}：${task.title}`}
      open
      form={form}
      testId={`task-${step}-form`}
      submitText={s.submit}
      onClose={onClose}
      onSubmit={async (v) => {
        if (step === 'note') await api.post(`/api/coordination/tasks/${task.id}/notes`, { note: v.text.trim() });
        if (step === 'reopen') await api.post(`/api/coordination/tasks/${task.id}/reopen`, { reason: v.text.trim() });
        if (step === 'finish') {
          if (!file) throw new Error('请上传办结证明材料');
          await api.post(`/api/coordination/tasks/${task.id}/finish`, { note: v.text.trim(), evidence: await fileToUpload(file) });
        }
        toast('success', `已${s.title}`);
        onDone();
      }}
    >
      <Form.Item name="text" label={s.field} rules={[{ required: true, whitespace: true, message: `请填写${s.field}` }]}>
        <Input.TextArea rows={3} count={{ show: true, max: 2000 }} data-testid={`task-${step}-text`} />
      </Form.Item>
      {step === 'finish' && (
        <Form.Item label="办结证明材料（PDF 或 JPEG/PNG 图片）" required>
          <input
            type="file"
            accept=".pdf,.jpg,.jpeg,.png"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            data-testid="task-finish-evidence"
          />
        </Form.Item>
      )}
    </FormModal>
  );
}
