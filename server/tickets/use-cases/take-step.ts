import { ticketAuditCode } from '../../../core/audit-actions.js';
import {
  dueAt,
  isLate,
  nextState,
  resumeClock,
  TICKET_ACTIONS,
  TicketRefusal,
  type ClockState,
  type HandlerType,
  type PausableState,
  type Satisfaction,
  type TicketAction,
} from '../../../core/tickets.js';
import { recordAudit } from '../../audit/record.js';
import { loadCalendar } from '../../calendar/store.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { AppError, badRequest, conflict, notFound } from '../../http/errors.js';
import { nowInstant } from '../clock.js';
import { resolveHandler } from '../handlers.js';
import { notifyStep, type Outbound } from '../notify-step.js';
import { actorKinds, ticketVisible } from '../scope.js';
import type { Updateable } from 'kysely';
import { sdb, strx, type TicketRow, type TicketTable } from '../tables.js';
import { claimPhotos } from './upload-photo.js';

export interface StepInput {
  reason?: string | null;
  satisfaction?: Satisfaction;
  waitState?: PausableState;
  photoIds?: number[];
  handlerType?: HandlerType;
  departmentAccountId?: number | null;
}

const REFUSAL_STATUS = { state: 409, actor: 403, input: 400 } as const;

export const clockOf = (t: Pick<TicketRow, 'clock_start' | 'paused_ms' | 'paused_workdays' | 'paused_since'>): ClockState => ({
  startAt: new Date(t.clock_start),
  pausedMs: Number(t.paused_ms),
  pausedWorkdays: t.paused_workdays,
  pausedSince: t.paused_since ? new Date(t.paused_since) : null,
});

/**
 * One step of a ticket (core/tickets.ts TICKET_ACTIONS), the same way every time: the ticket is
 * locked and read through the caller's scope (404 when they may not see it), the state machine says
 * whether the caller may take the step now (409 wrong state, 403 not theirs, 400 missing input —
 * nothing changed), then the step's clock rule runs (response, pause where the service list stops
 * the clock, resume, finish, a fresh finish clock on reopening), the state moves, the event is kept,
 * the audit entry written and the next person told, all in one transaction.
 */
export async function takeStep(
  ctx: ActionContext & { actor: CurrentUser },
  ticketId: number,
  action: TicketAction,
  input: StepInput,
  now = nowInstant(),
): Promise<{ outbound: Outbound }> {
  const calendar = await loadCalendar(ctx.db);
  return inTransaction(ctx.db, async (trx) => {
    const t = await sdb(trx)
      .selectFrom('ticket as t')
      .selectAll('t')
      .where('t.id', '=', ticketId)
      .where(ticketVisible(ctx.actor))
      .forUpdate()
      .executeTakeFirst();
    if (!t) throw notFound('诉求');
    const actors = await actorKinds(trx, ctx.actor, t);
    let to;
    try {
      to = nextState(action, t.state, actors, {
        reason: input.reason,
        satisfaction: input.satisfaction,
        waitState: input.waitState,
        photoCount: input.photoIds?.length ?? 0,
      });
    } catch (e) {
      if (e instanceof TicketRefusal)
        throw new AppError(
          REFUSAL_STATUS[e.kind],
          e.kind === 'actor' ? 'FORBIDDEN' : e.kind === 'state' ? 'CONFLICT' : 'BAD_REQUEST',
          e.message,
        );
      throw e;
    }
    const spec = TICKET_ACTIONS[action];
    const set: Updateable<TicketTable> = { state: to, updated_at: now };
    let handler = null;
    if ((spec.needs as { handler?: boolean }).handler) {
      if (!input.handlerType) throw badRequest('请选择承办方', 'handlerType');
      handler = await resolveHandler(trx, input.handlerType, t, input.departmentAccountId ?? null);
      if (!handler)
        throw badRequest(
          input.handlerType === 'propertyCompany' ? '该小区目前没有物业企业服务，请派给其他承办方' : '该诉求没有所在网格，请派给其他承办方',
          'handlerType',
        );
      if (
        action === 'transfer' &&
        handler.handler_type === t.handler_type &&
        handler.handler_node_id === t.handler_node_id &&
        handler.handler_account_id === t.handler_account_id
      )
        throw conflict('转派对象与当前承办方相同，请选择其他承办方');
      Object.assign(set, handler);
    }
    const finishLimit = t.finish_limit;
    switch (spec.clock) {
      case 'respond':
        if (!t.responded_at) Object.assign(set, { responded_at: now, responded_late: isLate(new Date(t.respond_due_at), now, now) });
        break;
      case 'pause':
        // The clock stops only in the states the service list names (issue 16).
        if (t.clock_stops.includes(to as PausableState)) set.paused_since = now;
        break;
      case 'resume': {
        const c = resumeClock(clockOf(t), now, calendar);
        const due = dueAt(finishLimit, c, calendar);
        Object.assign(set, {
          paused_ms: c.pausedMs,
          paused_workdays: c.pausedWorkdays,
          paused_since: null,
          finish_due_at: due.at,
          calendar_complete: due.calendarComplete,
        });
        break;
      }
      case 'finish':
        Object.assign(set, { finished_at: now, finished_late: isLate(new Date(t.finish_due_at), now, now) });
        break;
      case 'restart': {
        // Reopened after the return visit: a fresh finish limit from now, as for a new ticket.
        const c = { startAt: now, pausedMs: 0, pausedWorkdays: 0, pausedSince: null };
        const due = dueAt(finishLimit, c, calendar);
        Object.assign(set, {
          clock_start: now,
          paused_ms: 0,
          paused_workdays: 0,
          paused_since: null,
          finish_due_at: due.at,
          calendar_complete: due.calendarComplete,
          finished_at: null,
          finished_late: null,
          satisfaction: null,
          rated_at: null,
          escalation_level: 0,
          escalated_at: null,
          reopen_count: t.reopen_count + 1,
        });
        break;
      }
      case 'stop':
      case 'none':
        break;
    }
    if (action === 'rate') Object.assign(set, { satisfaction: input.satisfaction, rated_at: now });
    if (to === 'closed' || to === 'withdrawn') set.closed_at = now;
    await strx(trx).updateTable('ticket').set(set).where('id', '=', t.id).execute();
    const event = await strx(trx)
      .insertInto('ticket_event')
      .values({
        ticket_id: t.id,
        at: now,
        action,
        actor_id: ctx.actor.id,
        actor_name: ctx.actor.displayName,
        from_state: t.state,
        to_state: to,
        note: input.reason?.trim() || null,
        satisfaction: action === 'rate' ? input.satisfaction : null,
        ...(handler ?? {}),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.photoIds?.length) {
      if (action !== 'finish') throw badRequest('只有办结时可以上传现场照片', 'photoIds');
      await claimPhotos(trx, ctx.actor, input.photoIds, { ticket_id: t.id, event_id: event.id });
    }
    await recordAudit(trx, ctx, {
      action: ticketAuditCode(action),
      entityType: 'ticket',
      entityId: t.id,
      nodeId: t.estate_id,
      before: { state: t.state, handler: t.handler_name },
      after: {
        state: to,
        handler: handler?.handler_name ?? t.handler_name,
        note: input.reason ?? null,
        satisfaction: input.satisfaction ?? null,
      },
    });
    const outbound = await notifyStep(trx, { ...t, ...(handler ?? {}), state: to }, action, {
      note: input.reason,
      satisfaction: input.satisfaction,
      actorId: ctx.actor.id,
    });
    return { outbound };
  });
}
