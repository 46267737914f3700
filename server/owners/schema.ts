import { z } from 'zod';
import { FEE_STATUSES, OWNERSHIP_BASES, PERSON_KINDS } from '../../core/registry.js';
import { dateInput, nameInput, optionalText, positiveId } from '../http/schemas.js';

/** A new owner as typed by staff: a person of the street's registry, matched by ID number. */
export const ownerPersonInput = z.strictObject({
  /** 个人(natural) 或 单位(organisation，如开发建设单位) */
  kind: z.enum(PERSON_KINDS, { error: '业主类型只能是个人(natural)或单位(organisation)' }).default('natural'),
  name: nameInput('业主姓名'),
  /** 身份证号（个人）或统一社会信用代码（单位） */
  idNumber: z.string({ error: '证件号码必须是文字' }).trim().min(1, { error: '证件号码不能为空' }).max(40, { error: '证件号码过长' }),
  mobile: optionalText('手机号', 20),
});

const ownerRef = z
  .strictObject({
    /** 已登记人员的编号 */
    personId: positiveId('人员编号').optional(),
    /** 或新登记的人员（按证件号码匹配已登记人员） */
    person: ownerPersonInput.optional(),
    /** 共有份额（可选，如 1/2） */
    share: optionalText('共有份额', 20),
    /** R4：共有人指定的表决人 */
    designatedVoter: z.boolean({ error: '是否表决人必须是布尔值' }).default(false),
  })
  .refine((o) => (o.personId == null) !== (o.person == null), {
    error: '请选择已登记人员(personId)或填写新业主信息(person)，二者只能选其一',
  });

export const addOwnerBody = z.strictObject({
  owner: ownerRef,
  /** R1：取得方式 */
  basis: z.enum(OWNERSHIP_BASES, { error: '取得方式不正确' }).default('registered'),
  /** 取得日期 */
  startedOn: dateInput,
});

export const transferBody = z.strictObject({
  /** 新业主（共有时多人） */
  owners: z
    .array(ownerRef, { error: '新业主必须是列表' })
    .min(1, { error: '过户至少需要一名新业主' })
    .max(20, { error: '共有人不能超过 20 人' }),
  basis: z.enum(OWNERSHIP_BASES, { error: '取得方式不正确' }).default('registered'),
  /** 过户日期：原业主权属于当日终止，新业主当日起算 */
  date: dateInput,
});

export const endOwnershipBody = z.strictObject({ endedOn: dateInput });

export const voterBody = z.strictObject({ personId: positiveId('表决人编号') });

export const unitRegistryBody = z.strictObject({
  /** R3：开发建设单位未售或已售未交付 */
  developerStock: z.boolean({ error: '开发商未售标记必须是布尔值' }).optional(),
  /** R37：物业费状态 */
  feeStatus: z.enum(FEE_STATUSES, { error: '物业费状态只能是 unknown/paidUp/arrears' }).optional(),
  feeArrearsSince: dateInput.nullish(),
  /** 欠费金额（元），最多两位小数 */
  feeArrears: z
    .string({ error: '欠费金额必须是文字形式的数字，如 "1280.50"' })
    .regex(/^\d{1,9}(\.\d{1,2})?$/, { error: '欠费金额应为不超过两位小数的非负数，如 1280.50' })
    .nullish(),
});

export const rollQuery = z.strictObject({
  estateId: z.coerce.number({ error: '小区编号必须是正整数' }).int().positive({ error: '小区编号必须是正整数' }),
  /** 逗号分隔的楼栋编号（R5：表决范围可以是部分楼栋） */
  buildingIds: z
    .string()
    .regex(/^\d+(,\d+)*$/, { error: '楼栋编号应为逗号分隔的正整数' })
    .transform((s) => s.split(',').map(Number))
    .optional(),
  q: z.string().trim().max(50, { error: '搜索词不能超过 50 个字' }).optional(),
  /** 筛选：all | unowned | coOwnedWithoutVoter | arrears | developerStock */
  filter: z.enum(['all', 'unowned', 'coOwnedWithoutVoter', 'arrears', 'developerStock'], { error: '筛选条件不正确' }).default('all'),
  page: z.coerce.number().int().positive().default(1),
  pageSize: z.coerce.number().int().min(1).max(500, { error: '每页最多 500 条' }).default(50),
});

export const bindSelfBody = z.strictObject({
  idNumber: z.string({ error: '身份证号必须是文字' }).trim().min(1, { error: '请填写身份证号' }).max(40),
  mobile: z.string({ error: '手机号必须是文字' }).trim().min(1, { error: '请填写手机号' }).max(20),
});

export const confirmBindingBody = z.strictObject({
  /** 业主账号的用户名或手机号 */
  login: z.string({ error: '账号必须是文字' }).trim().min(1, { error: '请填写业主账号的用户名或手机号' }).max(50),
  personId: positiveId('人员编号'),
});

const personOut = z.object({
  id: z.number(),
  kind: z.string(),
  name: z.string(),
  idNumberMasked: z.string().nullable(),
  mobileMasked: z.string().nullable(),
});

export const ownershipOut = z.object({
  id: z.number(),
  person: personOut,
  basis: z.string(),
  basisLabel: z.string(),
  share: z.string().nullable(),
  designatedVoter: z.boolean(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
});

export const rollCountsOut = z.object({
  units: z.number(),
  heads: z.number(),
  area: z.string(),
  developerStockUnits: z.number(),
  developerStockArea: z.string(),
  multiUnitOwners: z.number(),
  unownedUnits: z.number(),
  coOwnedWithoutVoter: z.number(),
});

export const rollUnitOut = z.object({
  id: z.number(),
  buildingId: z.number(),
  buildingName: z.string(),
  entrance: z.string(),
  number: z.string(),
  floor: z.number().nullable(),
  kind: z.string(),
  area: z.string(),
  areaSource: z.string(),
  developerStock: z.boolean(),
  feeStatus: z.string(),
  feeArrearsSince: z.string().nullable(),
  feeArrears: z.string().nullable(),
  owners: z.array(ownershipOut),
  /** 是否可编辑（维护业主名册权限） */
  actions: z.array(z.string()),
});

export const rollOut = z.object({
  estate: z.object({ id: z.number(), name: z.string() }),
  counts: rollCountsOut,
  items: z.array(rollUnitOut),
  total: z.number(),
});

export const unitOwnershipOut = rollUnitOut.extend({
  estateId: z.number(),
  history: z.array(ownershipOut),
  bindings: z.array(
    z.object({ accountId: z.number(), username: z.string(), personId: z.number(), method: z.string(), verifiedAt: z.string() }),
  ),
});

export const myUnitsOut = z.object({
  bound: z.boolean(),
  persons: z.array(personOut.extend({ mobile: z.string().nullable() })),
  units: z.array(
    z.object({
      id: z.number(),
      estateId: z.number(),
      estateName: z.string(),
      buildingName: z.string(),
      entrance: z.string(),
      number: z.string(),
      area: z.string(),
      coOwners: z.array(z.object({ name: z.string(), designatedVoter: z.boolean() })),
      /** R4：本人是否为本户表决人（单独所有时即本人） */
      iVote: z.boolean(),
      startedOn: z.string(),
    }),
  ),
  /** R3：按人数计算时本人计为一人，面积为各户之和 */
  totalArea: z.string(),
});
