import { formatDateZh } from '../../../core/dates.js';
import type { DayKind } from '../../../core/workdays.js';
import { scopeRoots } from '../../access/scope.js';
import { recordAudit } from '../../audit/record.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict } from '../../http/errors.js';
import { bumpCalendarVersion } from '../store.js';

export const DAY_KIND_LABEL: Record<DayKind, string> = { holiday: '法定节假日', makeUpWorkday: '调休上班日' };

const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/**
 * The district admin enters one day of a year's schedule (e.g. 2027, once the State Council publishes
 * it). Entering the same meaning again changes nothing; a different meaning for an entered day is
 * refused, so a typo cannot silently flip a holiday into a working day — delete it first.
 */
export async function setCalendarDay(
  ctx: ActionContext & { actor: CurrentUser },
  input: { date: string; kind: DayKind; name: string | null },
) {
  const wd = weekday(input.date);
  if (input.kind === 'makeUpWorkday' && wd !== 0 && wd !== 6) {
    throw badRequest(`${formatDateZh(input.date)}是工作日（周一至周五），无需登记为调休上班日`, 'kind');
  }
  return inTransaction(ctx.db, async (trx) => {
    const existing = await trx.selectFrom('calendar_day').selectAll().where('date', '=', input.date).forUpdate().executeTakeFirst();
    if (existing) {
      if (existing.kind === input.kind) return { changed: false };
      throw conflict(
        `${formatDateZh(input.date)}已登记为${DAY_KIND_LABEL[existing.kind]}${existing.name ? `（${existing.name}）` : ''}，与本次登记的${DAY_KIND_LABEL[input.kind]}冲突；如需更正，请先删除原登记`,
      );
    }
    const row = await trx
      .insertInto('calendar_day')
      .values({ date: input.date, kind: input.kind, name: input.name, source: 'admin' })
      .returningAll()
      .executeTakeFirstOrThrow();
    await bumpCalendarVersion(trx);
    await recordAudit(trx, ctx, {
      action: 'calendar.setDay',
      entityType: 'calendar_day',
      entityId: input.date,
      // recorded where the calendar is kept: the district the actor maintains it for (issue 13)
      nodeId: scopeRoots(ctx.actor, 'calendar.manage')[0] ?? null,
      after: row,
    });
    return { changed: true };
  });
}
