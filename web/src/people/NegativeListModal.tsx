import { Form, Input } from 'antd';
import { api } from '../api';
import { toast } from '../shared/feedback';
import { FormModal } from '../shared/FormModal';
import type { PersonDetail } from './types';

/** R35: the street records (or lifts) a negative-list entry; vetting shows it and refuses the candidate. */
export function NegativeListModal({ person, onClose, onDone }: { person: PersonDetail; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<{ note: string }>();
  const lifting = !!person.negativeNote;
  return (
    <FormModal<{ note: string }>
      title={lifting ? `撤销负面清单：${person.name}` : `登记负面清单：${person.name}`}
      open
      form={form}
      testId="negative-form"
      danger={!lifting}
      submitText={lifting ? '撤销' : '登记'}
      onClose={onClose}
      onSubmit={async (v) => {
        await api.put(`/api/people/${person.id}/negative-list`, { note: lifting ? null : v.note });
        toast('success', lifting ? '已撤销负面清单记录' : '已登记负面清单记录');
        onDone();
      }}
    >
      {lifting ? (
        <p>现有记录：{person.negativeNote}。撤销后该人员可重新参加候选人把关。</p>
      ) : (
        <Form.Item name="note" label="负面清单事项（R35）" rules={[{ required: true, message: '请填写负面清单事项' }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={500} data-testid="negative-form-note" />
        </Form.Item>
      )}
    </FormModal>
  );
}
