import { z } from 'zod';
import { NOTICE_BODY_MAX, NOTICE_KINDS, NOTICE_TITLE_MAX } from '../../core/notices.js';
import { dateInput, positiveId } from '../http/schemas.js';
import { backdateInput } from './posting.js';

const title = z
  .string({ error: '标题必须是文字' })
  .trim()
  .min(1, { error: '标题不能为空' })
  .max(NOTICE_TITLE_MAX, { error: `标题不能超过 ${NOTICE_TITLE_MAX} 个字，请删减后再保存` });
const body = z
  .string({ error: '正文必须是文字' })
  .trim()
  .min(1, { error: '正文不能为空' })
  .max(NOTICE_BODY_MAX, { error: `正文不能超过 ${NOTICE_BODY_MAX} 个字，请删减或将详细内容作为附件上传` });
const periodDays = z
  .number({ error: '公示期天数必须是正整数' })
  .int({ error: '公示期天数必须是正整数' })
  .min(1, { error: '公示期天数必须至少 1 天' })
  .max(365, { error: '公示期不能超过 365 天' });

export const createNoticeBody = z.strictObject({
  /** 所属小区/社区/街道 */
  nodeId: positiveId('所属节点编号'),
  kind: z.enum(NOTICE_KINDS, { error: `公告类型只能是：${NOTICE_KINDS.join('、')}` }),
  title,
  body,
  /** 公示期单位：workdays 工作日 / calendarDays 自然日（末日遇休息日顺延） */
  periodUnit: z.enum(['workdays', 'calendarDays'], { error: '公示期单位只能是 workdays（工作日）或 calendarDays（自然日）' }).nullish(),
  periodDays: periodDays.nullish(),
  /** 是否接受书面异议（须有公示期） */
  acceptsObjections: z.boolean({ error: '是否接受异议必须是 true 或 false' }).default(false),
});

export const updateNoticeBody = z.strictObject({
  title: title.optional(),
  body: body.optional(),
  periodUnit: z.enum(['workdays', 'calendarDays']).nullish(),
  periodDays: periodDays.nullish(),
  acceptsObjections: z.boolean().optional(),
});

export const publishNoticeBody = z.strictObject({
  /** 张贴日期，默认今天；不能晚于今天；早于今天须为已张贴纸质公告的补录 */
  publishDate: dateInput.optional(),
  /** 补录：纸质公告已在小区张贴，平台补录（须填原因并附张贴现场照片，追溯天数见规则配置） */
  backdate: backdateInput.nullish(),
});

export const fileObjectionBody = z.strictObject({
  content: z
    .string({ error: '异议内容必须是文字' })
    .trim()
    .min(1, { error: '异议内容不能为空' })
    .max(5000, { error: '异议内容不能超过 5000 字' }),
  /** 纸质异议：异议人姓名（工作人员代为登记时必填） */
  objectorName: z.string().trim().min(1, { error: '异议人姓名不能为空' }).max(40, { error: '异议人姓名不能超过 40 个字' }).optional(),
  /** 异议人房号 */
  objectorUnit: z.string().trim().max(40, { error: '房号不能超过 40 个字' }).optional(),
  /** 纸质异议：街道收到日期（工作人员代为登记时必填） */
  receivedOn: dateInput.optional(),
});

export const verifyObjectionBody = z.strictObject({
  outcome: z.enum(['upheld', 'rejected'], { error: '核查结论只能是 upheld（异议成立）或 rejected（异议不成立）' }),
  /** 核查情况与结论，将公示 */
  finding: z
    .string({ error: '核查情况必须是文字' })
    .trim()
    .min(1, { error: '请填写核查情况' })
    .max(5000, { error: '核查情况不能超过 5000 字' }),
});

export const noticeOut = z.object({
  id: z.number(),
  nodeId: z.number(),
  nodeName: z.string(),
  kind: z.enum(NOTICE_KINDS),
  kindLabel: z.string(),
  title: z.string(),
  body: z.string(),
  status: z.enum(['draft', 'published']),
  state: z.string(),
  stateLabel: z.string(),
  periodUnit: z.enum(['workdays', 'calendarDays']).nullable(),
  periodDays: z.number().nullable(),
  /** 公示期描述，如"5个工作日" */
  periodText: z.string().nullable(),
  acceptsObjections: z.boolean(),
  publishDate: z.string().nullable(),
  endDate: z.string().nullable(),
  calendarComplete: z.boolean().nullable(),
  /** 日历未覆盖时的提示 */
  calendarWarning: z.string().nullable(),
  supersedesId: z.number().nullable(),
  supersededById: z.number().nullable(),
  pendingCorrectionId: z.number().nullable(),
  attachments: z.array(z.object({ id: z.number(), fileName: z.string(), contentType: z.string(), size: z.number() })),
  /** 补录：纸质公告张贴后在平台补录（原因、张贴现场照片附件、补录日期）；否则为 null */
  backdate: z
    .object({ label: z.string(), reason: z.string(), photoAttachmentId: z.number().nullable(), recordedOn: z.string().nullable() })
    .nullable(),
  actions: z.array(z.string()),
});

export const objectionOut = z.object({
  id: z.number(),
  noticeId: z.number(),
  objectorName: z.string(),
  objectorUnit: z.string().nullable(),
  content: z.string(),
  channel: z.enum(['online', 'paper']),
  receivedOn: z.string(),
  verifyDue: z.string(),
  verifyDueComplete: z.boolean(),
  status: z.enum(['open', 'upheld', 'rejected']),
  finding: z.string().nullable(),
  resultNoticeId: z.number().nullable(),
  overdue: z.boolean(),
  actions: z.array(z.string()),
});

export const noticeDetailOut = noticeOut.extend({ objections: z.array(objectionOut) });

export const publicNoticeOut = noticeOut.omit({ actions: true });

export const publicEstateOut = z.object({
  estate: z.object({
    id: z.number(),
    name: z.string(),
    address: z.string().nullable(),
    community: z.string().nullable(),
    street: z.string().nullable(),
  }),
  today: z.string(),
  current: z.array(publicNoticeOut),
  past: z.array(publicNoticeOut),
});
