import { Button, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { validateIdNumber, validateMobile } from '../../../core/identity';
import {
  PARTY_STATUS_LABEL,
  PARTY_STATUSES,
  PERSON_TAG_LABEL,
  PERSON_TAGS,
  type PartyStatus,
  type PersonTag,
} from '../../../core/registry';
import { api } from '../api';
import { useOrgTree } from '../org/useOrgTree';
import { showFormError } from '../shared/feedback';
import { RegistryNodePicker } from './RegistryNodePicker';
import type { PartyOrg, PersonDetail } from './types';

interface Values {
  nodeId?: number;
  name?: string;
  idNumber?: string;
  mobile?: string;
  partyStatus: PartyStatus;
  partyOrgId?: number | null;
  tags?: PersonTag[];
  occupation?: string;
  address?: string;
}

const PERSON_NODE_KINDS = ['street', 'community', 'grid', 'estate', 'building', 'company'] as const;
const text = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

/** The party organisations the caller can see, for choosing a member's organisation. */
export function usePartyOrgs(open = true) {
  const [orgs, setOrgs] = useState<PartyOrg[]>([]);
  useEffect(() => {
    if (!open) return;
    let live = true;
    api.get<{ items: PartyOrg[] }>('/api/party-orgs').then(
      (r) => live && setOrgs(r.items),
      () => live && setOrgs([]),
    );
    return () => {
      live = false;
    };
  }, [open]);
  return orgs;
}

/**
 * 登记或修改人员. The ID number is checked as it is typed (check digit, birth date) with the same
 * code the server enforces. On edit the stored number and mobile are never shown: leaving the
 * field empty keeps them. The party office (party fields only) sees just those.
 */
export function PersonModal({
  open,
  person,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** null: register a new person */
  person: PersonDetail | null;
  onClose(): void;
  onSaved(p: PersonDetail): void;
}) {
  const [form] = Form.useForm<Values>();
  const { tree } = useOrgTree();
  const orgs = usePartyOrgs(open);
  const partyStatus = Form.useWatch('partyStatus', form);
  const idNumber = Form.useWatch('idNumber', form);
  const partyOnly = person !== null && !person.actions.includes('update');
  const idCheck = idNumber ? validateIdNumber(idNumber) : null;

  async function submit(v: Values) {
    const party = { partyStatus: v.partyStatus, partyOrgId: v.partyStatus === 'none' ? null : (v.partyOrgId ?? null) };
    if (person === null) {
      const created = await api.post<PersonDetail>('/api/people', {
        nodeId: v.nodeId,
        name: v.name,
        idNumber: text(v.idNumber),
        mobile: text(v.mobile),
        ...party,
        tags: v.tags ?? [],
        occupation: text(v.occupation),
        address: text(v.address),
      });
      onSaved(created);
      return;
    }
    const body: Record<string, unknown> = partyOnly
      ? party
      : { name: v.name, ...party, tags: v.tags ?? [], occupation: text(v.occupation), address: text(v.address) };
    if (!partyOnly && text(v.idNumber)) body.idNumber = text(v.idNumber);
    if (!partyOnly && text(v.mobile)) body.mobile = text(v.mobile);
    onSaved(await api.patch<PersonDetail>(`/api/people/${person.id}`, body));
  }

  const [saving, setSaving] = useState(false);
  async function finish(v: Values) {
    setSaving(true);
    try {
      await submit(v);
      onClose();
    } catch (e) {
      showFormError(form, e);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      title={person ? `修改人员：${person.name}` : '登记人员'}
      open={open}
      onCancel={onClose}
      width={600}
      destroyOnHidden
      mask={{ closable: false }}
      footer={[
        <Button key="cancel" onClick={onClose} data-testid="person-cancel">
          取消
        </Button>,
        <Button key="ok" type="primary" loading={saving} onClick={() => form.submit()} data-testid="person-save">
          保存
        </Button>,
      ]}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={finish}
        preserve={false}
        style={{ marginTop: 16 }}
        initialValues={
          person
            ? {
                name: person.name,
                partyStatus: person.partyStatus,
                partyOrgId: person.partyOrgId,
                tags: person.tags as PersonTag[],
                occupation: person.occupation ?? '',
                address: person.address ?? '',
              }
            : { partyStatus: 'none', tags: [] }
        }
      >
        {person === null && (
          <Form.Item name="nodeId" label="登记单位" rules={[{ required: true, message: '请选择登记单位' }]}>
            <RegistryNodePicker
              tree={tree}
              kinds={PERSON_NODE_KINDS}
              testId="person-form-node"
              placeholder="社区、网格、小区、楼栋或物业企业"
            />
          </Form.Item>
        )}
        {!partyOnly && (
          <>
            <Form.Item
              name="name"
              label="姓名"
              rules={[
                { required: true, whitespace: true, message: '请输入姓名' },
                { max: 100, message: '姓名不能超过 100 个字' },
              ]}
            >
              <Input maxLength={100} data-testid="person-form-name" />
            </Form.Item>
            <Form.Item
              name="idNumber"
              label="身份证号"
              extra={
                person?.idNumberMasked
                  ? `已登记 ${person.idNumberMasked}；不修改请留空`
                  : idCheck?.ok
                    ? `出生日期 ${idCheck.value.birthDate}`
                    : '18位，最后一位可为X；选填'
              }
              rules={[
                {
                  validator: async (_r, v: string | undefined) => {
                    if (!v || !v.trim()) return;
                    const c = validateIdNumber(v);
                    if (!c.ok) throw new Error(c.message);
                  },
                },
              ]}
            >
              <Input maxLength={24} autoComplete="off" data-testid="person-form-id" />
            </Form.Item>
            <Form.Item
              name="mobile"
              label="手机号"
              extra={person?.mobileMasked ? `已登记 ${person.mobileMasked}；不修改请留空` : '选填'}
              rules={[
                {
                  validator: async (_r, v: string | undefined) => {
                    if (!v || !v.trim()) return;
                    const c = validateMobile(v);
                    if (!c.ok) throw new Error(c.message);
                  },
                },
              ]}
            >
              <Input maxLength={20} inputMode="tel" autoComplete="off" data-testid="person-form-mobile" />
            </Form.Item>
          </>
        )}
        <Form.Item name="partyStatus" label="政治面貌">
          <Select
            options={PARTY_STATUSES.map((s) => ({ value: s, label: PARTY_STATUS_LABEL[s] }))}
            data-testid="person-form-party-status"
          />
        </Form.Item>
        {partyStatus && partyStatus !== 'none' && (
          <Form.Item name="partyOrgId" label="所属党组织">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="选择党组织"
              options={orgs.map((o) => ({ value: o.id, label: `${o.name}（${o.nodeName}）` }))}
              data-testid="person-form-party-org"
            />
          </Form.Item>
        )}
        {!partyOnly && (
          <>
            <Form.Item name="tags" label="背景标签">
              <Select
                mode="multiple"
                options={PERSON_TAGS.map((t) => ({ value: t, label: PERSON_TAG_LABEL[t] }))}
                data-testid="person-form-tags"
              />
            </Form.Item>
            <Form.Item name="occupation" label="职业" rules={[{ max: 100, message: '职业不能超过 100 个字' }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="address" label="住址" rules={[{ max: 200, message: '住址不能超过 200 个字' }]}>
              <Input maxLength={200} />
            </Form.Item>
          </>
        )}
        <button type="submit" hidden aria-hidden />
      </Form>
    </Modal>
  );
}
