import { z } from 'zod';
import { NODE_KINDS } from '../../core/org.js';
import { PARTY_ORG_KINDS, PARTY_STATUSES, PERSON_KINDS, PERSON_TAGS, POST_ROLE_CODES, type PostRole } from '../../core/registry.js';
import { dateInput, nameInput, optionalText, positiveId } from '../http/schemas.js';

const queryId = (label: string) =>
  z.coerce
    .number({ error: `${label}必须是正整数` })
    .int({ error: `${label}必须是正整数` })
    .positive({ error: `${label}必须是正整数` })
    .max(2_147_483_647, { error: `${label}超出范围` });

const partyStatusInput = z.enum(PARTY_STATUSES, { error: '政治面貌只能是非党员(none)、正式党员(full)或预备党员(probationary)' });
const tagsInput = z
  .array(z.enum(PERSON_TAGS, { error: `标签只能是：${PERSON_TAGS.join('、')}` }), { error: '标签必须是列表' })
  .max(PERSON_TAGS.length, { error: '标签重复' })
  .refine((t) => new Set(t).size === t.length, { error: '标签不能重复' });
const roleInput = z.enum(POST_ROLE_CODES as [PostRole, ...PostRole[]], { error: '职务不在职务清单中' });

export const personListQuery = z.strictObject({
  /** 姓名，或身份证号/手机号后4位 */
  q: z.string().trim().max(40, { error: '搜索词不能超过 40 个字' }).optional(),
  /** 所在节点（含下级） */
  nodeId: queryId('节点编号').optional(),
  partyStatus: partyStatusInput.optional(),
  tag: z.enum(PERSON_TAGS, { error: '标签不在标签清单中' }).optional(),
  /** 现任某职务 */
  role: roleInput.optional(),
  page: queryId('页码').default(1),
  pageSize: z.coerce
    .number({ error: '每页条数必须是 1–200 的整数' })
    .int({ error: '每页条数必须是 1–200 的整数' })
    .min(1, { error: '每页条数必须是 1–200 的整数' })
    .max(200, { error: '每页条数必须是 1–200 的整数' })
    .default(20),
});
export type PersonListQuery = z.output<typeof personListQuery>;

export const createPersonBody = z.strictObject({
  /** 登记所在节点：街道、社区、网格、小区、楼栋或物业企业 */
  nodeId: positiveId('登记节点编号'),
  /** 姓名 */
  name: nameInput('姓名'),
  /** 身份证号（18位，可选） */
  idNumber: optionalText('身份证号', 40),
  /** 手机号（可选） */
  mobile: optionalText('手机号', 20),
  /** 政治面貌 */
  partyStatus: partyStatusInput.optional(),
  /** 所属党组织（党员） */
  partyOrgId: positiveId('党组织编号').nullish(),
  /** 背景标签 */
  tags: tagsInput.optional(),
  /** 职业 */
  occupation: optionalText('职业', 100),
  /** 住址 */
  address: optionalText('住址'),
});

export const updatePersonBody = z.strictObject({
  name: nameInput('姓名').optional(),
  idNumber: optionalText('身份证号', 40),
  mobile: optionalText('手机号', 20),
  partyStatus: partyStatusInput.optional(),
  partyOrgId: positiveId('党组织编号').nullish(),
  tags: tagsInput.optional(),
  occupation: optionalText('职业', 100),
  address: optionalText('住址'),
});

export const revealBody = z.strictObject({
  /** mobile 手机号，idNumber 身份证号 */
  field: z.enum(['mobile', 'idNumber'], { error: '只能查看手机号(mobile)或身份证号(idNumber)' }),
});
export const revealOut = z.object({ value: z.string() });

export const createPostBody = z.strictObject({
  /** 职务 */
  role: roleInput,
  /** 任职节点（党组织职务可不填，取党组织所在节点） */
  nodeId: positiveId('任职节点编号').optional(),
  /** 党组织（党组织职务必填） */
  partyOrgId: positiveId('党组织编号').nullish(),
  /** 物业企业职务：所在项目（小区） */
  estateId: positiveId('项目小区编号').nullish(),
  /** 任职日期 YYYY-MM-DD */
  startedOn: dateInput,
  /** 离任日期 YYYY-MM-DD（现任不填） */
  endedOn: dateInput.nullish(),
  note: optionalText('备注'),
});

export const updatePostBody = z.strictObject({
  startedOn: dateInput.optional(),
  endedOn: dateInput.nullish(),
  note: optionalText('备注'),
});

const personOutFields = {
  id: z.number(),
  streetId: z.number(),
  nodeId: z.number(),
  nodeName: z.string(),
  kind: z.enum(PERSON_KINDS),
  name: z.string(),
  /** 脱敏身份证号，如 1101**********1234 */
  idNumberMasked: z.string().nullable(),
  birthDate: z.string().nullable(),
  /** 脱敏手机号，如 138****5678 */
  mobileMasked: z.string().nullable(),
  partyStatus: z.enum(PARTY_STATUSES),
  partyOrgId: z.number().nullable(),
  partyOrgName: z.string().nullable(),
  tags: z.array(z.string()),
  occupation: z.string().nullable(),
  address: z.string().nullable(),
  negativeNote: z.string().nullable(),
};

export const postOut = z.object({
  id: z.number(),
  personId: z.number(),
  role: z.string(),
  roleLabel: z.string(),
  nodeId: z.number(),
  partyOrgId: z.number().nullable(),
  estateId: z.number().nullable(),
  /** 任职机构名称：党组织名称或节点名称 */
  bodyName: z.string(),
  estateName: z.string().nullable(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  current: z.boolean(),
  note: z.string().nullable(),
});

export const currentPostOut = z.object({ id: z.number(), role: z.string(), roleLabel: z.string(), bodyName: z.string() });

export const personListItem = z.object({ ...personOutFields, currentPosts: z.array(currentPostOut) });
export const personListOut = z.object({ items: z.array(personListItem), total: z.number() });

export const crossAppointmentOut = z.object({
  /** partyOrg: 党组织；node: 社区/网格/楼栋/企业 */
  bodyType: z.enum(['partyOrg', 'node']),
  bodyId: z.number(),
  bodyName: z.string(),
  roles: z.array(z.string()),
});

export const personDetailOut = z.object({
  ...personOutFields,
  posts: z.array(postOut),
  /** 双向进入、交叉任职：现任职务所在的各个机构 */
  crossAppointments: z.array(crossAppointmentOut),
  /** 调用者可执行的操作 */
  actions: z.array(z.enum(['update', 'updateParty', 'revealMobile', 'revealIdNumber', 'managePosts', 'managePartyPosts'])),
});

export const partyOrgListQuery = z.strictObject({ nodeId: queryId('节点编号').optional() });

export const partyOrgOut = z.object({
  id: z.number(),
  streetId: z.number(),
  parentId: z.number().nullable(),
  kind: z.enum(PARTY_ORG_KINDS),
  name: z.string(),
  nodeId: z.number(),
  nodeName: z.string(),
  nodeKind: z.enum(NODE_KINDS),
  /** 正式党员人数 */
  fullMembers: z.number(),
  /** 预备党员人数 */
  probationaryMembers: z.number(),
  /** 现任书记 */
  secretary: z.object({ personId: z.number(), name: z.string() }).nullable(),
  actions: z.array(z.enum(['update', 'delete', 'createChild'])),
});
export const partyOrgListOut = z.object({ items: z.array(partyOrgOut) });

export const createPartyOrgBody = z.strictObject({
  /** 上级党组织（可选） */
  parentId: positiveId('上级党组织编号').nullish(),
  /** committee 党委, generalBranch 党总支, branch 党支部, group 党小组 */
  kind: z.enum(PARTY_ORG_KINDS, { error: '党组织类型只能是党委、党总支、党支部或党小组' }),
  name: nameInput('党组织名称'),
  /** 所在节点：社区/街道（党委、党总支），网格/企业/社区（党支部），楼栋/网格（党小组） */
  nodeId: positiveId('所在节点编号'),
});

export const updatePartyOrgBody = z.strictObject({
  name: nameInput('党组织名称').optional(),
  parentId: positiveId('上级党组织编号').nullish(),
  nodeId: positiveId('所在节点编号').optional(),
});

export const checksQuery = z.strictObject({ nodeId: queryId('节点编号') });

export const gridCheckOut = z.object({
  gridId: z.number(),
  gridName: z.string(),
  communityName: z.string(),
  hasGridWorker: z.boolean(),
  oneHoldsAll: z.boolean(),
  problems: z.array(z.string()),
  gridWorkers: z.array(z.string()),
  gridLeaders: z.array(z.string()),
  residentsGroupLeaders: z.array(z.string()),
  branchSecretaries: z.array(z.string()),
});

export const checksOut = z.object({
  grids: z.array(gridCheckOut),
  crossAppointments: z.array(
    z.object({
      personId: z.number(),
      name: z.string(),
      posts: z.array(z.object({ role: z.string(), roleLabel: z.string(), bodyName: z.string() })),
    }),
  ),
  summary: z.object({
    grids: z.number(),
    gridsWithoutWorker: z.number(),
    gridsNotOneHoldsAll: z.number(),
    crossAppointments: z.number(),
  }),
});
