import { Form, Input } from 'antd';
import { api } from '../api';
import { FormModal } from '../shared/FormModal';
import type { Question } from './types';

/** The responsible party's answer: public at once, final. */
export function AnswerModal({ q, onClose, onDone }: { q: Question; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<{ answer: string }>();
  return (
    <FormModal<{ answer: string }>
      title="答复质询"
      open
      form={form}
      testId="answer-form"
      submitText="答复并公开"
      confirm={{ title: '答复后即公开且不能修改', content: '答复将显示在小区公开页上。', okText: '确认答复' }}
      onClose={onClose}
      onSubmit={async (v) => {
        await api.post(`/api/disclosure-questions/${q.id}/answer`, v);
        onDone();
      }}
    >
      <p>
        业主质询（{q.askedOn}，应于 {q.dueOn} 前答复）：{q.question}
      </p>
      <Form.Item name="answer" label="答复" rules={[{ required: true, whitespace: true, message: '请填写答复' }]}>
        <Input.TextArea rows={4} count={{ show: true, max: 1000 }} data-testid="answer-form-text" />
      </Form.Item>
    </FormModal>
  );
}

/** Staff hide an abusive question; the reason is public and the step is audited. */
export function HideModal({ q, onClose, onDone }: { q: Question; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <FormModal<{ reason: string }>
      title="隐藏不当质询"
      open
      danger
      form={form}
      testId="hide-form"
      submitText="隐藏"
      onClose={onClose}
      onSubmit={async (v) => {
        await api.post(`/api/disclosure-questions/${q.id}/hide`, v);
        onDone();
      }}
    >
      <p>{q.question}</p>
      <Form.Item name="reason" label="隐藏理由（公开显示，操作留痕）" rules={[{ required: true, whitespace: true, message: '请填写理由' }]}>
        <Input maxLength={200} data-testid="hide-form-reason" />
      </Form.Item>
    </FormModal>
  );
}
