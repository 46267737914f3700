import { formatDateZh } from '../../core/dates.js';
import { missingYearsWarning } from '../../core/workdays.js';
import { recordAudit } from '../audit/record.js';
import { loadCalendar } from '../calendar/store.js';
import type { Db } from '../db/connect.js';
import { inTransaction } from '../db/transaction.js';
import type { OutboundChannel } from '../notifications/channel.js';
import { notify, sendOutbound, streetAdminsOf } from '../notifications/notify.js';

/** Remind this many working days before an objection's verification falls due (R30). */
export const REMIND_WORKDAYS_BEFORE = 1;

const SYSTEM = { actor: null, requestId: null, ip: null };

/**
 * Objections awaiting verification (R30): the street admins are reminded once when the due date is
 * within REMIND_WORKDAYS_BEFORE working days, and once more, with the item marked overdue, the day
 * after it passes.
 */
export async function remindDeadlines(db: Db, today: string, channel: OutboundChannel): Promise<{ reminded: number; overdue: number }> {
  const calendar = await loadCalendar(db);
  const open = await db
    .selectFrom('objection as o')
    .innerJoin('public_notice as n', 'n.id', 'o.notice_id')
    .select(['o.id', 'o.verify_due', 'o.reminded_at', 'o.overdue_at', 'n.id as notice_id', 'n.node_id', 'n.title'])
    .where('o.status', '=', 'open')
    .where((eb) => eb.or([eb('o.reminded_at', 'is', null), eb('o.overdue_at', 'is', null)]))
    .orderBy('o.id')
    .limit(1000)
    .execute();
  let reminded = 0;
  let overdue = 0;
  for (const o of open) {
    const isOverdue = today > o.verify_due;
    const left = isOverdue
      ? { days: 0, calendarComplete: true, missingYears: [] as number[] }
      : calendar.workdaysBetween(today, o.verify_due);
    const remind = !isOverdue && o.reminded_at === null && left.days <= REMIND_WORKDAYS_BEFORE;
    const markOverdue = isOverdue && o.overdue_at === null;
    if (!remind && !markOverdue) continue;
    const outbound = await inTransaction(db, async (trx) => {
      const row = await trx
        .selectFrom('objection')
        .select(['id', 'reminded_at', 'overdue_at'])
        .where('id', '=', o.id)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!row || (markOverdue ? row.overdue_at : row.reminded_at) !== null) return null;
      const admins = await streetAdminsOf(trx, o.node_id);
      if (markOverdue) {
        await trx
          .updateTable('objection')
          .set({ overdue_at: new Date(), reminded_at: row.reminded_at ?? new Date() })
          .where('id', '=', o.id)
          .execute();
        await recordAudit(
          trx,
          { db: trx, ...SYSTEM },
          { action: 'objection.overdue', entityType: 'objection', entityId: o.id, nodeId: o.node_id, after: { verifyDue: o.verify_due } },
        );
        overdue++;
        return notify(trx, admins, {
          title: '异议核查已逾期',
          body: `对「${o.title}」的书面异议应于${formatDateZh(o.verify_due)}前核查完毕（R30），现已逾期，请尽快核查并公示结果。`,
          link: `/notices/${o.notice_id}`,
        });
      }
      await trx.updateTable('objection').set({ reminded_at: new Date() }).where('id', '=', o.id).execute();
      reminded++;
      const warning = missingYearsWarning(left.missingYears);
      return notify(trx, admins, {
        title: '异议核查即将到期',
        body: `对「${o.title}」的书面异议须于${formatDateZh(o.verify_due)}前核查完毕并公示结果（R30）。${warning ? `（${warning}）` : ''}`,
        link: `/notices/${o.notice_id}`,
      });
    });
    if (outbound) await sendOutbound(channel, outbound);
  }
  return { reminded, overdue };
}
