import { z } from 'zod';
import { parseArea } from '../../core/area.js';
import { DATE_YEARS, isValidDate } from '../../core/dates.js';

/** Shared zod pieces; each field carries the Chinese message a user reads when it is wrong. */

export const idParam = z.strictObject({
  id: z.coerce
    .number({ error: '编号必须是正整数' })
    .int({ error: '编号必须是正整数' })
    .positive({ error: '编号必须是正整数' })
    .max(2_147_483_647, { error: '编号超出范围' }),
});

export const positiveId = (label: string) =>
  z
    .number({ error: `${label}必须是正整数` })
    .int({ error: `${label}必须是正整数` })
    .positive({ error: `${label}必须是正整数` })
    .max(2_147_483_647, { error: `${label}超出范围` });

/** An exclusive area read by core parseArea (as the unit form and the import read it): "89.37", 89.37, "８９．３７㎡"; becomes integer hundredths. */
export const areaInput = z.union([z.string(), z.number()], { error: '面积必须是数字，如 89.37' }).transform((v, ctx) => {
  const r = parseArea(v);
  if (!r.ok) {
    ctx.issues.push({ code: 'custom', message: r.message, input: v });
    return z.NEVER;
  }
  return r.centi;
});

export const dateInput = z
  .string({ error: '日期必须是 YYYY-MM-DD 格式的字符串' })
  .refine(isValidDate, { error: `日期无效，应为${DATE_YEARS.min}年至${DATE_YEARS.max}年间真实存在的日期，格式 YYYY-MM-DD` });

export const nameInput = (label: string, max = 100) =>
  z
    .string({ error: `${label}必须是文字` })
    .trim()
    .min(1, { error: `${label}不能为空` })
    .max(max, { error: `${label}不能超过 ${max} 个字` });

export const optionalText = (label: string, max = 200) =>
  z
    .string({ error: `${label}必须是文字` })
    .trim()
    .max(max, { error: `${label}不能超过 ${max} 个字` })
    .nullish();

export const errorResponse = z.object({
  code: z.string(),
  message: z.string(),
  fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

export const okResponse = z.object({ ok: z.literal(true) });
