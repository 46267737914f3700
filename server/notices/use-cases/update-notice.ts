import type { z } from 'zod';
import { recordAudit } from '../../audit/record.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { conflict } from '../../http/errors.js';
import type { updateNoticeBody } from '../schema.js';
import { checkPeriod } from './create-notice.js';
import { loadNoticeForChange } from './load-notice.js';

/** Edits a draft. A published notice is frozen: a correction is a new notice that supersedes it. */
export async function updateNotice(ctx: ActionContext & { actor: CurrentUser }, id: number, input: z.output<typeof updateNoticeBody>) {
  return inTransaction(ctx.db, async (trx) => {
    const before = await loadNoticeForChange(trx, ctx.actor, id, 'notice.manage');
    if (before.status !== 'draft') throw conflict('公告已发布，内容不能再修改；如需更正，请发布更正公告（将取代原公告，两者均保留可见）');
    const unit = input.periodUnit !== undefined ? input.periodUnit : before.period_unit;
    const days = input.periodDays !== undefined ? input.periodDays : before.period_days;
    const accepts = input.acceptsObjections ?? before.accepts_objections;
    checkPeriod(unit ?? null, days ?? null, accepts);
    const after = await trx
      .updateTable('public_notice')
      .set({
        title: input.title ?? before.title,
        body: input.body ?? before.body,
        period_unit: unit ?? null,
        period_days: days ?? null,
        accepts_objections: accepts,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'notice.update',
      entityType: 'public_notice',
      entityId: id,
      nodeId: before.node_id,
      before,
      after,
    });
    return after;
  });
}
