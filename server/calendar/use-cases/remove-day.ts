import { formatDateZh } from '../../../core/dates.js';
import { scopeRoots } from '../../access/scope.js';
import { recordAudit } from '../../audit/record.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { notFound } from '../../http/errors.js';
import { bumpCalendarVersion } from '../store.js';

/** Removes a day's entry: the day falls back to the Monday–Friday rule. */
export async function removeCalendarDay(ctx: ActionContext & { actor: CurrentUser }, date: string) {
  await inTransaction(ctx.db, async (trx) => {
    const before = await trx.selectFrom('calendar_day').selectAll().where('date', '=', date).forUpdate().executeTakeFirst();
    if (!before) throw notFound(`${formatDateZh(date)}的日历登记`);
    await trx.deleteFrom('calendar_day').where('date', '=', date).execute();
    await bumpCalendarVersion(trx);
    await recordAudit(trx, ctx, {
      action: 'calendar.removeDay',
      entityType: 'calendar_day',
      entityId: date,
      // recorded where the calendar is kept: the district the actor maintains it for (issue 13)
      nodeId: scopeRoots(ctx.actor, 'calendar.manage')[0] ?? null,
      before,
    });
  });
}
