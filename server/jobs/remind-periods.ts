import { formatDateZh } from '../../core/dates.js';
import type { Db } from '../db/connect.js';
import { loadCalendar } from '../calendar/store.js';
import { inTransaction } from '../db/transaction.js';
import type { OutboundChannel } from '../notifications/channel.js';
import { notify, sendOutbound } from '../notifications/notify.js';
import { REMIND_WORKDAYS_BEFORE } from './remind-deadlines.js';

/**
 * Tells whoever posted a notice that its publicity period ends within REMIND_WORKDAYS_BEFORE
 * working days, so the next step (list, certificate, vote) can be prepared. Once per notice.
 */
export async function remindEndingPeriods(db: Db, today: string, channel: OutboundChannel): Promise<number> {
  const calendar = await loadCalendar(db);
  const candidates = await db
    .selectFrom('public_notice')
    .select(['id', 'end_date', 'title', 'created_by'])
    .where('status', '=', 'published')
    .where('superseded_by_id', 'is', null)
    .where('end_date', '>=', today)
    .where('period_reminded_at', 'is', null)
    .orderBy('id')
    .limit(1000)
    .execute();
  let reminded = 0;
  for (const n of candidates) {
    const left = calendar.workdaysBetween(today, n.end_date!);
    if (left.days > REMIND_WORKDAYS_BEFORE) continue;
    const outbound = await inTransaction(db, async (trx) => {
      const row = await trx
        .selectFrom('public_notice')
        .select('id')
        .where('id', '=', n.id)
        .where('period_reminded_at', 'is', null)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!row) return null;
      await trx.updateTable('public_notice').set({ period_reminded_at: new Date() }).where('id', '=', n.id).execute();
      reminded++;
      return notify(trx, n.created_by ? [n.created_by] : [], {
        title: `公示期即将届满：${n.title}`,
        body: `「${n.title}」的公示期将于${formatDateZh(n.end_date!)}届满，请准备下一步工作。`,
        link: `/notices/${n.id}`,
      });
    });
    if (outbound) await sendOutbound(channel, outbound);
  }
  return reminded;
}

/**
 * From November on, the street admins are reminded (once a year) to enter next year's holiday
 * schedule when the calendar lacks it, since deadlines reaching into it are only estimates.
 */
export async function remindCalendarYear(db: Db, today: string, channel: OutboundChannel): Promise<boolean> {
  const next = Number(today.slice(0, 4)) + 1;
  if (Number(today.slice(5, 7)) < 11) return false;
  const calendar = await loadCalendar(db);
  if (calendar.isYearComplete(next)) return false;
  const key = `calendar_reminded_${next}`;
  const outbound = await inTransaction(db, async (trx) => {
    const inserted = await trx
      .insertInto('app_setting')
      .values({ key, value: JSON.stringify(today) })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!inserted) return null; // reminded already this year (by this or another instance)
    const admins = await trx.selectFrom('role_assignment').select('account_id').where('role', '=', 'streetAdmin').execute();
    return notify(
      trx,
      admins.map((a) => a.account_id),
      {
        title: `请录入${next}年节假日安排`,
        body: `工作日历尚无${next}年的法定节假日和调休安排。国务院办公厅发布通知后，请在"工作日历"中逐日登记并标记为已录入；在此之前，跨入${next}年的期限按周一至周五推算并标注提示。`,
        link: '/calendar',
      },
    );
  });
  if (!outbound) return false;
  await sendOutbound(channel, outbound);
  return true;
}
