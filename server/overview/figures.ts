import { sql, type RawBuilder } from 'kysely';
import { CASE_STATE_LABEL, GOVERNANCE_STATUS_LABEL, type CaseState, type GovernanceStatusCode } from '../../core/formation.js';
import { DISCLOSURE_ITEMS } from '../../core/disclosures.js';
import { checkGrid, type GridCheck } from '../../core/registry.js';
import type { FigureCode, FigureRow } from '../../core/overview.js';
import type { Db } from '../db/connect.js';
import type { CurrentUser } from '../http/context.js';
import { listCompanies } from '../companies/queries.js';
import { requiredPeople } from '../committees/training.js';
import { turnout } from '../decisions/queries.js';
import { DECISION_COLUMNS, ddb } from '../decisions/tables.js';
import { kdb } from '../committees/tables.js';
import { disclosureRollup } from '../disclosures/rollup.js';
import { ticketPerformance } from '../tickets/performance.js';
import { postIsCurrent } from '../people/places.js';
import type { OverviewView } from './view.js';

/**
 * The rows behind each figure of the overview (issue 18 §2). A figure is the sum of its rows, so the
 * card, the chart per child, the table and the exported sheet are one computation. Where a
 * capability already has its query (tickets' performance, the 十公开 roll-up, the training roster,
 * a decision's turnout) the rows come from it; the others are set-based SQL over the view's
 * estates, one statement per figure, so a district of 300 estates costs the same few queries as a
 * street of 30.
 */
export interface FigureContext {
  db: Db;
  user: CurrentUser;
  view: OverviewView;
  today: string;
  year: number;
}

type RowsOf = (c: FigureContext) => Promise<FigureRow[]>;

const ids = (c: FigureContext) => (c.view.childIds.length ? sql.join(c.view.childIds) : sql`null`);

/** The estates under the view's children: child_id, estate_id, estate name, community name. */
const estatesUnder = (c: FigureContext) => sql`(select k.ancestor_id as child_id, e.id as estate_id, e.name as estate_name,
    coalesce(cm.name, '') as community_name
  from org_closure k join org_node e on e.id = k.descendant_id and e.kind = 'estate'
  left join org_node cm on cm.id = e.parent_id
  where k.ancestor_id in (${ids(c)}))`;

async function rows<T>(db: Db, q: RawBuilder<T>): Promise<T[]> {
  return (await q.execute(db)).rows;
}

const estateRow = (r: { child_id: number; estate_id: number; estate_name: string; community_name: string }) => ({
  childId: r.child_id,
  place: r.community_name,
  link: `/governance`,
  id: r.estate_id,
  name: r.estate_name,
});

/** R42: estates that need a PMC or run one (the governance list's statuses), and which run one. */
const coverage: RowsOf = async (c) => {
  const r = await rows(
    c.db,
    sql<{ child_id: number; estate_id: number; estate_name: string; community_name: string; status: GovernanceStatusCode }>`
    select ke.*, coalesce(g.status, 'pending') as status
    from ${estatesUnder(c)} ke left join estate_governance g on g.estate_id = ke.estate_id
    where coalesce(g.status, 'pending') in ('pmcRunning', 'pending', 'committeeExpired', 'formingPmc')
    order by ke.child_id, ke.estate_id`,
  );
  return r.map((x) => ({
    ...estateRow(x),
    value: x.status === 'pmcRunning' ? 1 : 0,
    of: 1,
    note: GOVERNANCE_STATUS_LABEL[x.status],
  }));
};

/** Open formation cases, with the state each is at (the funnel). */
const forming: RowsOf = async (c) => {
  const r = await rows(
    c.db,
    sql<{ child_id: number; estate_id: number; estate_name: string; community_name: string; case_id: number; state: CaseState }>`
    select ke.*, f.id as case_id, f.state
    from ${estatesUnder(c)} ke join formation_case f on f.estate_id = ke.estate_id
    where f.state not in ('established', 'cancelled')
    order by ke.child_id, f.id`,
  );
  return r.map((x) => ({
    ...estateRow(x),
    id: x.case_id,
    link: `/formation/${x.case_id}`,
    value: 1,
    of: 1,
    note: CASE_STATE_LABEL[x.state],
  }));
};

/**
 * Overdue items, as the governance page lists them: an objection not verified within its 5 working
 * days (R30), a PMC past its term (R33), a composition shortfall with its rectification deadline
 * (R22–R25), and an estate still needing a PMC after the plan's deadline (R42).
 */
const overdue: RowsOf = async (c) => {
  const r = await rows(
    c.db,
    sql<{ child_id: number; estate_id: number; estate_name: string; community_name: string; what: string; due: string; n: number }>`
    with ke as ${estatesUnder(c)}
    select ke.*, '书面异议逾期未核查（R30）' as what, o.verify_due::text as due, o.id as n
      from ke join formation_case f on f.estate_id = ke.estate_id and f.state not in ('established', 'cancelled')
      join objection o on o.notice_id = f.list_notice_id and o.status = 'open' and o.verify_due < ${c.today}
    union all
    select ke.*, '物管会任期届满，尚未产生业委会，需重新组建（R33）', p.term_end::text, p.id
      from ke join property_committee p on p.estate_id = ke.estate_id and p.status = 'active' and p.term_end < ${c.today}
    union all
    select ke.*, '物管会构成不合规（' || (select string_agg(f->>'rule', '、') from jsonb_array_elements(cc.failures) f) || '），应限期整改',
        cc.deadline::text, p.id
      from ke join property_committee p on p.estate_id = ke.estate_id and p.status = 'active'
      join committee_compliance cc on cc.committee_kind = 'pmc' and cc.committee_id = p.id
        and jsonb_array_length(cc.failures) > 0 and cc.deadline is not null
    union all
    select ke.*, '实施方案期限已过仍未组建物管会（R42）', gp.deadline::text, ke.estate_id
      from ke left join estate_governance g on g.estate_id = ke.estate_id
      join org_closure sc on sc.descendant_id = ke.estate_id
      join governance_plan gp on gp.street_id = sc.ancestor_id and gp.deadline < ${c.today}
      where coalesce(g.status, 'pending') in ('pending', 'committeeExpired', 'formingPmc')
    order by 1, 2, 6`,
  );
  return r.map((x) => ({ ...estateRow(x), value: 1, of: 1, note: `${x.what}，期限 ${x.due}` }));
};

/** R22–R25: running PMCs, and those whose composition check currently fails. */
const composition: RowsOf = async (c) => {
  const r = await rows(
    c.db,
    sql<{ child_id: number; estate_id: number; estate_name: string; community_name: string; id: number; rules: string | null }>`
    select ke.*, p.id, (select string_agg(f->>'rule', '、') from jsonb_array_elements(cc.failures) f) as rules
    from ${estatesUnder(c)} ke join property_committee p on p.estate_id = ke.estate_id and p.status = 'active'
    left join committee_compliance cc on cc.committee_kind = 'pmc' and cc.committee_id = p.id
    order by ke.child_id, p.id`,
  );
  return r.map((x) => ({
    ...estateRow(x),
    link: `/committees/pmc/${x.id}`,
    value: x.rules ? 1 : 0,
    of: 1,
    note: x.rules ? `不符合 ${x.rules}` : '构成合规',
  }));
};

/**
 * R39: the companies serving the view's estates, each counted once — under the child holding the
 * first estate it serves — with the R39 status the company list computes.
 */
const partyBuilding: RowsOf = async (c) => {
  const served = await rows(
    c.db,
    sql<{ company_id: number; child_id: number }>`
    select distinct on (ce.company_id) ce.company_id, ke.child_id
    from ${estatesUnder(c)} ke join company_estate ce on ce.estate_id = ke.estate_id
    order by ce.company_id, ke.estate_id`,
  );
  if (!served.length) return [];
  const { items } = await listCompanies(c.db, c.user, { ids: served.map((s) => s.company_id), limit: null, offset: 0 }, c.today);
  const child = new Map(served.map((s) => [s.company_id, s.child_id]));
  return items.map((co) => ({
    childId: child.get(co.id)!,
    id: co.id,
    name: co.name,
    place: co.streetName,
    link: `/companies/${co.id}`,
    value: co.partyBuildingStatus === 'established' || co.partyBuildingStatus === 'instructor' ? 1 : 0,
    of: 1,
    note: co.partyBuildingLabel,
  }));
};

/**
 * R40: the grids under the view with their current posts, checked by the registry's own rule. A
 * grid lies in a community, not in an estate: on a community's view it counts for the community
 * itself (in the totals, not in a bar per estate).
 */
async function gridChecks(c: FigureContext) {
  const r = await rows(
    c.db,
    sql<{ child_id: number; grid_id: number; grid_name: string; community_name: string; role: string | null; person_id: number | null }>`
    with g as (
      select coalesce((select k2.ancestor_id from org_closure k2 where k2.descendant_id = n.id and k2.ancestor_id in (${ids(c)}) limit 1),
          ${c.view.node?.id ?? null}::int) as child_id,
        n.id as grid_id, n.name as grid_name, coalesce(cm.name, '') as community_name
      from org_closure k join org_node n on n.id = k.descendant_id and n.kind = 'grid'
      left join org_node cm on cm.id = n.parent_id
      where k.ancestor_id in (${c.view.node ? sql`${c.view.node.id}` : ids(c)}))
    select g.*, ps.role, ps.person_id from g
      left join post ps on ps.node_id = g.grid_id and ps.role in ('gridWorker', 'gridLeader', 'residentsGroupLeader')
        and ${postIsCurrent('ps', c.today)}
    union all
    select g.*, 'branchSecretary', ps.person_id from g
      join party_org o on o.node_id = g.grid_id and o.kind = 'branch'
      join post ps on ps.party_org_id = o.id and ps.role = 'partySecretary' and ${postIsCurrent('ps', c.today)}
    order by 1, 2`,
  );
  const grids = new Map<number, { childId: number; name: string; place: string; posts: Record<string, number[]> }>();
  for (const x of r) {
    let g = grids.get(x.grid_id);
    if (!g) grids.set(x.grid_id, (g = { childId: x.child_id, name: x.grid_name, place: x.community_name, posts: {} }));
    if (x.role && x.person_id !== null) (g.posts[x.role] ??= []).push(x.person_id);
  }
  return [...grids].map(([id, g]) => ({
    id,
    ...g,
    check: checkGrid({
      gridId: id,
      gridName: g.name,
      gridWorkerIds: g.posts.gridWorker ?? [],
      gridLeaderIds: g.posts.gridLeader ?? [],
      residentsGroupLeaderIds: g.posts.residentsGroupLeader ?? [],
      branchSecretaryIds: g.posts.branchSecretary ?? [],
    }),
  }));
}

/** The two R40 figures read one grid check per view: the checks of a context are read once. */
const gridCheckOf = new WeakMap<FigureContext, ReturnType<typeof gridChecks>>();
function gridFigure(pass: (g: GridCheck) => boolean, yes: string, problem: (g: GridCheck) => string): RowsOf {
  return async (c) => {
    let checks = gridCheckOf.get(c);
    if (!checks) gridCheckOf.set(c, (checks = gridChecks(c)));
    return (await checks).map((g) => ({
      childId: g.childId,
      id: g.id,
      name: g.name,
      place: g.place,
      link: '/people',
      value: pass(g.check) ? 1 : 0,
      of: 1,
      note: pass(g.check) ? yes : problem(g.check),
    }));
  };
}

const gridStaffing = gridFigure(
  (g) => g.hasGridWorker,
  '已配备网格员',
  (g) => g.problems[0]!,
);
const oneHoldsAll = gridFigure(
  (g) => g.oneHoldsAll,
  '已实现“一人兼”',
  (g) => g.problems.find((p) => p.includes('一人兼'))!,
);

/** R38: the 十公开 roll-up's own per-estate counts (published = current or stale, of ten). */
const board: RowsOf = async (c) => {
  const roll = await disclosureRollup(c.db, c.user, c.view.node?.id);
  const child = await childOfEstates(
    c,
    roll.estates.map((e) => e.id),
  );
  return roll.estates
    .filter((e) => child.has(e.id))
    .map((e) => ({
      childId: child.get(e.id)!,
      id: e.id,
      name: e.name,
      place: e.communityName,
      link: `/disclosures/${e.id}`,
      value: e.current + e.stale,
      of: DISCLOSURE_ITEMS.length,
      note: e.missing ? `未公开：${e.missingItems.map((i) => i.item).join('、')}` : e.stale ? `${e.stale}项待更新` : '十项均已公开',
    }));
};

export async function childOfEstates(c: FigureContext, estateIds: number[]): Promise<Map<number, number>> {
  if (!estateIds.length || !c.view.childIds.length) return new Map();
  const r = await c.db
    .selectFrom('org_closure')
    .select(['ancestor_id', 'descendant_id'])
    .where('descendant_id', 'in', estateIds)
    .where('ancestor_id', 'in', c.view.childIds)
    .execute();
  return new Map(r.map((x) => [x.descendant_id, x.ancestor_id]));
}

/**
 * Tickets raised this year, from the service desk's performance query grouped by the view's
 * children (a ticket counts under the child holding its estate, or its community when it names no
 * estate). One row per child: the tickets list filtered to that node shows the same tickets.
 */
async function ticketRows(c: FigureContext, pick: 'onTime' | 'satisfaction'): Promise<FigureRow[]> {
  if (!c.view.childIds.length) return [];
  const perf = await ticketPerformance(c.db, {
    groupBy: 'child',
    childIds: c.view.childIds,
    from: `${c.year}-01-01`,
    to: `${c.year}-12-31`,
  });
  const names = new Map(c.view.children.map((k) => [k.id, k.name]));
  return perf
    .filter((p) => names.has(Number(p.key)))
    .map((p) => ({
      childId: Number(p.key),
      id: Number(p.key),
      name: names.get(Number(p.key))!,
      place: '',
      link: '/tickets',
      value: pick === 'onTime' ? p.onTime : p.satisfied + p.basicallySatisfied,
      of: pick === 'onTime' ? p.finished : p.rated,
      note:
        pick === 'onTime'
          ? `受理${p.raised}件，办结${p.finished}件，按时${p.onTime}件，在办${p.open}件（逾期${p.overdueOpen}件）`
          : `满意${p.satisfied}件，基本满意${p.basicallySatisfied}件，不满意${p.unsatisfied}件`,
    }));
}

/** R36: this year's owner evaluations of committee reports (one per head), per report. */
const evaluation: RowsOf = async (c) => {
  const r = await rows(
    c.db,
    sql<{
      child_id: number;
      estate_id: number;
      estate_name: string;
      community_name: string;
      id: number;
      good: number;
      n: number;
      basic: number;
      bad: number;
    }>`
    select ke.*, cr.id, count(ev.id) filter (where ev.choice in ('satisfied', 'basic'))::int as good,
      count(ev.id) filter (where ev.choice = 'basic')::int as basic,
      count(ev.id) filter (where ev.choice = 'dissatisfied')::int as bad, count(ev.id)::int as n
    from ${estatesUnder(c)} ke join committee_report cr on cr.estate_id = ke.estate_id and cr.year = ${c.year}
    left join committee_evaluation ev on ev.report_id = cr.id
    group by ke.child_id, ke.estate_id, ke.estate_name, ke.community_name, cr.id
    order by ke.child_id, cr.id`,
  );
  return r.map((x) => ({
    ...estateRow(x),
    id: x.id,
    link: `/committees/reports/${x.id}`,
    value: x.good,
    of: x.n,
    note: `满意${x.good - x.basic}户，基本满意${x.basic}户，不满意${x.bad}户`,
  }));
};

/**
 * R41: the people who must attend this year's training — the training roster's own query, for
 * every street under the view at once — and who attended a training of their street.
 */
const training: RowsOf = async (c) => {
  const scope = c.view.node ? [c.view.node.id] : c.view.childIds;
  const people = (await Promise.all(scope.map((id) => requiredPeople(c.db, id, c.year)))).flat();
  if (!people.length) return [];
  const attendance = await kdb(c.db)
    .selectFrom('training_attendance as a')
    .innerJoin('training as t', 't.id', 'a.training_id')
    .select(['t.street_id', 'a.person_id'])
    .where('t.street_id', 'in', [...new Set(people.map((p) => p.street_id))])
    .where('t.held_on', '>=', `${c.year}-01-01`)
    .where('t.held_on', '<=', `${c.year}-12-31`)
    .execute();
  const attended = new Set(attendance.map((x) => `${x.street_id}:${x.person_id}`));
  const child = await childOfEstates(
    c,
    people.map((p) => p.estate_id),
  );
  return people
    .filter((p) => child.has(p.estate_id))
    .map((p) => {
      const yes = attended.has(`${p.street_id}:${p.person_id}`);
      return {
        childId: child.get(p.estate_id)!,
        id: p.person_id,
        name: p.name,
        place: `${p.community} ${p.place}`,
        link: '/committees',
        value: yes ? 1 : 0,
        of: 1,
        note: yes ? '已参训' : '未参训',
      };
    });
};

/** R7: decisions published this year, with the heads that took part of those on the frozen roll. */
const votes: RowsOf = async (c) => {
  const list = await rows(
    c.db,
    sql<{ child_id: number; estate_id: number; estate_name: string; community_name: string; id: number }>`
    select ke.*, d.id from ${estatesUnder(c)} ke join decision d on d.estate_id = ke.estate_id
    where d.state = 'published' and d.published_on >= ${`${c.year}-01-01`} and d.published_on <= ${`${c.year}-12-31`}
    order by ke.child_id, d.id`,
  );
  const out: FigureRow[] = [];
  for (const x of list) {
    const d = await ddb(c.db).selectFrom('decision').select(DECISION_COLUMNS).where('id', '=', x.id).executeTakeFirstOrThrow();
    const t = await turnout(c.db, d);
    out.push({
      ...estateRow(x),
      id: x.id,
      name: `${x.estate_name}：${d.title}`,
      link: `/decisions/${x.id}`,
      value: t?.heads ?? 0,
      of: t?.totalHeads ?? 0,
      note: t ? `参与${t.heads}/${t.totalHeads}人，面积${t.area}/${t.totalArea}㎡` : '无表决名册',
    });
  }
  return out;
};

export const FIGURE_ROWS: Record<FigureCode, RowsOf> = {
  coverage,
  forming,
  overdue,
  composition,
  partyBuilding,
  gridStaffing,
  oneHoldsAll,
  board,
  ticketsOnTime: (c) => ticketRows(c, 'onTime'),
  ticketSatisfaction: (c) => ticketRows(c, 'satisfaction'),
  evaluation,
  training,
  votes,
};
