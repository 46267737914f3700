import { z } from 'zod';
import { DISCLOSURE_ITEMS } from '../../core/disclosures.js';
import { dateInput, positiveId } from '../http/schemas.js';

/** The item in a path: one of the ten codes (serviceStandard … partyPledges). */
export const itemParams = z.strictObject({
  id: z.coerce.number({ error: '编号必须是正整数' }).int().positive().max(2_147_483_647),
  item: z.enum(DISCLOSURE_ITEMS, { error: '十公开事项不存在' }),
});

const incomeRow = z.strictObject({
  /** 收入 income or 支出 expense */
  kind: z.enum(['income', 'expense'], { error: '收支应为 income（收入）或 expense（支出）' }),
  /** the day of the income or expense */
  date: dateInput,
  /** what it was, e.g. 电梯广告收入 */
  title: z.string().trim().min(1, { error: '请填写收支项目' }).max(100, { error: '项目名称不超过100字' }),
  /** integer fen (分): 1234.50 元 is 123450 */
  amountFen: z.number({ error: '金额必须是整数（分）' }).int({ error: '金额必须是整数（分）' }).min(0).max(2_147_483_647),
  /** optional note */
  note: z.string().trim().max(200).nullish(),
});

const upload = z.strictObject({
  fileName: z.string().trim().min(1).max(200),
  /** application/pdf, image/jpeg or image/png; checked against the content */
  contentType: z.string(),
  dataBase64: z.string(),
});

export const saveBody = z.strictObject({
  /** the item's text (服务标准, 收费标准 …) */
  body: z.string().max(5000, { error: '内容不超过5000字' }).nullish(),
  /** 物业监督电话: shown in full */
  phone: z.string().trim().max(30).nullish(),
  /** 公共收益支出: the quarter, e.g. 2026Q3 */
  period: z
    .string()
    .regex(/^\d{4}Q[1-4]$/, { error: '季度格式应为 2026Q3' })
    .nullish(),
  /** 公共收益支出: the rows */
  rows: z.array(incomeRow).max(500, { error: '一次最多500行' }).optional(),
  /** attachments of the current version to keep */
  keepFileIds: z.array(positiveId('附件编号')).max(10).optional(),
  /** new attachments (PDF, JPEG, PNG; at most 5 MB each) */
  files: z.array(upload).max(5, { error: '一次最多上传5个附件' }).optional(),
});

export const askBody = z.strictObject({
  /** the question, at most 500 characters */
  question: z.string().trim().min(5, { error: '质询内容至少5个字，请说清楚问题' }).max(500, { error: '质询内容不超过500字' }),
});
export const answerBody = z.strictObject({
  /** the answer, public at once */
  answer: z.string().trim().min(2, { error: '请填写答复内容' }).max(1000, { error: '答复不超过1000字' }),
});
export const hideBody = z.strictObject({
  /** why the question is hidden (public) */
  reason: z.string().trim().min(2, { error: '请填写隐藏理由' }).max(200),
});
export const rollupQuery = z.strictObject({
  /** a street or community to narrow to */
  nodeId: z.coerce.number().int().positive().optional(),
});
export const creditQuery = z.strictObject({
  /** the year (default: this year) */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  companyId: z.coerce.number().int().positive().optional(),
});
export const exportQuery = z.strictObject({
  /** a version of the statement (default: the current one) */
  version: z.coerce.number().int().positive().optional(),
});

// ---- public output: the declared shape is all that leaves (no asker, no personal data)

const entry = z.object({ name: z.string(), post: z.string(), note: z.string().nullish(), suspended: z.boolean().optional() });
const income = z.object({
  period: z.string().nullable(),
  periodLabel: z.string().nullable(),
  rows: z.array(z.object({ kind: z.string(), date: z.string(), title: z.string(), amountFen: z.number(), note: z.string().nullable() })),
  incomeFen: z.number(),
  expenseFen: z.number(),
  balanceFen: z.number(),
});
const question = z.object({
  id: z.number(),
  item: z.string(),
  itemLabel: z.string(),
  question: z.string().nullable(),
  askedOn: z.string(),
  dueOn: z.string(),
  dueCalendarComplete: z.boolean(),
  answer: z.string().nullable(),
  answeredOn: z.string().nullable(),
  overdue: z.boolean(),
  hidden: z.boolean(),
  hiddenReason: z.string().nullable(),
  mine: z.boolean(),
});
export const boardItem = z.object({
  item: z.string(),
  key: z.string(),
  status: z.enum(['current', 'stale', 'missing']),
  statusLabel: z.string(),
  updatedOn: z.string().nullable(),
  dueOn: z.string().nullable(),
  dueWarning: z.string().nullable(),
  responsible: z.string(),
  responsibleParty: z.enum(['company', 'committee']),
  renewal: z.string(),
  source: z.enum(['entered', 'registry']).nullable(),
  version: z.number().nullable(),
  body: z.string().nullable(),
  phone: z.string().nullable(),
  entries: z.array(entry).nullable(),
  income: income.nullable(),
  files: z.array(z.object({ id: z.number(), name: z.string() })),
  questions: z.array(question),
});
export const publicBoardOut = z.object({
  estate: z.object({ id: z.number(), name: z.string(), community: z.string().nullable() }),
  today: z.string(),
  items: z.array(boardItem),
});
export const staffBoardOut = publicBoardOut.extend({
  items: z.array(boardItem.extend({ canEdit: z.boolean(), canAnswer: z.boolean() })),
  canModerate: z.boolean(),
});
export const historyOut = z.object({
  item: z.string(),
  key: z.string(),
  versions: z.array(
    z.object({
      version: z.number(),
      source: z.string(),
      updatedOn: z.string(),
      body: z.string().nullable(),
      phone: z.string().nullable(),
      entries: z.array(entry).nullable(),
      income: income.nullable(),
      files: z.array(z.object({ id: z.number(), name: z.string() })),
    }),
  ),
});
