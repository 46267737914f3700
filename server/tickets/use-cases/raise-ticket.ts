import { type TicketChannel, MAX_TICKET_PHOTOS, dueAt, type PausableState, type TimeLimit } from '../../../core/tickets.js';
import { recordAudit } from '../../audit/record.js';
import { loadCalendar } from '../../calendar/store.js';
import { inTransaction, type Trx } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, forbidden, notFound } from '../../http/errors.js';
import { permissionsAt } from '../../access/scope.js';
import { nowInstant } from '../clock.js';
import { resolveHandler } from '../handlers.js';
import { notifyStep, type Outbound } from '../notify-step.js';
import { sdb, strx } from '../tables.js';
import { claimPhotos } from './upload-photo.js';

export interface RaiseInput {
  kindId: number;
  title: string;
  description: string;
  channel: TicketChannel;
  unitId?: number | null;
  estateId?: number | null;
  buildingId?: number | null;
  place?: string | null;
  photoIds?: number[];
  callerName?: string | null;
  callerPhone?: string | null;
}

interface Located {
  estate_id: number;
  community_id: number;
  street_id: number;
  building_id: number | null;
  unit_id: number | null;
  place: string | null;
  grid_id: number | null;
}

/** Where the ticket is: a unit, or a common place of an estate (optionally at a building). */
async function locate(trx: Trx, user: CurrentUser, input: RaiseInput): Promise<Located> {
  let estateId: number;
  let buildingId: number | null = input.buildingId ?? null;
  let unitId: number | null = null;
  if (input.unitId) {
    const unit = await trx.selectFrom('unit').select(['id', 'estate_id', 'building_id']).where('id', '=', input.unitId).executeTakeFirst();
    if (!unit) throw notFound('房屋');
    estateId = unit.estate_id;
    buildingId = unit.building_id;
    unitId = unit.id;
  } else {
    if (!input.estateId) throw badRequest('请选择房屋，或选择小区并填写公共部位', 'estateId');
    if (!input.place?.trim()) throw badRequest('请填写诉求所在的公共部位，如“3号楼东侧停车场”', 'place');
    estateId = input.estateId;
  }
  const estate = await trx
    .selectFrom('org_node as e')
    .innerJoin('org_node as c', 'c.id', 'e.parent_id')
    .select(['e.id', 'e.kind', 'c.id as community_id', 'c.parent_id as street_id'])
    .where('e.id', '=', estateId)
    .executeTakeFirst();
  if (!estate || estate.kind !== 'estate' || !estate.street_id) throw notFound('小区');
  let gridId: number | null;
  if (buildingId) {
    const b = await trx
      .selectFrom('org_node')
      .select(['id', 'grid_id', 'parent_id', 'kind'])
      .where('id', '=', buildingId)
      .executeTakeFirst();
    if (!b || b.kind !== 'building' || b.parent_id !== estateId) throw badRequest('所选楼栋不属于该小区', 'buildingId');
    gridId = b.grid_id;
  } else {
    // A common place of the estate: the grid serving most of its buildings (a grid worker on patrol: his own, if it serves any).
    const mine = user.roles.filter((r) => r.role === 'gridWorker').map((r) => r.nodeId);
    const grids = await trx
      .selectFrom('org_node')
      .select(['grid_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('parent_id', '=', estateId)
      .where('kind', '=', 'building')
      .where('grid_id', 'is not', null)
      .groupBy('grid_id')
      .orderBy('n', 'desc')
      .orderBy('grid_id')
      .execute();
    gridId = grids.find((g) => mine.includes(g.grid_id!))?.grid_id ?? grids[0]?.grid_id ?? null;
  }
  return {
    estate_id: estateId,
    community_id: estate.community_id,
    street_id: estate.street_id,
    building_id: buildingId,
    unit_id: unitId,
    place: unitId ? input.place?.trim() || null : input.place!.trim(),
    grid_id: gridId,
  };
}

/**
 * Who may raise where (issue 16): an owner for their own unit or a common place of an estate they
 * live in; a grid worker on patrol in his grid; community or street staff from a phone call (the
 * caller's name is recorded) in their community.
 */
async function checkRaiser(trx: Trx, user: CurrentUser, input: RaiseInput, at: Located) {
  if (input.channel === 'app') {
    if (!user.roles.some((r) => r.role === 'owner')) throw forbidden('只有业主可以在线提出诉求；工作人员请按巡查发现或电话受理登记');
    const owns = await trx
      .selectFrom('owner_binding as ob')
      .innerJoin('ownership as o', 'o.person_id', 'ob.person_id')
      .innerJoin('unit as u', 'u.id', 'o.unit_id')
      .select('o.unit_id')
      .where('ob.account_id', '=', user.id)
      .where('o.ended_on', 'is', null)
      .where((eb) => (at.unit_id ? eb('o.unit_id', '=', at.unit_id) : eb('u.estate_id', '=', at.estate_id)))
      .executeTakeFirst();
    const livesThere = user.roles.some((r) => r.role === 'owner' && r.nodeId === at.estate_id);
    if (at.unit_id ? !owns : !owns && !livesThere)
      throw forbidden(at.unit_id ? '只能为本人名下的房屋提出诉求' : '只能为本人居住的小区提出诉求');
    return;
  }
  if (input.channel === 'patrol') {
    const grids = user.roles.filter((r) => r.role === 'gridWorker').map((r) => r.nodeId);
    if (grids.length === 0) throw forbidden('只有网格员可以登记巡查发现的诉求');
    if (!at.grid_id || !grids.includes(at.grid_id)) throw forbidden('只能登记本网格内巡查发现的诉求');
    return;
  }
  const held = (await permissionsAt(trx, user, [at.estate_id])).get(at.estate_id);
  if (!held?.has('ticket.dispatch')) throw forbidden('只有本社区或街道工作人员可以登记电话受理的诉求');
  if (!input.callerName?.trim()) throw badRequest('电话受理须填写来电人姓名', 'callerName');
}

/**
 * Raises a ticket (诉求): located, checked, its photos taken, its clocks started from the service
 * list's limits (as they are today: later edits of the list do not move them), and dispatched by the
 * list's rule — to the handler at once, or to the community to dispatch by hand — in one
 * transaction with its audit entry; the next person is told.
 */
export async function raiseTicket(ctx: ActionContext & { actor: CurrentUser }, input: RaiseInput, now = nowInstant()) {
  if ((input.photoIds?.length ?? 0) > MAX_TICKET_PHOTOS) throw badRequest(`照片最多 ${MAX_TICKET_PHOTOS} 张`, 'photoIds');
  const calendar = await loadCalendar(ctx.db);
  return inTransaction(ctx.db, async (trx): Promise<{ id: number; outbound: Outbound }> => {
    const at = await locate(trx, ctx.actor, input);
    await checkRaiser(trx, ctx.actor, input, at);
    const kind = await sdb(trx).selectFrom('service_kind').selectAll().where('id', '=', input.kindId).executeTakeFirst();
    if (!kind || !kind.active) throw badRequest('所选诉求类型不存在或已停用，请重新选择', 'kindId');
    if (kind.community_id !== at.community_id) throw badRequest('所选诉求类型不属于该小区所在社区的服务清单', 'kindId');
    const respond: TimeLimit = { unit: kind.respond_unit, amount: kind.respond_amount };
    const finish: TimeLimit = { unit: kind.finish_unit, amount: kind.finish_amount };
    const clock = { startAt: now, pausedMs: 0, pausedWorkdays: 0, pausedSince: null };
    const rDue = dueAt(respond, clock, calendar);
    const fDue = dueAt(finish, clock, calendar);
    const handler = kind.dispatch === 'auto' ? await resolveHandler(trx, kind.handler_type, at, kind.department_account_id) : null;
    const state = handler ? 'dispatched' : 'submitted';
    const t = await strx(trx)
      .insertInto('ticket')
      .values({
        ...at,
        kind_id: kind.id,
        kind_name: kind.name,
        title: input.title,
        description: input.description,
        channel: input.channel,
        caller_name: input.channel === 'phone' ? (input.callerName?.trim() ?? null) : null,
        caller_phone: input.channel === 'phone' ? input.callerPhone?.trim() || null : null,
        raised_by: ctx.actor.id,
        raised_at: now,
        state,
        handler_type: handler?.handler_type ?? null,
        handler_node_id: handler?.handler_node_id ?? null,
        handler_account_id: handler?.handler_account_id ?? null,
        handler_name: handler?.handler_name ?? null,
        respond_limit: JSON.stringify(respond),
        finish_limit: JSON.stringify(finish),
        clock_stops: JSON.stringify(kind.clock_stops as PausableState[]),
        clock_start: now,
        respond_due_at: rDue.at,
        finish_due_at: fDue.at,
        calendar_complete: rDue.calendarComplete && fDue.calendarComplete,
      })
      .returning(['id', 'title', 'raised_by', 'community_id', 'state', 'handler_type', 'handler_node_id', 'handler_account_id'])
      .executeTakeFirstOrThrow();
    await strx(trx)
      .insertInto('ticket_event')
      .values({
        ticket_id: t.id,
        at: now,
        action: 'raise',
        actor_id: ctx.actor.id,
        actor_name: ctx.actor.displayName,
        from_state: null,
        to_state: 'submitted',
      })
      .execute();
    if (handler)
      await strx(trx)
        .insertInto('ticket_event')
        .values({
          ticket_id: t.id,
          at: now,
          action: 'dispatch',
          actor_id: null,
          actor_name: '按服务清单自动派单',
          from_state: 'submitted',
          to_state: 'dispatched',
          ...handler,
        })
        .execute();
    await claimPhotos(trx, ctx.actor, input.photoIds ?? [], { ticket_id: t.id });
    await recordAudit(trx, ctx, {
      action: 'ticket.raise',
      entityType: 'ticket',
      entityId: t.id,
      nodeId: at.estate_id,
      after: {
        kind: kind.name,
        channel: input.channel,
        state,
        handler: handler?.handler_name ?? null,
        photos: input.photoIds?.length ?? 0,
      },
    });
    const outbound = await notifyStep(trx, t, 'raise', { actorId: ctx.actor.id });
    return { id: t.id, outbound };
  });
}
