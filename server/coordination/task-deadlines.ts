import { recordAudit } from '../audit/record.js';
import { loadCalendar } from '../calendar/store.js';
import type { Db } from '../db/connect.js';
import { inTransaction } from '../db/transaction.js';
import type { OutboundChannel } from '../notifications/channel.js';
import { notify, sendOutbound } from '../notifications/notify.js';
import { memberAccounts } from './queries.js';
import { cdb, ctrx } from './tables.js';

const SYSTEM = { actor: null, requestId: null, ip: null };

/**
 * Coordination tasks still open (issue 17): those carrying a task are reminded once when its deadline
 * is within one working day, and once more — with the task marked overdue (audited) and the convenor
 * told — the day after it passes. The next meeting of the body picks overdue tasks up on its agenda.
 */
export async function remindTaskDeadlines(db: Db, today: string, channel: OutboundChannel): Promise<{ reminded: number; overdue: number }> {
  const calendar = await loadCalendar(db);
  const open = await cdb(db)
    .selectFrom('coordination_task as t')
    .innerJoin('coordination_resolution as r', 'r.id', 't.resolution_id')
    .innerJoin('coordination_meeting as m', 'm.id', 'r.meeting_id')
    .innerJoin('coordination_body as b', 'b.id', 'm.body_id')
    .select([
      't.id',
      't.title',
      't.due_on',
      't.member_id',
      't.reminded_at',
      't.overdue_at',
      'm.convenor_account_id',
      'm.title as meeting',
      'b.node_id',
    ])
    .where('t.state', '=', 'open')
    .where((eb) => eb.or([eb('t.reminded_at', 'is', null), eb('t.overdue_at', 'is', null)]))
    .orderBy('t.id')
    .limit(1000)
    .execute();
  let reminded = 0;
  let overdue = 0;
  for (const t of open) {
    const isOverdue = today > t.due_on;
    const remind = !isOverdue && t.reminded_at === null && calendar.workdaysBetween(today, t.due_on).days <= 1;
    const markOverdue = isOverdue && t.overdue_at === null;
    if (!remind && !markOverdue) continue;
    const outbound = await inTransaction(db, async (trx) => {
      const locked = await ctrx(trx)
        .selectFrom('coordination_task')
        .select(['state', 'reminded_at', 'overdue_at'])
        .where('id', '=', t.id)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (locked.state !== 'open') return null;
      const to = await memberAccounts(trx, t.member_id);
      if (markOverdue) {
        if (locked.overdue_at) return null;
        await ctrx(trx)
          .updateTable('coordination_task')
          .set({ overdue_at: new Date(), reminded_at: locked.reminded_at ?? new Date() })
          .where('id', '=', t.id)
          .execute();
        await recordAudit(
          trx,
          { db, ...SYSTEM },
          { action: 'task.overdue', entityType: 'coordination_task', entityId: t.id, nodeId: t.node_id, after: { dueOn: t.due_on } },
        );
        overdue++;
        return notify(trx, [...to, ...(t.convenor_account_id ? [t.convenor_account_id] : [])], {
          title: '议事协调任务已逾期',
          body: `${t.meeting}交办的“${t.title}”已于${t.due_on}到期仍未办结，将列入下次会议议题。`,
          link: '/coordination?tab=tasks',
        });
      }
      if (locked.reminded_at) return null;
      await ctrx(trx).updateTable('coordination_task').set({ reminded_at: new Date() }).where('id', '=', t.id).execute();
      reminded++;
      return notify(trx, to, {
        title: '议事协调任务即将到期',
        body: `${t.meeting}交办的“${t.title}”将于${t.due_on}到期，请按时办结并报告。`,
        link: '/coordination?tab=tasks',
      });
    });
    if (outbound) await sendOutbound(channel, outbound);
  }
  return { reminded, overdue };
}
