import { Alert, Button, DatePicker, Form, Input, Modal, Radio, Select, Segmented } from 'antd';
import { todayInChina } from '../shared/format';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { validateIdNumber, validateMobile, validateUscc } from '../../../core/identity';
import { PARTY_STATUS_LABEL, PARTY_STATUSES, type PartyStatus } from '../../../core/registry';
import { api } from '../api';
import { FormModal } from '../shared/FormModal';
import { showFormError } from '../shared/feedback';
import type { Company, CompanyDetail, Contract, StaffRole } from './types';

const toDate = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const emptyToNull = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

/** Live check of a 统一社会信用代码 with the same code the server enforces. */
const usccRule = {
  validator: (_: unknown, v: string | undefined) => {
    if (!v || !v.trim()) return Promise.reject(new Error('请填写统一社会信用代码'));
    const r = validateUscc(v);
    return r.ok ? Promise.resolve() : Promise.reject(new Error(r.message));
  },
};

interface RegisterValues {
  mode: 'new' | 'existing';
  streetId: number;
  nodeId?: number;
  name?: string;
  uscc: string;
  legalRepresentative?: string;
  phone?: string;
  address?: string;
}

/** 登记物业企业: a new company, or a company node already in the hierarchy but not yet registered. */
export function RegisterCompanyModal({
  streets,
  onClose,
  onDone,
}: {
  streets: { id: number; name: string }[];
  onClose(): void;
  onDone(c: CompanyDetail): void;
}) {
  const [form] = Form.useForm<RegisterValues>();
  const [saving, setSaving] = useState(false);
  const mode = Form.useWatch('mode', form) ?? 'new';
  const streetId = Form.useWatch('streetId', form) ?? streets[0]?.id;
  const [unregistered, setUnregistered] = useState<{ id: number; name: string; estates: string[] }[]>([]);

  useEffect(() => {
    if (!streetId) return;
    let live = true;
    api.get<{ items: { id: number; name: string; estates: string[] }[] }>('/api/companies/unregistered', { streetId }).then(
      (r) => live && setUnregistered(r.items),
      () => live && setUnregistered([]),
    );
    return () => {
      live = false;
    };
  }, [streetId]);

  async function finish(v: RegisterValues) {
    setSaving(true);
    try {
      const body = {
        streetId: v.streetId,
        ...(v.mode === 'existing' ? { nodeId: v.nodeId } : { name: v.name }),
        uscc: v.uscc,
        legalRepresentative: emptyToNull(v.legalRepresentative),
        phone: emptyToNull(v.phone),
        address: emptyToNull(v.address),
      };
      onDone(await api.post<CompanyDetail>('/api/companies', body));
    } catch (e) {
      showFormError(form, e);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      title="登记物业企业"
      open
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      footer={[
        <Button key="cancel" onClick={onClose} data-testid="company-cancel">
          取消
        </Button>,
        <Button key="ok" type="primary" loading={saving} onClick={() => form.submit()} data-testid="company-save">
          保存
        </Button>,
      ]}
    >
      <Form<RegisterValues>
        form={form}
        layout="vertical"
        initialValues={{ mode: 'new', streetId: streets[0]?.id }}
        onFinish={finish}
        style={{ marginTop: 16 }}
        data-testid="company-form"
      >
        <Form.Item name="streetId" label="登记街道" hidden={streets.length <= 1} rules={[{ required: true, message: '请选择街道' }]}>
          <Select options={streets.map((s) => ({ value: s.id, label: s.name }))} data-testid="company-form-street" />
        </Form.Item>
        {unregistered.length > 0 && (
          <Form.Item name="mode">
            <Segmented
              options={[
                { value: 'new', label: '新企业' },
                { value: 'existing', label: `组织架构中已有的企业（${unregistered.length}）` },
              ]}
              data-testid="company-form-mode"
            />
          </Form.Item>
        )}
        {mode === 'existing' ? (
          <Form.Item name="nodeId" label="企业" rules={[{ required: true, message: '请选择企业' }]}>
            <Select
              options={unregistered.map((u) => ({
                value: u.id,
                label: u.estates.length ? `${u.name}（服务：${u.estates.join('、')}）` : u.name,
              }))}
              data-testid="company-form-node"
            />
          </Form.Item>
        ) : (
          <Form.Item name="name" label="企业名称" rules={[{ required: true, whitespace: true, message: '请填写企业名称' }]}>
            <Input maxLength={100} data-testid="company-form-name" />
          </Form.Item>
        )}
        <Form.Item name="uscc" label="统一社会信用代码" rules={[usccRule]} validateFirst extra="18位，含校验位；填写时即时校验">
          <Input maxLength={22} style={{ fontFamily: 'monospace' }} data-testid="company-form-uscc" />
        </Form.Item>
        <Form.Item name="legalRepresentative" label="法定代表人">
          <Input maxLength={50} placeholder="可选" data-testid="company-form-legal" />
        </Form.Item>
        <Form.Item name="phone" label="联系电话">
          <Input maxLength={40} placeholder="可选" data-testid="company-form-phone" />
        </Form.Item>
        <Form.Item name="address" label="地址">
          <Input maxLength={200} placeholder="可选" data-testid="company-form-address" />
        </Form.Item>
        <button type="submit" hidden aria-hidden />
      </Form>
    </Modal>
  );
}

interface EditValues {
  name: string;
  uscc: string;
  legalRepresentative?: string;
  phone?: string;
  address?: string;
}

/** 修改登记信息 */
export function EditCompanyModal({ company, onClose, onDone }: { company: Company; onClose(): void; onDone(c: CompanyDetail): void }) {
  const [form] = Form.useForm<EditValues>();
  return (
    <FormModal<EditValues>
      title="修改登记信息"
      open
      form={form}
      testId="company-edit"
      initialValues={{
        name: company.name,
        uscc: company.uscc,
        legalRepresentative: company.legalRepresentative ?? '',
        phone: company.phone ?? '',
        address: company.address ?? '',
      }}
      onClose={onClose}
      onSubmit={async (v) =>
        onDone(
          await api.patch<CompanyDetail>(`/api/companies/${company.id}`, {
            name: v.name,
            uscc: v.uscc,
            legalRepresentative: emptyToNull(v.legalRepresentative),
            phone: emptyToNull(v.phone),
            address: emptyToNull(v.address),
          }),
        )
      }
    >
      <Form.Item name="name" label="企业名称" rules={[{ required: true, whitespace: true, message: '请填写企业名称' }]}>
        <Input maxLength={100} data-testid="company-edit-name" />
      </Form.Item>
      <Form.Item name="uscc" label="统一社会信用代码" rules={[usccRule]}>
        <Input maxLength={22} style={{ fontFamily: 'monospace' }} data-testid="company-edit-uscc" />
      </Form.Item>
      <Form.Item name="legalRepresentative" label="法定代表人">
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="phone" label="联系电话">
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item name="address" label="地址">
        <Input maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}

interface ContractValues {
  estateId: number;
  startedOn: Dayjs;
  endedOn?: Dayjs | null;
  projectManagerId?: number | null;
  note?: string;
}

/** 登记服务合同 (a project) for an estate in the caller's scope. */
export function AddContractModal({
  company,
  estates,
  onClose,
  onDone,
}: {
  company: CompanyDetail;
  estates: { id: number; name: string }[];
  onClose(): void;
  onDone(c: CompanyDetail): void;
}) {
  const [form] = Form.useForm<ContractValues>();
  const staff = useMemo(() => uniquePeople(company), [company]);
  return (
    <FormModal<ContractValues>
      title="登记服务合同"
      open
      form={form}
      testId="contract-form"
      initialValues={{ startedOn: dayjs(todayInChina()) }}
      onClose={onClose}
      onSubmit={async (v) =>
        onDone(
          await api.post<CompanyDetail>(`/api/companies/${company.id}/contracts`, {
            estateId: v.estateId,
            startedOn: toDate(v.startedOn),
            endedOn: toDate(v.endedOn),
            projectManagerId: v.projectManagerId ?? null,
            note: emptyToNull(v.note),
          }),
        )
      }
    >
      <Form.Item name="estateId" label="服务小区" rules={[{ required: true, message: '请选择小区' }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={estates.map((e) => ({ value: e.id, label: e.name }))}
          placeholder="选择小区"
          data-testid="contract-form-estate"
        />
      </Form.Item>
      <Form.Item name="startedOn" label="合同起始日期" rules={[{ required: true, message: '请选择起始日期' }]}>
        <DatePicker style={{ width: '100%' }} data-testid="contract-form-start" />
      </Form.Item>
      <Form.Item name="endedOn" label="合同终止日期" extra="含当日；未定可不填">
        <DatePicker style={{ width: '100%' }} placeholder="可选" data-testid="contract-form-end" />
      </Form.Item>
      <Form.Item name="projectManagerId" label="项目经理" extra="从本企业人员中选择">
        <Select allowClear options={staff} placeholder="可选" data-testid="contract-form-manager" />
      </Form.Item>
      <Form.Item name="note" label="备注">
        <Input.TextArea maxLength={500} rows={2} />
      </Form.Item>
    </FormModal>
  );
}

function uniquePeople(company: CompanyDetail) {
  const seen = new Map<number, string>();
  for (const s of company.staff) seen.set(s.person.id, s.person.name);
  return [...seen].map(([value, label]) => ({ value, label }));
}

interface EditContractValues {
  endedOn?: Dayjs | null;
  projectManagerId?: number | null;
  note?: string;
}

/** 结束合同 / 更换项目经理 */
export function EditContractModal({
  company,
  contract,
  onClose,
  onDone,
}: {
  company: CompanyDetail;
  contract: Contract;
  onClose(): void;
  onDone(c: CompanyDetail): void;
}) {
  const [form] = Form.useForm<EditContractValues>();
  const staff = useMemo(() => uniquePeople(company), [company]);
  return (
    <FormModal<EditContractValues>
      title={`${contract.estateName}：修改或结束合同`}
      open
      form={form}
      testId="contract-edit"
      initialValues={{
        endedOn: contract.endedOn ? dayjs(contract.endedOn) : null,
        projectManagerId: contract.projectManager?.id ?? null,
        note: contract.note ?? '',
      }}
      onClose={onClose}
      onSubmit={async (v) =>
        onDone(
          await api.patch<CompanyDetail>(`/api/companies/${company.id}/contracts/${contract.id}`, {
            endedOn: toDate(v.endedOn),
            projectManagerId: v.projectManagerId ?? null,
            note: emptyToNull(v.note),
          }),
        )
      }
    >
      <Form.Item name="endedOn" label="合同终止日期" extra="含当日；终止后该小区不再计入本企业服务范围">
        <DatePicker style={{ width: '100%' }} placeholder="未定" data-testid="contract-edit-end" />
      </Form.Item>
      <Form.Item name="projectManagerId" label="项目经理">
        <Select allowClear options={staff} placeholder="未指定" data-testid="contract-edit-manager" />
      </Form.Item>
      <Form.Item name="note" label="备注">
        <Input.TextArea maxLength={500} rows={2} />
      </Form.Item>
    </FormModal>
  );
}

interface StaffValues {
  source: 'new' | 'existing';
  personId?: number;
  name?: string;
  idNumber?: string;
  mobile?: string;
  partyStatus: PartyStatus;
  role: StaffRole;
  estateId?: number | null;
  startedOn: Dayjs;
}

export const ROLE_OPTIONS: { value: StaffRole; label: string }[] = [
  { value: 'companyHead', label: '企业负责人' },
  { value: 'projectManager', label: '项目经理' },
  { value: 'companyStaff', label: '物业从业人员' },
];

export const PARTY_STATUS_OPTIONS = PARTY_STATUSES.map((s) => ({ value: s, label: PARTY_STATUS_LABEL[s] }));

/** 添加企业人员: a new person (registered at the company) or one already on its list, in a post. */
export function AddStaffModal({ company, onClose, onDone }: { company: CompanyDetail; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<StaffValues>();
  const source = Form.useWatch('source', form) ?? 'new';
  const role = Form.useWatch('role', form);
  const people = useMemo(() => uniquePeople(company), [company]);
  const projects = company.estatesServed.map((e) => ({ value: e.id, label: e.name }));
  return (
    <FormModal<StaffValues>
      title="添加企业人员"
      open
      form={form}
      testId="staff-form"
      initialValues={{ source: 'new', partyStatus: 'none', role: 'companyStaff', startedOn: dayjs(todayInChina()) }}
      onClose={onClose}
      fieldMap={{ 'person.name': 'name', 'person.idNumber': 'idNumber', 'person.mobile': 'mobile', 'person.partyStatus': 'partyStatus' }}
      onSubmit={async (v) => {
        await api.post(`/api/companies/${company.id}/staff`, {
          ...(v.source === 'existing'
            ? { personId: v.personId }
            : {
                person: {
                  name: v.name,
                  idNumber: emptyToNull(v.idNumber),
                  mobile: emptyToNull(v.mobile),
                  partyStatus: v.partyStatus,
                },
              }),
          role: v.role,
          estateId: v.role === 'companyHead' ? null : (v.estateId ?? null),
          startedOn: toDate(v.startedOn),
        });
        onDone();
      }}
    >
      {people.length > 0 && (
        <Form.Item name="source">
          <Segmented
            options={[
              { value: 'new', label: '新人员' },
              { value: 'existing', label: '本企业已有人员' },
            ]}
            data-testid="staff-form-source"
          />
        </Form.Item>
      )}
      {source === 'existing' ? (
        <Form.Item name="personId" label="人员" rules={[{ required: true, message: '请选择人员' }]}>
          <Select options={people} data-testid="staff-form-person" />
        </Form.Item>
      ) : (
        <>
          <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
            <Input maxLength={50} data-testid="staff-form-name" />
          </Form.Item>
          <Form.Item
            name="idNumber"
            label="身份证号码"
            rules={[
              {
                validator: (_, v: string | undefined) => {
                  if (!v || !v.trim()) return Promise.resolve();
                  const r = validateIdNumber(v);
                  return r.ok ? Promise.resolve() : Promise.reject(new Error(r.message));
                },
              },
            ]}
          >
            <Input maxLength={22} placeholder="可选" data-testid="staff-form-id" />
          </Form.Item>
          <Form.Item
            name="mobile"
            label="手机号码"
            rules={[
              {
                validator: (_, v: string | undefined) => {
                  if (!v || !v.trim()) return Promise.resolve();
                  const r = validateMobile(v);
                  return r.ok ? Promise.resolve() : Promise.reject(new Error(r.message));
                },
              },
            ]}
          >
            <Input maxLength={20} placeholder="可选" data-testid="staff-form-mobile" />
          </Form.Item>
          <Form.Item name="partyStatus" label="政治面貌" extra="正式党员人数决定是否应建立党组织（R39）">
            <Radio.Group options={PARTY_STATUS_OPTIONS} data-testid="staff-form-party" />
          </Form.Item>
        </>
      )}
      <Form.Item name="role" label="职务" rules={[{ required: true, message: '请选择职务' }]}>
        <Select options={ROLE_OPTIONS} data-testid="staff-form-role" />
      </Form.Item>
      {role !== 'companyHead' && (
        <Form.Item
          name="estateId"
          label="所在项目"
          rules={role === 'projectManager' ? [{ required: true, message: '项目经理须选择所在项目' }] : []}
          extra={projects.length === 0 ? '本企业尚无当前服务的小区，请先登记服务合同' : undefined}
        >
          <Select allowClear options={projects} placeholder="企业本部" data-testid="staff-form-estate" />
        </Form.Item>
      )}
      <Form.Item name="startedOn" label="任职起始日期" rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker
          style={{ width: '100%' }}
          disabledDate={(d) => d.isAfter(dayjs(todayInChina()), 'day')}
          data-testid="staff-form-start"
        />
      </Form.Item>
    </FormModal>
  );
}

interface PartyValues {
  established: boolean;
  orgName?: string;
  orgKind?: 'branch' | 'generalBranch';
  instructorId?: number | null;
  instructorSince?: Dayjs | null;
}

/** R39 党建信息 of a company (or, with `contract`, of one project). */
export function PartyModal({
  company,
  contract,
  onClose,
  onDone,
}: {
  company: CompanyDetail;
  contract?: Contract;
  onClose(): void;
  onDone(c: CompanyDetail): void;
}) {
  const [form] = Form.useForm<PartyValues>();
  const established = Form.useWatch('established', form);
  const target = contract ?? company;
  const [candidates, setCandidates] = useState<{ value: number; label: string }[]>(
    target.instructor ? [{ value: target.instructor.id, label: target.instructor.name }] : [],
  );
  const [search, setSearch] = useState('');

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api
        .get<{ items: { id: number; name: string; nodeName: string }[] }>(`/api/companies/${company.id}/instructor-candidates`, {
          q: search,
        })
        .then(
          (r) => live && setCandidates(r.items.map((i) => ({ value: i.id, label: `${i.name}（${i.nodeName}）` }))),
          () => undefined,
        );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [company.id, search]);

  const fullMembers = target.fullMembers;
  return (
    <FormModal<PartyValues>
      title={contract ? `${contract.estateName}项目：党建信息` : '企业党建信息'}
      open
      form={form}
      testId="party-form"
      initialValues={{
        established: target.partyOrg !== null,
        orgName: target.partyOrg?.name ?? (contract ? `${company.name}${contract.estateName}项目党支部` : `${company.name}党支部`),
        orgKind: target.partyOrg?.kind === 'generalBranch' ? 'generalBranch' : 'branch',
        instructorId: target.instructor?.id ?? null,
        instructorSince: contract ? null : company.instructor?.since ? dayjs(company.instructor.since) : null,
      }}
      fieldMap={{ 'partyOrg.name': 'orgName', 'partyOrg.kind': 'orgKind' }}
      onClose={onClose}
      onSubmit={async (v) => {
        const url = contract ? `/api/companies/${company.id}/contracts/${contract.id}/party` : `/api/companies/${company.id}/party`;
        const body = {
          ...(v.established ? { partyOrg: { name: v.orgName, kind: v.orgKind } } : { partyOrgId: null }),
          instructorId: v.instructorId ?? null,
          ...(contract ? {} : { instructorSince: toDate(v.instructorSince) }),
        };
        onDone(await api.put<CompanyDetail>(url, body));
      }}
    >
      <Alert
        type={fullMembers >= 3 ? 'warning' : 'info'}
        showIcon
        style={{ marginBottom: 16 }}
        title={
          fullMembers >= 3
            ? `现有正式党员 ${fullMembers} 名，应建立党组织（R39）`
            : `现有正式党员 ${fullMembers} 名，不足 3 名的选派党建指导员（R39）`
        }
      />
      <Form.Item name="established" label="党组织">
        <Radio.Group
          options={[
            { value: true, label: '已建立' },
            { value: false, label: '未建立' },
          ]}
          data-testid="party-form-established"
        />
      </Form.Item>
      {established && (
        <>
          <Form.Item name="orgName" label="党组织名称" rules={[{ required: true, whitespace: true, message: '请填写党组织名称' }]}>
            <Input maxLength={100} data-testid="party-form-org-name" />
          </Form.Item>
          <Form.Item name="orgKind" label="类型">
            <Radio.Group
              options={[
                { value: 'branch', label: '党支部' },
                { value: 'generalBranch', label: '党总支' },
              ]}
            />
          </Form.Item>
        </>
      )}
      <Form.Item name="instructorId" label="党建指导员" extra="本街道登记的正式党员">
        <Select
          allowClear
          showSearch={{ filterOption: false, onSearch: setSearch }}
          options={candidates}
          placeholder="未选派"
          data-testid="party-form-instructor"
        />
      </Form.Item>
      {!contract && (
        <Form.Item name="instructorSince" label="选派日期">
          <DatePicker style={{ width: '100%' }} placeholder="默认今天" />
        </Form.Item>
      )}
    </FormModal>
  );
}

/** 离职 / 政治面貌 of one staff post. */
export function EditStaffModal({
  companyId,
  post,
  onClose,
  onDone,
}: {
  companyId: number;
  post: CompanyDetail['staff'][number];
  onClose(): void;
  onDone(): void;
}) {
  const [form] = Form.useForm<{ endedOn?: Dayjs | null; partyStatus: PartyStatus }>();
  return (
    <FormModal<{ endedOn?: Dayjs | null; partyStatus: PartyStatus }>
      title={`${post.person.name}（${post.roleLabel}）`}
      open
      form={form}
      testId="staff-edit"
      initialValues={{ endedOn: post.endedOn ? dayjs(post.endedOn) : null, partyStatus: post.person.partyStatus }}
      onClose={onClose}
      onSubmit={async (v) => {
        await api.patch(`/api/companies/${companyId}/staff/${post.postId}`, { endedOn: toDate(v.endedOn), partyStatus: v.partyStatus });
        onDone();
      }}
    >
      <Form.Item name="partyStatus" label="政治面貌">
        <Radio.Group options={PARTY_STATUS_OPTIONS} data-testid="staff-edit-party" />
      </Form.Item>
      <Form.Item name="endedOn" label="离职日期" extra="含当日；离职后不再计入人员和党员人数">
        <DatePicker style={{ width: '100%' }} placeholder="在职" data-testid="staff-edit-end" />
      </Form.Item>
    </FormModal>
  );
}
