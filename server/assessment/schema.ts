import { z } from 'zod';
import { FIGURE_CODES } from '../../core/overview.js';

export const assessmentQuery = z.strictObject({
  /** the street */
  nodeId: z.coerce.number({ error: '请选择街道' }).int().positive({ error: '请选择街道' }),
  /** the year (default: this year) */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

export const settingsBody = z.strictObject({
  /** the scored items, their weights adding up to 100 */
  items: z
    .array(
      z.strictObject({
        figure: z.enum(FIGURE_CODES, { error: '没有这项指标' }),
        mode: z.enum(['rate', 'inverse'], { error: '计分方式只能是“按比例”或“按合格比例”' }),
        weight: z.number().int({ error: '分值应为整数' }).min(1, { error: '分值至少为1分' }).max(100, { error: '分值不能超过100分' }),
      }),
    )
    .min(1, { error: '至少设置一项考核内容' })
    .max(13),
  /** points off per overdue item */
  overdueDeduction: z.number().int({ error: '扣分应为整数' }).min(0).max(20),
  /** the most taken off for overdue items */
  overdueCap: z.number().int({ error: '扣分上限应为整数' }).min(0).max(50),
});

export const reportQuery = z.strictObject({
  /** the district, street or community reported on (default: the caller's scope) */
  nodeId: z.coerce.number().int().positive().optional(),
  /** 情况通报 (monthly) or 年度工作总结 (annual) */
  kind: z.enum(['monthly', 'annual'], { error: '报告类型只能是月度通报或年度总结' }),
  /** the year (annual; default: this year) */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
