import { Form, Input, Radio } from 'antd';
import { api } from '../api';
import { FormModal } from '../shared/FormModal';
import { toast } from '../shared/feedback';
import { OwnerPicker } from './OwnerPicker';
import type { Committee } from './types';

type Channel = 'self' | 'partyOrg' | 'residentsCommittee' | 'jointOwners';
type Values = { personId: number; channel: Channel; signerIds?: number[]; seat: 'member' | 'deputyDirector'; statement?: string };

/** R28: joint nominations need the signatures of at least ten owners of the estate (the nominee not counted). */
export const JOINT_SIGNERS = 10;

/** 提名: an owner of the estate by one of the R28 channels; a joint nomination (联名推荐) records its signers. */
export function NominateModal({ committee: c, onClose, onDone }: { committee: Committee; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<Values>();
  const channel = Form.useWatch('channel', form);
  const personId = Form.useWatch('personId', form);
  const signers = Form.useWatch('signerIds', form) ?? [];
  return (
    <FormModal<Values>
      title="提名补选业主代表委员"
      open
      form={form}
      testId="nominate-form"
      initialValues={{ channel: 'residentsCommittee', seat: 'member', signerIds: [] }}
      onClose={onClose}
      onSubmit={async (v) => {
        await api.post(`/api/committees/${c.kind}/${c.id}/replacements`, {
          personId: v.personId,
          channel: v.channel,
          seat: v.seat,
          statement: v.statement?.trim() || null,
          ...(v.channel === 'jointOwners' ? { signerIds: v.signerIds ?? [] } : {}),
        });
        toast('success', '已登记提名，请街道审核');
        onDone();
      }}
    >
      <Form.Item name="personId" label="本小区业主" rules={[{ required: true, message: '请选择业主' }]}>
        <OwnerPicker committee={c} testId="nominate-form-person" />
      </Form.Item>
      <Form.Item name="channel" label="提名方式">
        <Radio.Group
          data-testid="nominate-form-channel"
          options={[
            { value: 'residentsCommittee', label: '居民委员会推荐' },
            { value: 'partyOrg', label: '社区党组织推荐' },
            { value: 'self', label: '自荐' },
            { value: 'jointOwners', label: `${JOINT_SIGNERS}名以上业主联名推荐` },
          ]}
        />
      </Form.Item>
      {channel === 'jointOwners' && (
        <Form.Item
          name="signerIds"
          label={`联名业主（已选${signers.length}名，至少${JOINT_SIGNERS}名，被提名人本人不计）`}
          rules={[
            {
              validator: (_, v: number[] = []) =>
                v.filter((x) => x !== personId).length >= JOINT_SIGNERS
                  ? Promise.resolve()
                  : Promise.reject(new Error(`联名推荐须有本小区${JOINT_SIGNERS}名以上业主签名（R28）`)),
            },
          ]}
        >
          <OwnerPicker committee={c} multiple exclude={personId ? [personId] : []} testId="nominate-form-signers" />
        </Form.Item>
      )}
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
