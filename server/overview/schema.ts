import { z } from 'zod';
import { FIGURE_CODES } from '../../core/overview.js';

export const overviewQuery = z.strictObject({
  /** the district, street, community or estate to show (default: the caller's scope) */
  nodeId: z.coerce.number().int().positive().optional(),
  /** the year tickets, evaluations, training and votes are counted in (default: this year) */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

export const figureParams = z.strictObject({
  /** the figure */
  code: z.enum(FIGURE_CODES, { error: '没有这项指标' }),
});
