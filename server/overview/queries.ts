import { sql } from 'kysely';
import { CASE_STATE_LABEL, CASE_STATES, type CaseState } from '../../core/formation.js';
import { byChild, FIGURE_CODES, FIGURE_INFO, totalsOf, type FigureCode, type FigureRow } from '../../core/overview.js';
import { todayInChina } from '../clock.js';
import type { Db } from '../db/connect.js';
import type { CurrentUser } from '../http/context.js';
import { childOfEstates, type FigureContext } from './figures.js';
import { figureRows } from './memo.js';
import { estateClasses, streetClasses } from '../survey/queries.js';
import { resolveView } from './view.js';

/** The year an overview counts (tickets, evaluations, training, votes): the asked one, or this one. */
function yearOf(today: string, year: number | undefined) {
  return year ?? Number(today.slice(0, 4));
}

export async function figureContext(
  db: Db,
  user: CurrentUser,
  nodeId: number | undefined,
  year: number | undefined,
): Promise<FigureContext> {
  const today = todayInChina();
  return { db, user, view: await resolveView(db, user, nodeId), today, year: yearOf(today, year) };
}

function presentFigure(code: FigureCode, rows: FigureRow[], c: FigureContext) {
  return { code, ...FIGURE_INFO[code], ...totalsOf(rows), rows: rows.length, byChild: byChild(rows, c.view.children) };
}

/**
 * A dashboard: the view (node, breadcrumb, children) and every figure with its totals per child,
 * the formation funnel and coverage over time against the plan's deadline (R42).
 */
export async function overview(db: Db, user: CurrentUser, nodeId: number | undefined, year: number | undefined) {
  const c = await figureContext(db, user, nodeId, year);
  const rows = {} as Record<FigureCode, FigureRow[]>;
  let countedAt = Date.now();
  for (const code of FIGURE_CODES) {
    const r = figureRows(code, c);
    rows[code] = await r.rows;
    countedAt = Math.min(countedAt, r.at);
  }
  const funnel = CASE_STATES.filter((s) => s !== 'cancelled' && s !== 'established').map((s) => ({
    state: s,
    label: CASE_STATE_LABEL[s],
    count: rows.forming.filter((r) => r.note === CASE_STATE_LABEL[s as CaseState]).length,
  }));
  const plans = await plansOf(c);
  return {
    today: c.today,
    year: c.year,
    /** when the oldest figure shown was counted (at most a minute ago) */
    countedAt: new Date(countedAt).toISOString(),
    node: c.view.node,
    path: c.view.path,
    children: c.view.children,
    figures: FIGURE_CODES.map((code) => presentFigure(code, rows[code], c)),
    funnel,
    coverage: await coverageSeries(c, rows.coverage, plans),
    plans,
    ...(await classesOf(c)),
  };
}

/**
 * 分类管理 (issue 18 §1) in the view: estates per class, per child, and the pilots — counted from
 * the classification's own rows (survey/queries.ts estateClasses), the rule not recomputed here.
 */
async function classesOf(c: FigureContext) {
  const scope = c.view.node ? [c.view.node.id] : c.view.childIds;
  const rows = scope.length ? await estateClasses(c.db, scope) : [];
  const child = await childOfEstates(
    c,
    rows.map((r) => r.estateId),
  );
  // the classes in the streets' own order, then any other label met
  const defs = [...(await streetClasses(c.db, [...new Set(rows.map((r) => r.streetId))])).values()].flat();
  const order = [...new Map([...defs.map((d) => [d.code, d.label] as const), ...rows.map((r) => [r.classCode, r.classLabel] as const)])];
  const classes = order
    .map(([code, label]) => {
      const mine = rows.filter((r) => r.classCode === code);
      return {
        code,
        label,
        estates: mine.length,
        byChild: c.view.children.map((k) => ({
          id: k.id,
          name: k.name,
          estates: mine.filter((r) => child.get(r.estateId) === k.id).length,
        })),
      };
    })
    .filter((x) => x.estates > 0);
  const names = new Map(
    (rows.length
      ? await c.db
          .selectFrom('org_node')
          .select(['id', 'name'])
          .where(
            'id',
            'in',
            rows
              .filter((r) => r.pilot)
              .map((r) => r.estateId)
              .concat([0]),
          )
          .execute()
      : []
    ).map((n) => [n.id, n.name]),
  );
  return {
    classes,
    pilots: rows.filter((r) => r.pilot).map((r) => ({ estateId: r.estateId, name: names.get(r.estateId) ?? '', classLabel: r.classLabel })),
  };
}

/** The rows of one figure (its list), optionally under one child only. */
export async function figureList(db: Db, user: CurrentUser, code: FigureCode, nodeId: number | undefined, year: number | undefined) {
  const c = await figureContext(db, user, nodeId, year);
  const r = figureRows(code, c);
  const rows = await r.rows;
  return { node: c.view.node, year: c.year, countedAt: new Date(r.at).toISOString(), figure: presentFigure(code, rows, c), items: rows };
}

/**
 * R42 coverage month by month, from the plan's start (or twelve months back) to this month: of the
 * estates counted today, how many had their running PMC established by the month's end. The last
 * point is today's figure.
 */
async function coverageSeries(c: FigureContext, rows: FigureRow[], plans: Awaited<ReturnType<typeof plansOf>>) {
  const covered = rows.filter((r) => r.value === 1).map((r) => r.id);
  const established = covered.length
    ? await c.db
        .selectFrom('property_committee')
        .select(['estate_id', sql<string>`min(established_on)::text`.as('on')])
        .where('estate_id', 'in', covered)
        .where('status', '=', 'active')
        .groupBy('estate_id')
        .execute()
    : [];
  const start = plans.map((p) => p.phases[0]?.from ?? null).find((d) => d) ?? null;
  const months: string[] = [];
  const end = c.today.slice(0, 7);
  let m = start && start.slice(0, 7) < end ? start.slice(0, 7) : monthsBack(end, 11);
  while (m <= end && months.length < 60) {
    months.push(m);
    m = nextMonth(m);
  }
  const of = rows.length;
  return {
    of,
    points: months.map((month) => {
      const value = established.filter((e) => e.on.slice(0, 7) <= month).length;
      return { month, value, of, rate: of ? Math.round((value * 1000) / of) / 10 : null };
    }),
  };
}

const nextMonth = (m: string) => {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
};
const monthsBack = (m: string, n: number) => {
  let [y, mo] = m.split('-').map(Number) as [number, number];
  for (let i = 0; i < n; i++) if (--mo === 0) [y, mo] = [y - 1, 12];
  return `${y}-${String(mo).padStart(2, '0')}`;
};

/** The implementation plans (deadline and phases, R42) of the streets in the view. */
async function plansOf(c: FigureContext) {
  if (!c.view.childIds.length) return [];
  const r = await c.db
    .selectFrom('governance_plan as p')
    .innerJoin('org_node as s', 's.id', 'p.street_id')
    .select(['s.id as street_id', 's.name as street_name', 'p.name', 'p.deadline', 'p.phases'])
    .where((eb) =>
      eb.or([
        eb('p.street_id', 'in', eb.selectFrom('org_closure').select('ancestor_id').where('descendant_id', 'in', c.view.childIds)),
        eb('p.street_id', 'in', eb.selectFrom('org_closure').select('descendant_id').where('ancestor_id', 'in', c.view.childIds)),
      ]),
    )
    .orderBy('s.id')
    .execute();
  return r.map((p) => ({
    streetId: p.street_id,
    streetName: p.street_name,
    name: p.name,
    deadline: p.deadline,
    phases: typeof p.phases === 'string' ? (JSON.parse(p.phases) as { name: string; from: string; to: string }[]) : p.phases,
  }));
}
