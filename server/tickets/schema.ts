import { z } from 'zod';
import {
  DISPATCH_RULES,
  HANDLER_TYPES,
  LIMIT_UNITS,
  MAX_TICKET_PHOTOS,
  PAUSABLE_STATES,
  SATISFACTIONS,
  TICKET_ACTION_CODES,
  TICKET_CHANNELS,
  TICKET_STATES,
} from '../../core/tickets.js';
import { idParam, positiveId } from '../http/schemas.js';
import { TICKET_STATUS_FILTERS } from './queries.js';
import { PERFORMANCE_GROUPS } from './performance.js';

const text = (label: string, max: number) =>
  z
    .string({ error: `${label}必须是文字` })
    .trim()
    .min(1, { error: `${label}不能为空` })
    .max(max, { error: `${label}不能超过 ${max} 个字` });
const optText = (label: string, max: number) =>
  z
    .string({ error: `${label}必须是文字` })
    .trim()
    .max(max, { error: `${label}不能超过 ${max} 个字` })
    .nullish();

const limit = (label: string) =>
  z.strictObject({
    /** hours: 小时（自然时间）；workdays: 工作日（按工作日历，含调休） */
    unit: z.enum(LIMIT_UNITS, { error: `${label}的单位只能是小时或工作日` }),
    /** 1–720 */
    amount: z
      .number({ error: `${label}必须是数字` })
      .int({ error: `${label}必须是整数` })
      .min(1, { error: `${label}至少为 1` })
      .max(720, { error: `${label}不能超过 720` }),
  });

export const serviceKindBody = z.strictObject({
  /** 诉求类型名称，如“报修” */
  name: text('名称', 30),
  description: optText('说明', 200),
  /** 承办方：网格员、物业企业、社区、区职能部门 */
  handlerType: z.enum(HANDLER_TYPES, { error: '承办方只能是网格员、物业企业、社区或区职能部门' }),
  /** 承办方为区职能部门时：该部门的账号 */
  departmentAccountId: positiveId('部门').nullish(),
  /** 响应时限 */
  respond: limit('响应时限'),
  /** 办结时限 */
  finish: limit('办结时限'),
  /** 派单规则：auto 按规则自动派给承办方；manual 由社区人工派单 */
  dispatch: z.enum(DISPATCH_RULES, { error: '派单规则只能是自动或人工' }),
  /** 停止计时的状态（只有列在这里的状态才停表） */
  clockStops: z.array(z.enum(PAUSABLE_STATES, { error: '停止计时的状态只能是等待居民配合或挂起' })).max(2),
  active: z.boolean({ error: '是否启用必须是是或否' }).optional(),
});

export const serviceKindOut = z.object({
  id: z.number(),
  communityId: z.number(),
  name: z.string(),
  description: z.string().nullable(),
  handlerType: z.enum(HANDLER_TYPES),
  handlerLabel: z.string(),
  departmentAccountId: z.number().nullable(),
  respond: z.object({ unit: z.enum(LIMIT_UNITS), amount: z.number() }),
  finish: z.object({ unit: z.enum(LIMIT_UNITS), amount: z.number() }),
  respondText: z.string(),
  finishText: z.string(),
  dispatch: z.enum(DISPATCH_RULES),
  dispatchLabel: z.string(),
  clockStops: z.array(z.enum(PAUSABLE_STATES)),
  clockStopsText: z.string(),
  active: z.boolean(),
});

export const photoBody = z.strictObject({
  fileName: z.string({ error: '请提供文件名' }).trim().min(1, { error: '请提供文件名' }).max(200, { error: '文件名不能超过 200 个字' }),
  /** image/jpeg 或 image/png，按内容核对 */
  contentType: z.string({ error: '请提供文件类型' }),
  /** Base64，不超过 5 MB */
  dataBase64: z.string({ error: '请提供照片内容' }),
});

export const raiseBody = z.strictObject({
  /** 服务清单中的诉求类型 */
  kindId: positiveId('诉求类型'),
  /** 标题，不超过 50 字 */
  title: text('标题', 50),
  /** 描述，不超过 1000 字 */
  description: text('描述', 1000),
  /** app 业主在线提交；patrol 网格员巡查发现；phone 工作人员电话受理 */
  channel: z.enum(TICKET_CHANNELS, { error: '来源只能是在线提交、巡查发现或电话受理' }),
  /** 房屋（本人名下）；不填则填写小区和公共部位 */
  unitId: positiveId('房屋').nullish(),
  estateId: positiveId('小区').nullish(),
  buildingId: positiveId('楼栋').nullish(),
  /** 公共部位，如“3号楼东侧停车场” */
  place: optText('公共部位', 100),
  /** 先上传的照片编号，最多 9 张 */
  photoIds: z
    .array(positiveId('照片'))
    .max(MAX_TICKET_PHOTOS, { error: `照片最多 ${MAX_TICKET_PHOTOS} 张` })
    .default([]),
  callerName: optText('来电人姓名', 30),
  callerPhone: z
    .string({ error: '来电号码必须是文字' })
    .trim()
    .regex(/^[0-9+\- ]{3,20}$/, { error: '来电号码格式不正确' })
    .nullish()
    .or(z.literal('')),
});

export const stepParams = z.strictObject({
  id: idParam.shape.id,
  action: z.enum(TICKET_ACTION_CODES, { error: '未知的办理步骤' }),
});

export const stepBody = z.strictObject({
  /** 说明（转派、暂停、办结、回访时必填） */
  reason: optText('说明', 1000),
  satisfaction: z.enum(SATISFACTIONS, { error: '评价只能是满意、基本满意或不满意' }).optional(),
  waitState: z.enum(PAUSABLE_STATES, { error: '暂停原因只能是等待居民配合或挂起' }).optional(),
  photoIds: z
    .array(positiveId('照片'))
    .max(MAX_TICKET_PHOTOS, { error: `照片最多 ${MAX_TICKET_PHOTOS} 张` })
    .optional(),
  handlerType: z.enum(HANDLER_TYPES, { error: '承办方只能是网格员、物业企业、社区或区职能部门' }).optional(),
  departmentAccountId: positiveId('部门').nullish(),
});

const optId = z.coerce.number({ error: '编号必须是正整数' }).int().positive({ error: '编号必须是正整数' }).max(2_147_483_647).optional();

export const listQuery = z.strictObject({
  /** open 办理中；overdue 已逾期；toRate 待评价；revisit 待回访；done 已办结或撤回 */
  status: z.enum(TICKET_STATUS_FILTERS, { error: '筛选状态不正确' }).optional(),
  state: z.enum(TICKET_STATES, { error: '状态不正确' }).optional(),
  kindName: z.string().trim().max(30).optional(),
  estateId: optId,
  gridId: optId,
  communityId: optId,
  handlerType: z.enum(HANDLER_TYPES, { error: '承办方类型不正确' }).optional(),
  channel: z.enum(TICKET_CHANNELS, { error: '来源不正确' }).optional(),
  /** 标题包含 */
  q: z.string().trim().max(50).optional(),
  mine: z.enum(['1', '0']).optional(),
  assigned: z.enum(['1', '0']).optional(),
  page: z.coerce.number({ error: '页码必须是正整数' }).int().min(1, { error: '页码必须是正整数' }).max(100_000).default(1),
  pageSize: z.coerce.number({ error: '每页条数必须是 1–100 的整数' }).int().min(1).max(100, { error: '每页最多 100 条' }).default(20),
});

const listItem = z.object({
  id: z.number(),
  title: z.string(),
  kindName: z.string(),
  state: z.enum(TICKET_STATES),
  stateLabel: z.string(),
  channel: z.enum(TICKET_CHANNELS),
  channelLabel: z.string(),
  estateId: z.number(),
  estateName: z.string(),
  gridName: z.string().nullable(),
  place: z.string(),
  raisedAt: z.string(),
  handler: z.string(),
  finishDueAt: z.string(),
  overdue: z.boolean(),
  finishedLate: z.boolean().nullable(),
  escalationLevel: z.number(),
  escalationLabel: z.string(),
  satisfaction: z.enum(SATISFACTIONS).nullable(),
  satisfactionLabel: z.string().nullable(),
});
export const listOut = z.object({ items: z.array(listItem), total: z.number(), page: z.number(), pageSize: z.number() });

export const detailOut = z.object({
  id: z.number(),
  title: z.string(),
  description: z.string(),
  kindName: z.string(),
  state: z.enum(TICKET_STATES),
  stateLabel: z.string(),
  channel: z.enum(TICKET_CHANNELS),
  channelLabel: z.string(),
  estateId: z.number(),
  estateName: z.string(),
  communityId: z.number(),
  communityName: z.string(),
  gridName: z.string().nullable(),
  place: z.string(),
  raisedAt: z.string(),
  raiser: z.string(),
  caller: z.object({ name: z.string().nullable(), phone: z.string().nullable() }).nullable(),
  handler: z.string(),
  handlerType: z.enum(HANDLER_TYPES).nullable(),
  respondLimit: z.string(),
  finishLimit: z.string(),
  clockStops: z.array(z.string()),
  respondDueAt: z.string(),
  finishDueAt: z.string(),
  respondedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  respondLate: z.boolean(),
  finishLate: z.boolean(),
  paused: z.boolean(),
  calendarWarning: z.string().nullable(),
  escalationLevel: z.number(),
  escalationLabel: z.string(),
  satisfaction: z.enum(SATISFACTIONS).nullable(),
  satisfactionLabel: z.string().nullable(),
  reopenCount: z.number(),
  photos: z.array(z.number()),
  events: z.array(
    z.object({
      id: z.number(),
      at: z.string(),
      action: z.string(),
      actionLabel: z.string(),
      actor: z.string().nullable(),
      toStateLabel: z.string(),
      note: z.string().nullable(),
      satisfactionLabel: z.string().nullable(),
      handler: z.string().nullable(),
      photos: z.array(z.number()),
    }),
  ),
  actions: z.array(z.enum(TICKET_ACTION_CODES)),
});

export const performanceQuery = z.strictObject({
  groupBy: z.enum(PERFORMANCE_GROUPS, { error: '分组只能是网格、社区、小区、承办方或物业企业' }).default('community'),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' })
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' })
    .optional(),
});

export const performanceOut = z.object({
  groupBy: z.enum(PERFORMANCE_GROUPS),
  rows: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      raised: z.number(),
      open: z.number(),
      overdueOpen: z.number(),
      finished: z.number(),
      onTime: z.number(),
      onTimeRate: z.number().nullable(),
      responded: z.number(),
      respondedOnTime: z.number(),
      avgHandlingHours: z.number().nullable(),
      rated: z.number(),
      satisfied: z.number(),
      basicallySatisfied: z.number(),
      unsatisfied: z.number(),
      satisfactionRate: z.number().nullable(),
    }),
  ),
});
