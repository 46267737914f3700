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
});

const rowError = z.object({ row: z.number(), column: z.string(), message: z.string() });

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
});

export const batchListOut = z.object({ items: z.array(batchOut) });
