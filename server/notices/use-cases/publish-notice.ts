import type { z } from 'zod';
import { backdateDaysOf } from '../../../core/rule-profile.js';
import { recordAudit } from '../../audit/record.js';
import { loadCalendar } from '../../calendar/store.js';
import { todayInChina } from '../../clock.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { conflict } from '../../http/errors.js';
import { profileForNode } from '../../formation/profile.js';
import { checkPosting, recordBackdate } from '../posting.js';
import type { publishNoticeBody } from '../schema.js';
import { loadNoticeForChange } from './load-notice.js';
import { tellOwnersOfNotice } from '../../messages/notice-messages.js';

/**
 * Publishes a draft: from now on its content is frozen. The publicity period runs from the day
 * after the posting day (民法典 第201条) and its end is computed from the working-day calendar
 * (R27/R29: N working days), flagged when the calendar lacks a year. Publishing a correction marks
 * the notice it corrects as superseded; both stay visible.
 */
export async function publishNotice(
  ctx: ActionContext & { actor: CurrentUser },
  id: number,
  input: z.output<typeof publishNoticeBody> = {},
  today = todayInChina(),
) {
  const calendar = await loadCalendar(ctx.db);
  return inTransaction(ctx.db, async (trx) => {
    const before = await loadNoticeForChange(trx, ctx.actor, id, 'notice.manage');
    if (before.status !== 'draft') throw conflict('公告已发布，不能重复发布');
    // the period runs from the day the public could see the notice: today, or a recent paper posting (补录)
    const limit = backdateDaysOf(await profileForNode(trx, before.node_id));
    const { date, backdate } = checkPosting({ date: input.publishDate, backdate: input.backdate }, today, limit, 'publishDate');
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
    let after = await trx
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
    if (backdate) after = await recordBackdate(trx, id, backdate, ctx.actor.id);
    await recordAudit(trx, ctx, {
      action: 'notice.publish',
      entityType: 'public_notice',
      entityId: id,
      nodeId: after.node_id,
      before: { status: before.status },
      after,
    });
    await tellOwnersOfNotice(trx, after);
    return after;
  });
}
