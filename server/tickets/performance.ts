import { sql, type Expression, type SqlBool } from 'kysely';
import { HANDLER_TYPE_LABEL, type HandlerType } from '../../core/tickets.js';
import type { Db } from '../db/connect.js';
import type { CurrentUser } from '../http/context.js';
import { ticketVisible } from './scope.js';

/**
 * How tickets are handled (issue 16): on-time rate, handling time and satisfaction per grid,
 * community, estate, handler or property company — one query module the street's pages, the
 * dashboard (issue 18) and a company's credit inputs (issue 15) call alike, so no figure is computed
 * twice in two ways.
 *
 * Definitions (each figure is counted over tickets raised in the window, China days inclusive):
 * - finished: tickets the handler finished (办结), reopened ones counted by their last finish;
 * - onTime: finished no later than the finish limit (after the clock stops the list allows);
 * - onTimeRate: onTime / finished, in percent with one decimal (null when nothing was finished);
 * - respondedOnTime / responded: the same for the response limit;
 * - avgHandlingHours: mean of finished − raised, in hours with one decimal;
 * - satisfactionRate: (满意 + 基本满意) / rated, in percent with one decimal.
 */
export const PERFORMANCE_GROUPS = ['grid', 'community', 'estate', 'handler', 'company'] as const;
/** 'child': the one of `childIds` holding the ticket's estate (or its community) — the overview's drill-down. */
export type PerformanceGroup = (typeof PERFORMANCE_GROUPS)[number];

export interface PerformanceRow {
  key: string;
  name: string;
  raised: number;
  open: number;
  overdueOpen: number;
  finished: number;
  onTime: number;
  onTimeRate: number | null;
  responded: number;
  respondedOnTime: number;
  avgHandlingHours: number | null;
  rated: number;
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
  satisfactionRate: number | null;
}

const GROUP: Record<PerformanceGroup, { key: ReturnType<typeof sql>; name: ReturnType<typeof sql>; where?: ReturnType<typeof sql> }> = {
  grid: { key: sql`t.grid_id::text`, name: sql`coalesce((select n.name from org_node n where n.id = t.grid_id), '未划入网格')` },
  community: { key: sql`t.community_id::text`, name: sql`(select n.name from org_node n where n.id = t.community_id)` },
  estate: { key: sql`t.estate_id::text`, name: sql`(select n.name from org_node n where n.id = t.estate_id)` },
  handler: {
    key: sql`t.handler_type || ':' || coalesce(t.handler_node_id, t.handler_account_id)::text`,
    name: sql`t.handler_name`,
    where: sql`t.handler_type is not null`,
  },
  company: { key: sql`t.handler_node_id::text`, name: sql`t.handler_name`, where: sql`t.handler_type = 'propertyCompany'` },
};

function childGroup(childIds: number[]) {
  const key = sql`(select k.ancestor_id from org_closure k where k.descendant_id = coalesce(t.estate_id, t.community_id)
    and k.ancestor_id in (${childIds.length ? sql.join(childIds) : sql`null`}) limit 1)`;
  return { key: sql`${key}::text`, name: sql`(select n.name from org_node n where n.id = ${key})`, where: sql`${key} is not null` };
}

const pct = (a: number, b: number) => (b > 0 ? Math.round((a * 1000) / b) / 10 : null);

export interface PerformanceOptions {
  groupBy: PerformanceGroup | 'child';
  /** with groupBy 'child': the nodes to group under (a district's streets, a street's communities…) */
  childIds?: number[];
  /** China days, inclusive; omitted: all time */
  from?: string;
  to?: string;
  /** extra condition on the ticket row `t` (a scope, a company's estates…) */
  where?: Expression<SqlBool>;
  now?: Date;
}

/** The figures per group over the tickets matching `where` (no scope of its own: callers give one). */
export async function ticketPerformance(db: Db, o: PerformanceOptions): Promise<PerformanceRow[]> {
  const g = o.groupBy === 'child' ? childGroup(o.childIds ?? []) : GROUP[o.groupBy];
  const now = o.now ?? new Date();
  const conds: Expression<unknown>[] = [sql`true`];
  if (o.where) conds.push(o.where);
  if (g.where) conds.push(g.where);
  if (o.from) conds.push(sql`t.raised_at >= (${o.from}::date)::timestamp at time zone 'Asia/Shanghai'`);
  if (o.to) conds.push(sql`t.raised_at < ((${o.to}::date + 1)::timestamp at time zone 'Asia/Shanghai')`);
  const open = sql`t.state in ('submitted','dispatched','accepted','waitingResident','suspended')`;
  const r = await sql<{
    key: string;
    name: string;
    raised: number;
    open: number;
    overdue_open: number;
    finished: number;
    on_time: number;
    responded: number;
    responded_on_time: number;
    avg_ms: number | null;
    rated: number;
    satisfied: number;
    basically: number;
    unsatisfied: number;
  }>`/* tickets.performance */
    select ${g.key} as key, min(${g.name}) as name,
      count(*)::int as raised,
      count(*) filter (where ${open})::int as open,
      count(*) filter (where ${open} and t.paused_since is null and (t.finish_due_at <= ${now} or (t.responded_at is null and t.respond_due_at <= ${now})))::int as overdue_open,
      count(t.finished_at)::int as finished,
      count(*) filter (where t.finished_late = false)::int as on_time,
      count(t.responded_at)::int as responded,
      count(*) filter (where t.responded_late = false)::int as responded_on_time,
      (avg(extract(epoch from (t.finished_at - t.raised_at))) * 1000)::float8 as avg_ms,
      count(t.satisfaction)::int as rated,
      count(*) filter (where t.satisfaction = 'satisfied')::int as satisfied,
      count(*) filter (where t.satisfaction = 'basicallySatisfied')::int as basically,
      count(*) filter (where t.satisfaction = 'unsatisfied')::int as unsatisfied
    from ticket t
    where ${sql.join(conds, sql` and `)}
    group by 1
    order by 2`.execute(db);
  return r.rows.map((x) => ({
    key: x.key ?? 'none',
    name: o.groupBy === 'handler' && x.key ? `${HANDLER_TYPE_LABEL[x.key.split(':')[0] as HandlerType]}：${x.name}` : x.name,
    raised: x.raised,
    open: x.open,
    overdueOpen: x.overdue_open,
    finished: x.finished,
    onTime: x.on_time,
    onTimeRate: pct(x.on_time, x.finished),
    responded: x.responded,
    respondedOnTime: x.responded_on_time,
    avgHandlingHours: x.avg_ms === null ? null : Math.round(x.avg_ms / 360_000) / 10,
    rated: x.rated,
    satisfied: x.satisfied,
    basicallySatisfied: x.basically,
    unsatisfied: x.unsatisfied,
    satisfactionRate: pct(x.satisfied + x.basically, x.rated),
  }));
}

/** The figures over what the caller may see (the street's and community's pages). */
export const performanceInScope = (db: Db, user: CurrentUser, o: Omit<PerformanceOptions, 'where'>) =>
  ticketPerformance(db, { ...o, where: ticketVisible(user) });

/** A property company's figures for a year (its credit inputs, issue 15): the tickets dispatched to it. */
export async function companyTicketPerformance(db: Db, companyId: number, year: number): Promise<PerformanceRow | null> {
  const rows = await ticketPerformance(db, {
    groupBy: 'company',
    from: `${year}-01-01`,
    to: `${year}-12-31`,
    where: sql<SqlBool>`t.handler_node_id = ${companyId}`,
  });
  return rows[0] ?? null;
}
