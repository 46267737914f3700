import { scopeRoots } from '../../access/scope.js';
import { recordAudit } from '../../audit/record.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest } from '../../http/errors.js';
import { bumpCalendarVersion } from '../store.js';

/**
 * Marks a year's schedule as entered in full (or not). Until it is, every period reaching into
 * that year is computed Monday–Friday and flagged.
 */
export async function setCalendarYear(ctx: ActionContext & { actor: CurrentUser }, year: number, complete: boolean) {
  return inTransaction(ctx.db, async (trx) => {
    if (complete) {
      const n = await trx
        .selectFrom('calendar_day')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('date', '>=', `${year}-01-01`)
        .where('date', '<=', `${year}-12-31`)
        .where('kind', '=', 'holiday')
        .executeTakeFirstOrThrow();
      if (n.n === 0) throw badRequest(`${year}年尚未登记任何法定节假日，请先按国务院办公厅通知逐日登记，再标记为已录入`, 'complete');
    }
    const before = await trx.selectFrom('calendar_year').selectAll().where('year', '=', year).executeTakeFirst();
    await trx
      .insertInto('calendar_year')
      .values({ year, complete, source: 'admin' })
      .onConflict((oc) => oc.column('year').doUpdateSet({ complete, source: 'admin', updated_at: new Date() }))
      .execute();
    await bumpCalendarVersion(trx);
    await recordAudit(trx, ctx, {
      action: 'calendar.setYear',
      entityType: 'calendar_year',
      entityId: year,
      // recorded where the calendar is kept: the district the actor maintains it for (issue 13)
      nodeId: scopeRoots(ctx.actor, 'calendar.manage')[0] ?? null,
      before: before ?? null,
      after: { year, complete },
    });
  });
}
