import { z } from 'zod';
import { PARTY_STATUSES } from '../../core/registry.js';
import { dateInput, nameInput, optionalText, positiveId } from '../http/schemas.js';

/** Request and response shapes of the property-company registry (issue 3, R39). */

const idIn = (label: string) =>
  z.coerce
    .number({ error: `${label}必须是正整数` })
    .int({ error: `${label}必须是正整数` })
    .positive({ error: `${label}必须是正整数` })
    .max(2_147_483_647, { error: `${label}超出范围` });

export const companyParams = z.strictObject({ id: idIn('企业编号') });
export const contractParams = z.strictObject({ id: idIn('企业编号'), contractId: idIn('合同编号') });
export const staffParams = z.strictObject({ id: idIn('企业编号'), postId: idIn('职务编号') });

const usccInput = z.string({ error: '统一社会信用代码必须是文字' }).trim().min(1, { error: '统一社会信用代码不能为空' }).max(40, {
  error: '统一社会信用代码应为18位',
});

export const registerCompanyBody = z.strictObject({
  /** 登记企业的街道 */
  streetId: positiveId('街道编号'),
  /** 已在组织架构中、尚未登记的物业企业节点（与 name 二选一） */
  nodeId: positiveId('企业节点编号').nullish(),
  /** 企业名称（新登记时必填） */
  name: nameInput('企业名称').optional(),
  /** 统一社会信用代码（18位，含校验位） */
  uscc: usccInput,
  /** 法定代表人 */
  legalRepresentative: optionalText('法定代表人', 50),
  /** 联系电话 */
  phone: optionalText('联系电话', 40),
  /** 地址 */
  address: optionalText('地址'),
});

export const updateCompanyBody = z.strictObject({
  name: nameInput('企业名称').optional(),
  uscc: usccInput.optional(),
  legalRepresentative: optionalText('法定代表人', 50),
  phone: optionalText('联系电话', 40),
  address: optionalText('地址'),
});

export const listQuery = z.strictObject({
  /** 按名称或统一社会信用代码搜索 */
  q: z.string().trim().max(40, { error: '搜索词不能超过 40 个字' }).optional(),
  /** 登记街道 */
  streetId: idIn('街道编号').optional(),
  /** 页码，从 1 开始 */
  page: z.coerce
    .number({ error: '页码必须是正整数' })
    .int({ error: '页码必须是正整数' })
    .min(1, { error: '页码必须是正整数' })
    .max(100_000, { error: '页码超出范围' })
    .default(1),
});
export const exportQuery = listQuery.omit({ page: true });
export const checksQuery = z.strictObject({ streetId: idIn('街道编号').optional() });
export const unregisteredQuery = z.strictObject({ streetId: idIn('街道编号') });

export const createContractBody = z.strictObject({
  /** 服务的小区（物业管理区域） */
  estateId: positiveId('小区编号'),
  /** 合同起始日期 YYYY-MM-DD */
  startedOn: dateInput,
  /** 合同终止日期（含当日），未定可不填 */
  endedOn: dateInput.nullish(),
  /** 项目经理（本企业人员） */
  projectManagerId: positiveId('项目经理编号').nullish(),
  /** 备注 */
  note: optionalText('备注', 500),
});

export const updateContractBody = z.strictObject({
  startedOn: dateInput.optional(),
  endedOn: dateInput.nullish(),
  projectManagerId: positiveId('项目经理编号').nullish(),
  note: optionalText('备注', 500),
});

export const STAFF_ROLES = ['companyHead', 'projectManager', 'companyStaff'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const addStaffBody = z
  .strictObject({
    /** 已登记的人员（与 person 二选一） */
    personId: positiveId('人员编号').optional(),
    /** 新登记的人员 */
    person: z
      .strictObject({
        name: nameInput('姓名', 50),
        /** 身份证号码（可选，校验） */
        idNumber: optionalText('身份证号码', 40),
        /** 手机号码（可选） */
        mobile: optionalText('手机号码', 40),
        /** 政治面貌：none 非党员 / full 正式党员 / probationary 预备党员 */
        partyStatus: z.enum(PARTY_STATUSES, { error: '政治面貌只能是 none（非党员）、full（正式党员）或 probationary（预备党员）' }),
      })
      .optional(),
    /** 职务：companyHead 企业负责人 / projectManager 项目经理 / companyStaff 物业从业人员 */
    role: z.enum(STAFF_ROLES, { error: '职务只能是企业负责人、项目经理或物业从业人员' }),
    /** 所在项目（本企业服务的小区） */
    estateId: positiveId('项目小区编号').nullish(),
    /** 任职起始日期 */
    startedOn: dateInput,
  })
  .refine((b) => (b.personId === undefined) !== (b.person === undefined), {
    error: '请选择已登记的人员，或填写新人员的信息（二者选一）',
    path: ['personId'],
  });

export const updateStaffBody = z.strictObject({
  /** 离职日期（含当日）；null 撤销离职 */
  endedOn: dateInput.nullish(),
  /** 人员的政治面貌 */
  partyStatus: z.enum(PARTY_STATUSES, { error: '政治面貌只能是 none（非党员）、full（正式党员）或 probationary（预备党员）' }).optional(),
});

export const partyBody = z.strictObject({
  /** 已建立的党组织（名称、类型） */
  partyOrg: z
    .strictObject({
      name: nameInput('党组织名称'),
      kind: z.enum(['branch', 'generalBranch'], { error: '党组织类型只能是党支部(branch)或党总支(generalBranch)' }),
    })
    .optional(),
  /** 关联本企业已有的党组织；null 表示尚未建立党组织 */
  partyOrgId: positiveId('党组织编号').nullable().optional(),
  /** 党建指导员（人员编号）；null 表示撤销 */
  instructorId: positiveId('党建指导员编号').nullable().optional(),
  /** 党建指导员选派日期 */
  instructorSince: dateInput.nullish(),
});

const personOut = z.object({
  id: z.number(),
  streetId: z.number(),
  nodeId: z.number(),
  kind: z.string(),
  name: z.string(),
  idNumberMasked: z.string().nullable(),
  birthDate: z.string().nullable(),
  mobileMasked: z.string().nullable(),
  partyStatus: z.enum(PARTY_STATUSES),
  partyOrgId: z.number().nullable(),
  tags: z.unknown(),
  occupation: z.string().nullable(),
  address: z.string().nullable(),
  negativeNote: z.string().nullable(),
});

const partyOrgOut = z.object({ id: z.number(), name: z.string(), kind: z.string(), kindLabel: z.string() }).nullable();
const instructorOut = z.object({ id: z.number(), name: z.string(), since: z.string().nullable() }).nullable();
const partyStatusOut = {
  fullMembers: z.number(),
  probationaryMembers: z.number(),
  staffCount: z.number(),
  /** R39 */
  partyBuildingStatus: z.enum(['established', 'shouldEstablish', 'instructor', 'needsInstructor']),
  partyBuildingLabel: z.string(),
  /** R39 应建未建 */
  shouldEstablish: z.boolean(),
};

export const companyItemOut = z.object({
  id: z.number(),
  name: z.string(),
  uscc: z.string(),
  streetId: z.number(),
  streetName: z.string(),
  legalRepresentative: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  contractsCurrent: z.number(),
  estatesServed: z.array(z.object({ id: z.number(), name: z.string() })),
  partyOrg: partyOrgOut,
  instructor: instructorOut,
  ...partyStatusOut,
  actions: z.array(z.string()),
});

export const companyListOut = z.object({ total: z.number(), pageSize: z.number(), items: z.array(companyItemOut) });

export const contractOut = z.object({
  id: z.number(),
  companyId: z.number(),
  estateId: z.number(),
  estateName: z.string(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  current: z.boolean(),
  projectManager: z.object({ id: z.number(), name: z.string() }).nullable(),
  partyOrg: partyOrgOut,
  instructor: instructorOut,
  note: z.string().nullable(),
  ...partyStatusOut,
});

export const staffOut = z.object({
  postId: z.number(),
  role: z.enum(STAFF_ROLES),
  roleLabel: z.string(),
  estateId: z.number().nullable(),
  estateName: z.string().nullable(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  person: personOut,
});

export const companyDetailOut = companyItemOut.extend({
  contracts: z.array(contractOut),
  staff: z.array(staffOut),
});

export const checksOut = z.object({
  companies: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      fullMembers: z.number(),
      partyBuildingStatus: z.string(),
      partyBuildingLabel: z.string(),
    }),
  ),
  projects: z.array(
    z.object({
      contractId: z.number(),
      companyId: z.number(),
      companyName: z.string(),
      estateId: z.number(),
      estateName: z.string(),
      fullMembers: z.number(),
      partyBuildingStatus: z.string(),
      partyBuildingLabel: z.string(),
    }),
  ),
});

export const unregisteredOut = z.object({
  items: z.array(z.object({ id: z.number(), name: z.string(), address: z.string().nullable(), estates: z.array(z.string()) })),
});

export const postOut = z.object({ postId: z.number() });

export const candidatesQuery = z.strictObject({ q: z.string().trim().max(40, { error: '搜索词不能超过 40 个字' }).optional() });
export const candidatesOut = z.object({ items: z.array(z.object({ id: z.number(), name: z.string(), nodeName: z.string() })) });
