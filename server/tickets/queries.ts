import { sql, type Expression, type SqlBool } from 'kysely';
import {
  allowedActions,
  ESCALATION_LABEL,
  HANDLER_TYPE_LABEL,
  isOpen,
  limitText,
  missingYearsWarningFor,
  SATISFACTION_LABEL,
  TICKET_ACTIONS,
  TICKET_CHANNEL_LABEL,
  TICKET_STATE_LABEL,
  type EscalationLevel,
  type HandlerType,
  type Satisfaction,
  type TicketAction,
  type TicketChannel,
  type TicketState,
} from '../../core/tickets.js';
import type { WorkCalendar } from '../../core/workdays.js';
import { loadCalendar } from '../calendar/store.js';
import type { Db } from '../db/connect.js';
import type { CurrentUser } from '../http/context.js';
import { notFound } from '../http/errors.js';
import { nowInstant } from './clock.js';
import { wishVisible } from '../cobuilding/scope.js';
import { handlerLabel } from './handlers.js';
import { actorKinds, ticketVisible } from './scope.js';
import { levelNow } from './use-cases/escalate-overdue.js';
import { sdb } from './tables.js';

export const TICKET_STATUS_FILTERS = ['open', 'overdue', 'toRate', 'revisit', 'done'] as const;
export type TicketStatusFilter = (typeof TICKET_STATUS_FILTERS)[number];

export interface TicketListQuery {
  status?: TicketStatusFilter;
  state?: TicketState;
  kindName?: string;
  estateId?: number;
  gridId?: number;
  communityId?: number;
  handlerType?: HandlerType;
  channel?: TicketChannel;
  q?: string;
  /** only the tickets the caller raised */
  mine?: boolean;
  /** only the tickets waiting on the caller as their handler */
  assigned?: boolean;
  page: number;
  pageSize: number;
}

const OPEN = ['submitted', 'dispatched', 'accepted', 'waitingResident', 'suspended'] as const;

/** The tickets whose current handler the caller acts for (their work queue). */
function assignedTo(user: CurrentUser): Expression<SqlBool> {
  const at = (role: string) => user.roles.filter((r) => r.role === role).map((r) => r.nodeId);
  const parts: Expression<SqlBool>[] = [];
  const add = (type: HandlerType, nodes: number[]) => {
    if (nodes.length) parts.push(sql<SqlBool>`(t.handler_type = ${type} and t.handler_node_id in (${sql.join(nodes)}))`);
  };
  add('gridWorker', at('gridWorker'));
  add('propertyCompany', at('propertyStaff'));
  add('community', at('communityStaff'));
  if (user.roles.some((r) => r.role === 'districtDepartment'))
    parts.push(sql<SqlBool>`(t.handler_type = 'department' and t.handler_account_id = ${user.id})`);
  return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` or `)})` : sql<SqlBool>`false`;
}

/** The list's WHERE: the caller's scope (ticketVisible) and the filters, all in SQL. */
export function listConditions(user: CurrentUser, q: Omit<TicketListQuery, 'page' | 'pageSize'>, now: Date): Expression<SqlBool> {
  const c: Expression<SqlBool>[] = [ticketVisible(user)];
  if (q.state) c.push(sql<SqlBool>`t.state = ${q.state}`);
  switch (q.status) {
    case 'open':
      c.push(sql<SqlBool>`t.state in (${sql.join([...OPEN])})`);
      break;
    case 'overdue':
      c.push(
        sql<SqlBool>`t.state in (${sql.join([...OPEN])}) and t.paused_since is null and (t.finish_due_at <= ${now} or (t.responded_at is null and t.respond_due_at <= ${now}))`,
      );
      break;
    case 'toRate':
      c.push(sql<SqlBool>`t.state = 'finished'`);
      break;
    case 'revisit':
      c.push(sql<SqlBool>`t.state = 'revisit'`);
      break;
    case 'done':
      c.push(sql<SqlBool>`t.state in ('closed', 'withdrawn')`);
      break;
  }
  if (q.kindName) c.push(sql<SqlBool>`t.kind_name = ${q.kindName}`);
  if (q.estateId) c.push(sql<SqlBool>`t.estate_id = ${q.estateId}`);
  if (q.gridId) c.push(sql<SqlBool>`t.grid_id = ${q.gridId}`);
  if (q.communityId) c.push(sql<SqlBool>`t.community_id = ${q.communityId}`);
  if (q.handlerType) c.push(sql<SqlBool>`t.handler_type = ${q.handlerType}`);
  if (q.channel) c.push(sql<SqlBool>`t.channel = ${q.channel}`);
  if (q.q) c.push(sql<SqlBool>`strpos(t.title, ${q.q}) > 0`);
  if (q.mine) c.push(sql<SqlBool>`t.raised_by = ${user.id}`);
  if (q.assigned) c.push(assignedTo(user));
  return sql<SqlBool>`${sql.join(c, sql` and `)}`;
}

interface ListRow {
  id: number;
  title: string;
  kind_name: string;
  state: TicketState;
  channel: TicketChannel;
  estate_id: number;
  estate_name: string;
  grid_name: string | null;
  building_name: string | null;
  entrance: string | null;
  unit_number: string | null;
  place: string | null;
  raised_at: Date;
  handler_type: HandlerType | null;
  handler_name: string | null;
  respond_due_at: Date;
  finish_due_at: Date;
  responded_at: Date | null;
  paused_since: Date | null;
  finished_late: boolean | null;
  escalation_level: number;
  satisfaction: Satisfaction | null;
}

/** The page's rows: one statement, scope and filters in its WHERE, names by joins on primary keys. */
export function listStatement(where: Expression<SqlBool>, limit: number, offset: number) {
  return sql<ListRow>`/* tickets.list */
    select t.id, t.title, t.kind_name, t.state, t.channel, t.estate_id, e.name as estate_name, g.name as grid_name,
           b.name as building_name, u.entrance, u.number as unit_number, t.place, t.raised_at, t.handler_type, t.handler_name,
           t.respond_due_at, t.finish_due_at, t.responded_at, t.paused_since, t.finished_late, t.escalation_level, t.satisfaction
    from ticket t
    join org_node e on e.id = t.estate_id
    left join org_node g on g.id = t.grid_id
    left join org_node b on b.id = t.building_id
    left join unit u on u.id = t.unit_id
    where ${where}
    order by t.id desc
    limit ${limit} offset ${offset}`;
}

export const placeLabel = (r: {
  building_name: string | null;
  entrance: string | null;
  unit_number: string | null;
  place: string | null;
}) =>
  r.unit_number
    ? `${r.building_name ?? ''}${r.entrance ?? ''}${r.unit_number}${r.place ? `（${r.place}）` : ''}`
    : `${r.building_name ?? ''}${r.place ?? ''}`;

function presentListRow(r: ListRow, now: Date, calendar: WorkCalendar) {
  const open = isOpen(r.state);
  const level = (open ? levelNow(r, now, calendar) : r.escalation_level) as EscalationLevel;
  return {
    id: r.id,
    title: r.title,
    kindName: r.kind_name,
    state: r.state,
    stateLabel: TICKET_STATE_LABEL[r.state],
    channel: r.channel,
    channelLabel: TICKET_CHANNEL_LABEL[r.channel],
    estateId: r.estate_id,
    estateName: r.estate_name,
    gridName: r.grid_name,
    place: placeLabel(r),
    raisedAt: new Date(r.raised_at).toISOString(),
    handler: handlerLabel(r.handler_type, r.handler_name),
    finishDueAt: new Date(r.finish_due_at).toISOString(),
    overdue: open && level > 0,
    finishedLate: r.finished_late,
    escalationLevel: level,
    escalationLabel: ESCALATION_LABEL[level],
    satisfaction: r.satisfaction,
    satisfactionLabel: r.satisfaction ? SATISFACTION_LABEL[r.satisfaction] : null,
  };
}
export type TicketListItem = ReturnType<typeof presentListRow>;

/** The tickets the caller may see, filtered and paged on the server (issue 16). */
export async function listTickets(db: Db, user: CurrentUser, q: TicketListQuery, now = nowInstant()) {
  const calendar = await loadCalendar(db);
  const where = listConditions(user, q, now);
  const [rows, total] = await Promise.all([
    listStatement(where, q.pageSize, (q.page - 1) * q.pageSize).execute(db),
    sql<{ n: number }>`/* tickets.count */ select count(*)::int as n from ticket t where ${where}`.execute(db),
  ]);
  return {
    items: rows.rows.map((r) => presentListRow(r, now, calendar)),
    total: total.rows[0]?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** An owner's own tickets, newest first: for the owner's home page (issue 19) and "我的诉求". */
export async function listOwnTickets(db: Db, user: CurrentUser, limit = 20) {
  return listTickets(db, user, { mine: true, page: 1, pageSize: limit });
}

const DETAIL_COLUMNS = sql`t.*, e.name as estate_name, c.name as community_name, g.name as grid_name, b.name as building_name,
  u.entrance, u.number as unit_number, a.display_name as raiser_name`;

/** One ticket with its history, photos and the steps the caller may take now; 404 outside the caller's scope. */
export async function getTicket(db: Db, user: CurrentUser, id: number, now = nowInstant()) {
  const r = await sql<Record<string, any>>`
    select ${DETAIL_COLUMNS}
    from ticket t
    join org_node e on e.id = t.estate_id
    join org_node c on c.id = t.community_id
    left join org_node g on g.id = t.grid_id
    left join org_node b on b.id = t.building_id
    left join unit u on u.id = t.unit_id
    join account a on a.id = t.raised_by
    where t.id = ${id} and ${ticketVisible(user)}`.execute(db);
  const t = r.rows[0];
  if (!t) throw notFound('诉求');
  const [events, photos, calendar, actors] = await Promise.all([
    sdb(db).selectFrom('ticket_event').selectAll().where('ticket_id', '=', id).orderBy('id').execute(),
    sdb(db).selectFrom('service_photo').select(['id', 'event_id', 'size']).where('ticket_id', '=', id).orderBy('id').execute(),
    loadCalendar(db),
    actorKinds(db, user, t as never),
  ]);
  const state = t.state as TicketState;
  const open = isOpen(state);
  const level = (open ? levelNow(t as never, now, calendar) : t.escalation_level) as EscalationLevel;
  const isStaff = user.roles.some((x) => x.role !== 'owner');
  const actions = allowedActions(state, actors);
  const respondLate = t.responded_at ? t.responded_late : open && !t.paused_since && now >= new Date(t.respond_due_at);
  const finishLate = t.finished_at ? t.finished_late : open && !t.paused_since && now >= new Date(t.finish_due_at);
  return {
    id: t.id as number,
    title: t.title as string,
    description: t.description as string,
    kindName: t.kind_name as string,
    state,
    stateLabel: TICKET_STATE_LABEL[state],
    channel: t.channel as TicketChannel,
    channelLabel: TICKET_CHANNEL_LABEL[t.channel as TicketChannel],
    estateId: t.estate_id as number,
    estateName: t.estate_name as string,
    communityId: t.community_id as number,
    communityName: t.community_name as string,
    gridName: t.grid_name as string | null,
    place: placeLabel(t as never),
    raisedAt: new Date(t.raised_at).toISOString(),
    // Staff see who raised it (and a caller's name and number); the raiser sees 本人.
    raiser: t.raised_by === user.id ? '本人' : isStaff ? (t.raiser_name as string) : '居民',
    caller: isStaff && t.channel === 'phone' ? { name: t.caller_name as string | null, phone: t.caller_phone as string | null } : null,
    handler: handlerLabel(t.handler_type, t.handler_name),
    handlerType: t.handler_type as HandlerType | null,
    respondLimit: limitText(t.respond_limit),
    finishLimit: limitText(t.finish_limit),
    clockStops: (t.clock_stops as string[]).map((s) => TICKET_STATE_LABEL[s as TicketState]),
    respondDueAt: new Date(t.respond_due_at).toISOString(),
    finishDueAt: new Date(t.finish_due_at).toISOString(),
    respondedAt: t.responded_at ? new Date(t.responded_at).toISOString() : null,
    finishedAt: t.finished_at ? new Date(t.finished_at).toISOString() : null,
    respondLate: !!respondLate,
    finishLate: !!finishLate,
    paused: !!t.paused_since,
    calendarWarning: t.calendar_complete ? null : missingYearsWarningFor(new Date(t.finish_due_at)),
    escalationLevel: level,
    escalationLabel: ESCALATION_LABEL[level],
    satisfaction: t.satisfaction as Satisfaction | null,
    satisfactionLabel: t.satisfaction ? SATISFACTION_LABEL[t.satisfaction as Satisfaction] : null,
    reopenCount: t.reopen_count as number,
    photos: photos.filter((p) => p.event_id === null).map((p) => p.id),
    events: events.map((e) => ({
      id: e.id,
      at: new Date(e.at).toISOString(),
      action: e.action,
      actionLabel:
        e.action === 'raise'
          ? '提出诉求'
          : e.action === 'escalate'
            ? '逾期升级'
            : (TICKET_ACTIONS[e.action as TicketAction]?.label ?? e.action),
      actor: e.actor_name,
      toStateLabel: TICKET_STATE_LABEL[e.to_state as TicketState] ?? e.to_state,
      note: e.note,
      satisfactionLabel: e.satisfaction ? SATISFACTION_LABEL[e.satisfaction as Satisfaction] : null,
      handler: e.handler_type ? `${HANDLER_TYPE_LABEL[e.handler_type as HandlerType]}：${e.handler_name}` : null,
      photos: photos.filter((p) => p.event_id === e.id).map((p) => p.id),
    })),
    actions,
  };
}
export type TicketDetail = Awaited<ReturnType<typeof getTicket>>;

/** A photo's bytes: the uploader's own, or one of a ticket the caller may see. */
export async function ticketPhoto(db: Db, user: CurrentUser, id: number) {
  const p = await sdb(db)
    .selectFrom('service_photo as p')
    .leftJoin('ticket as t', 't.id', 'p.ticket_id')
    .select(['p.content', 'p.content_type', 'p.size', 'p.uploaded_by', 'p.ticket_id'])
    .where('p.id', '=', id)
    .where((eb) =>
      eb.or([
        eb('p.uploaded_by', '=', user.id),
        eb.and([eb('p.ticket_id', 'is not', null), ticketVisible(user)]),
        eb.exists(eb.selectFrom('micro_wish as w').select('w.id').whereRef('w.id', '=', 'p.wish_id').where(wishVisible(user))),
      ]),
    )
    .executeTakeFirst();
  if (!p) throw notFound('照片');
  return p;
}
