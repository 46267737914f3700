import { ESCALATION, escalationLevel, type EscalationLevel } from '../../../core/tickets.js';
import { recordAudit } from '../../audit/record.js';
import { loadCalendar } from '../../calendar/store.js';
import type { Db } from '../../db/connect.js';
import { inTransaction } from '../../db/transaction.js';
import type { OutboundChannel } from '../../notifications/channel.js';
import { notify, sendOutbound } from '../../notifications/notify.js';
import type { Outbound } from '../notify-step.js';
import { roleHoldersAbove } from '../scope.js';
import { sdb, strx } from '../tables.js';

const SYSTEM = { actor: null, requestId: null, ip: null };

/** The level an open ticket's clocks have reached now (0 when none ran out or the clock stands). */
export function levelNow(
  t: { paused_since: Date | null; responded_at: Date | null; respond_due_at: Date; finish_due_at: Date },
  now: Date,
  calendar: Parameters<typeof escalationLevel>[2],
): EscalationLevel {
  if (t.paused_since) return 0;
  const finish = escalationLevel(new Date(t.finish_due_at), now, calendar);
  const respond = t.responded_at ? 0 : escalationLevel(new Date(t.respond_due_at), now, calendar);
  return Math.max(finish, respond) as EscalationLevel;
}

/**
 * The escalation job (issue 16): open tickets whose response or finish limit ran out climb grid →
 * community → street (core/tickets.ts ESCALATION) as working days pass; each new level is kept on
 * the ticket and in its history, audited, and told to the grid's workers, the community's staff or
 * the street's admins. Idempotent: a level is reached once; runs every few minutes and at start.
 */
export async function escalateOverdue(db: Db, now: Date, channel: OutboundChannel): Promise<{ escalated: number }> {
  const calendar = await loadCalendar(db);
  const due = await sdb(db)
    .selectFrom('ticket')
    .select(['id', 'paused_since', 'responded_at', 'respond_due_at', 'finish_due_at', 'escalation_level'])
    .where('state', 'in', ['submitted', 'dispatched', 'accepted', 'waitingResident', 'suspended'])
    .where('paused_since', 'is', null)
    .where('escalation_level', '<', 3)
    .where((eb) => eb.or([eb('finish_due_at', '<=', now), eb.and([eb('responded_at', 'is', null), eb('respond_due_at', '<=', now)])]))
    .orderBy('id')
    .limit(2000)
    .execute();
  let escalated = 0;
  for (const row of due) {
    const level = levelNow(row, now, calendar);
    if (level <= row.escalation_level) continue;
    const outbound = await inTransaction(db, async (trx) => {
      const t = await sdb(trx).selectFrom('ticket').selectAll().where('id', '=', row.id).forUpdate().skipLocked().executeTakeFirst();
      if (!t || t.escalation_level >= level || t.paused_since) return [];
      await strx(trx).updateTable('ticket').set({ escalation_level: level, escalated_at: now }).where('id', '=', t.id).execute();
      await recordAudit(
        trx,
        { db: trx, ...SYSTEM },
        {
          action: 'ticket.escalate',
          entityType: 'ticket',
          entityId: t.id,
          nodeId: t.estate_id,
          before: { level: t.escalation_level },
          after: { level },
        },
      );
      escalated++;
      // A ticket that climbs two levels at once (a limit running out before a working day) is told to both.
      const out: Outbound = [];
      for (const step of ESCALATION.filter((e) => e.level > t.escalation_level && e.level <= level)) {
        await strx(trx)
          .insertInto('ticket_event')
          .values({
            ticket_id: t.id,
            at: now,
            action: 'escalate',
            actor_id: null,
            actor_name: '系统（逾期升级）',
            from_state: t.state,
            to_state: t.state,
            note: `已逾期，升级至${step.label}督办`,
          })
          .execute();
        const targets =
          step.to === 'grid'
            ? t.grid_id
              ? (
                  await trx
                    .selectFrom('role_assignment')
                    .select('account_id')
                    .where('role', '=', 'gridWorker')
                    .where('node_id', '=', t.grid_id)
                    .execute()
                ).map((r) => r.account_id)
              : await roleHoldersAbove(trx, t.community_id, 'communityStaff')
            : step.to === 'community'
              ? await roleHoldersAbove(trx, t.community_id, 'communityStaff')
              : await roleHoldersAbove(trx, t.street_id, 'streetAdmin');
        out.push(
          ...(await notify(trx, targets, {
            title: `诉求逾期，已升级至${step.label}`,
            body: `诉求「${t.title}」（${t.kind_name}）已超过处置时限，升级至${step.label}督办，请督促承办方（${t.handler_name ?? '尚未派单'}）尽快办理。`,
            link: `/tickets/${t.id}`,
          })),
        );
      }
      return out;
    });
    await sendOutbound(channel, outbound);
  }
  return { escalated };
}
