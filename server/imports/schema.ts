import { z } from 'zod';
import { positiveId } from '../http/schemas.js';
import { IMPORT_KINDS } from './columns.js';

const kind = z.enum(IMPORT_KINDS, { error: '导入类型只能是业主名册(roll)、人员(people)或物业服务企业(companies)' });

export const checkQuery = z.strictObject({
  /** roll: 业主名册；people: 人员；companies: 物业服务企业 */
  kind,
  /** 导入到的节点：业主名册为小区，人员为街道或社区，企业为街道 */
  nodeId: z.coerce.number({ error: '节点编号必须是正整数' }).pipe(positiveId('节点编号')),
  /** 原文件名（可选，URL 编码） */
  fileName: z.string().max(200, { error: '文件名不能超过200个字' }).optional(),
});

export const listQuery = z.strictObject({
  /** 只列出该节点及其下级的导入批次 */
  nodeId: z.coerce.number({ error: '节点编号必须是正整数' }).pipe(positiveId('节点编号')).optional(),
  kind: kind.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const commitBody = z.strictObject({
  /** all：全部导入（文件有错误时拒绝）；validOnly：只导入无错误的行 */
  mode: z.enum(['all', 'validOnly'], { error: '导入方式只能是全部导入(all)或只导入无错误的行(validOnly)' }),
  /**
   * 对产权变更清单的确认：检查结果中的 titleDigest 原样提交。清单非空（将结束或变更已有业主的产权）时必填；
   * 与导入时重新核对的清单不一致（检查后数据已变化）时拒绝导入
   */
  confirmDigest: z
    .string({ error: '确认摘要必须是文字' })
    .regex(/^[0-9a-f]{64}$/, { error: '确认摘要格式不正确：请重新检查文件，核对产权变更清单后再确认' })
    .optional(),
});

const rowError = z.object({ row: z.number(), column: z.string(), message: z.string() });

const titleHolder = {
  name: z.string(),
  /** 脱敏证件号码（如名册所示；单位为统一社会信用代码） */
  idMasked: z.string().nullable(),
  /** 产权起始日期 */
  since: z.string(),
};

/** 一套已有业主的房屋上将结束、开始或变更的产权 */
const titleChangeOut = z.object({
  unitId: z.number(),
  /** 楼栋+单元+房号 */
  room: z.string(),
  /** 产权将结束的业主；until 为结束日期 */
  ends: z.array(z.object({ ...titleHolder, until: z.string(), voter: z.boolean() })),
  /** 将新登记产权的业主；newPerson：系统中尚无此人 */
  starts: z.array(z.object({ ...titleHolder, voter: z.boolean(), newPerson: z.boolean() })),
  /** 产权保留但将变更的业主（指定表决人、取得方式、姓名） */
  changes: z.array(z.object({ ...titleHolder, fields: z.array(z.object({ label: z.string(), before: z.string(), after: z.string() })) })),
});

export const batchOut = z.object({
  id: z.number(),
  kind,
  nodeId: z.number(),
  nodeName: z.string(),
  fileName: z.string(),
  size: z.number(),
  status: z.enum(['checked', 'committed', 'discarded']),
  /** 数据行数 */
  rows: z.number(),
  validRows: z.number(),
  errorRows: z.number(),
  errorCount: z.number(),
  warningCount: z.number(),
  /** 与系统现有数据相比将产生（或已产生）的变更数；0 表示没有变化 */
  changes: z.number(),
  /** 检查时的统计（与系统数据比较）：unitsNew、unitsChanged、ownersNew、tenuresEnded… */
  summary: z.record(z.string(), z.number()),
  /** 导入结果（已导入时） */
  result: z.record(z.string(), z.union([z.number(), z.string()])).nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  committedAt: z.string().nullable(),
  actions: z.array(z.string()),
});

export const batchDetailOut = batchOut.extend({
  sheetName: z.string(),
  headerRow: z.number(),
  /** 前200条错误（完整列表见错误报告） */
  errors: z.array(rowError),
  warnings: z.array(rowError),
  /** 将结束或变更已有业主产权的房屋（完整清单）；非空时确认导入须携带 titleDigest */
  titleChanges: z.array(titleChangeOut),
  /** 产权变更清单的摘要；没有需要确认的变更时为 null */
  titleDigest: z.string().nullable(),
});

export const batchListOut = z.object({ items: z.array(batchOut) });
