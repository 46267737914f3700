import { formatDateZh } from '../../../core/dates.js';
import { recordAudit } from '../../audit/record.js';
import { loadCalendar } from '../../calendar/store.js';
import { todayInChina } from '../../clock.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict } from '../../http/errors.js';
import { loadNoticeForChange } from './load-notice.js';

/**
 * Publishes a draft: from now on its content is frozen. The publicity period runs from the day
 * after the posting day (民法典 第201条) and its end is computed from the working-day calendar
 * (R27/R29: N working days), flagged when the calendar lacks a year. Publishing a correction marks
 * the notice it corrects as superseded; both stay visible.
 */
export async function publishNotice(ctx: ActionContext & { actor: CurrentUser }, id: number, publishDate?: string) {
  const today = todayInChina();
  const date = publishDate ?? today;
  if (date > today) throw badRequest(`张贴日期不能晚于今天（${formatDateZh(today)}）`, 'publishDate');
  const calendar = await loadCalendar(ctx.db);
  return inTransaction(ctx.db, async (trx) => {
    const before = await loadNoticeForChange(trx, ctx.actor, id, 'notice.manage');
    if (before.status !== 'draft') throw conflict('公告已发布，不能重复发布');
    let end: { date: string; calendarComplete: boolean } | null = null;
    if (before.period_unit && before.period_days) {
      end =
        before.period_unit === 'workdays'
          ? calendar.addWorkdays(date, before.period_days)
          : calendar.addCalendarDays(date, before.period_days);
    }
    if (before.supersedes_id !== null) {
      const old = await trx
        .selectFrom('public_notice')
        .select(['id', 'superseded_by_id'])
        .where('id', '=', before.supersedes_id)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (old.superseded_by_id !== null) throw conflict('原公告已被其他更正公告取代');
      await trx.updateTable('public_notice').set({ superseded_by_id: id }).where('id', '=', old.id).execute();
    }
    const after = await trx
      .updateTable('public_notice')
      .set({
        status: 'published',
        publish_date: date,
        end_date: end?.date ?? null,
        calendar_complete: end ? end.calendarComplete : null,
        published_by: ctx.actor.id,
        published_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'notice.publish',
      entityType: 'public_notice',
      entityId: id,
      nodeId: after.node_id,
      before: { status: before.status },
      after,
    });
    return after;
  });
}
