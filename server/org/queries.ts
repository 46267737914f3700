import { sql } from 'kysely';
import { formatArea } from '../../core/area.js';
import type { Permission } from '../../core/access.js';
import { inScope, permissionsAt, scopeRoots } from '../access/scope.js';
import type { Db } from '../db/connect.js';
import type { OrgNode } from '../db/schema.js';
import type { CurrentUser } from '../http/context.js';
import { notFound } from '../http/errors.js';
import { naturalOrder } from './natural-order.js';
import { presentNode, presentUnit } from './present.js';

const NONE: ReadonlySet<Permission> = new Set();

/** What GET /api/org/tree answers: everything in scope, the start (down to a depth), or a search. */
export type TreeQuery = { depth?: number | undefined; q?: string | undefined };

/** How many matches a search answers (with their ancestors); more are reported, not sent. */
export const TREE_SEARCH_LIMIT = 100;

/**
 * The nodes the tree may show, as a derived table v(id, in_scope): those in the user's scope, the
 * ancestors of their scope roots (names only, no actions) so the tree has a place to hang from, and
 * the estate of a building reached through its grid (by name, for context). `depth` keeps only nodes
 * at most that far below a scope root. A union of three index lookups, not "exists … or exists …"
 * per node: PostgreSQL priced the OR over a street's or a district's nodes near a million and
 * JIT-compiled it, about 200 ms a request for a 10 ms query (issue 18).
 */
function visibleSet(roots: number[], depth?: number) {
  const r = sql.join(roots);
  const within = depth === undefined ? sql`` : sql` and c.depth <= ${depth}`;
  return sql<{ id: number; in_scope: boolean }>`(
    select s.id, bool_or(s.in_scope) as in_scope from (
      select c.descendant_id as id, true as in_scope from org_closure c where c.ancestor_id in (${r})${within}
      union all
      select c.ancestor_id, false from org_closure c where c.descendant_id in (${r})
      union all
      select child.parent_id, false from org_node child join org_closure c on c.descendant_id = child.id
       where c.ancestor_id in (${r})${within} and child.parent_id is not null
    ) s group by s.id)`.as('v');
}

const NODE_COLUMNS = [
  'n.id',
  'n.kind',
  'n.name',
  'n.code',
  'n.parent_id',
  'n.grid_id',
  'n.address',
  'n.delivered_on',
  'v.in_scope',
] as const;

function visibleNodes(db: Db, roots: number[], depth?: number) {
  return db
    .selectFrom(visibleSet(roots, depth))
    .innerJoin('org_node as n', 'n.id', 'v.id')
    .select(NODE_COLUMNS)
    .orderBy('n.kind')
    .orderBy(naturalOrder(sql.ref('n.name')));
}

/**
 * The tree, or the part of it a district user needs to start (issue 18): with `depth`, the scope
 * roots and what lies at most `depth` levels below them (2: a district's streets and communities);
 * with `q`, the nodes whose name or code contains it and their ancestors. Each node says how many
 * children it has, so the page loads a node's children (GET /api/org/nodes/:id/children) on expand.
 */
export async function listTree(db: Db, user: CurrentUser, query: TreeQuery = {}) {
  const roots = scopeRoots(user, 'org.read');
  if (roots.length === 0) return { nodes: [], truncated: false };
  if (!query.q) return { nodes: await presentTreeNodes(db, user, await visibleNodes(db, roots, query.depth).execute()), truncated: false };
  const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const matches = await db
    .selectFrom('org_node as n')
    .select('n.id')
    .where((eb) => eb.or([eb('n.name', 'ilike', like), eb('n.code', 'ilike', like)]))
    .where(inScope(user, 'org.read', sql.ref('n.id')))
    .orderBy('n.id')
    .limit(TREE_SEARCH_LIMIT + 1)
    .execute();
  const ids = matches.slice(0, TREE_SEARCH_LIMIT).map((m) => m.id);
  if (ids.length === 0) return { nodes: [], truncated: false };
  // the matches and every visible node above them
  const rows = await visibleNodes(db, roots)
    .where('n.id', 'in', (eb) => eb.selectFrom('org_closure as a').select('a.ancestor_id').where('a.descendant_id', 'in', ids))
    .execute();
  return { nodes: await presentTreeNodes(db, user, rows), truncated: matches.length > TREE_SEARCH_LIMIT };
}

/** The visible children of a node: its parent_id children, a grid's buildings, a company's estates. */
export async function listChildren(db: Db, user: CurrentUser, id: number) {
  const roots = scopeRoots(user, 'org.read');
  const node =
    roots.length === 0
      ? undefined
      : await db
          .selectFrom(visibleSet(roots))
          .innerJoin('org_node as n', 'n.id', 'v.id')
          .select(['n.id', 'n.kind'])
          .where('n.id', '=', id)
          .executeTakeFirst();
  if (!node) throw notFound('节点');
  const rows = await visibleNodes(db, roots)
    .where((eb) =>
      node.kind === 'grid'
        ? eb('n.grid_id', '=', id)
        : node.kind === 'company'
          ? eb('n.id', 'in', eb.selectFrom('company_estate').select('estate_id').where('company_id', '=', id))
          : eb('n.parent_id', '=', id),
    )
    .execute();
  return { nodes: await presentTreeNodes(db, user, rows) };
}

type TreeRow = Pick<OrgNode, 'id' | 'kind' | 'name' | 'code' | 'parent_id' | 'grid_id' | 'address' | 'delivered_on'> & {
  in_scope: boolean;
};

/**
 * Adds each node's unit count, child count and actions. The unit counts are one grouped count over
 * the units of the estates in the answer: counted per node in a subquery, PostgreSQL priced a
 * district's tree (300 estates, ~300,000 units) high enough to JIT-compile it, 200–600 ms a request
 * for an 11 ms query (issue 18); grouped, the estimate stays far below jit_above_cost. A building
 * hangs under its estate (core/org.ts), so an estate's count is the sum of its buildings'.
 */
async function presentTreeNodes(db: Db, user: CurrentUser, rows: TreeRow[]) {
  const estates = [
    ...new Set(rows.flatMap((r) => (r.kind === 'estate' ? [r.id] : r.kind === 'building' && r.parent_id ? [r.parent_id] : []))),
  ];
  const ids = rows.map((r) => r.id);
  const grids = rows.filter((r) => r.kind === 'grid').map((r) => r.id);
  const companies = rows.filter((r) => r.kind === 'company').map((r) => r.id);
  const [unitRows, byParent, byGrid, byCompany, held] = await Promise.all([
    estates.length
      ? db
          .selectFrom('unit')
          .select(['estate_id', 'building_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('estate_id', 'in', estates)
          .groupBy(['estate_id', 'building_id'])
          .execute()
      : [],
    ids.length
      ? db
          .selectFrom('org_node')
          .select(['parent_id as id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('parent_id', 'in', ids)
          .groupBy('parent_id')
          .execute()
      : [],
    grids.length
      ? db
          .selectFrom('org_node')
          .select(['grid_id as id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('grid_id', 'in', grids)
          .groupBy('grid_id')
          .execute()
      : [],
    companies.length
      ? db
          .selectFrom('company_estate')
          .select(['company_id as id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('company_id', 'in', companies)
          .groupBy('company_id')
          .execute()
      : [],
    permissionsAt(
      db,
      user,
      rows.filter((r) => r.in_scope).map((r) => r.id),
    ),
  ]);
  const units = new Map<number, number>();
  for (const u of unitRows) {
    units.set(u.building_id, (units.get(u.building_id) ?? 0) + Number(u.n));
    units.set(u.estate_id, (units.get(u.estate_id) ?? 0) + Number(u.n));
  }
  const children = new Map<number, number>();
  for (const c of [...byParent, ...byGrid, ...byCompany]) if (c.id !== null) children.set(c.id, Number(c.n));
  return rows.map((r) => ({
    ...presentNode(r, r.in_scope ? (held.get(r.id) ?? NONE) : NONE),
    inScope: r.in_scope,
    unitCount: r.kind === 'estate' || r.kind === 'building' ? (units.get(r.id) ?? 0) : 0,
    childCount: children.get(r.id) ?? 0,
  }));
}

export async function getNodeDetail(db: Db, user: CurrentUser, id: number) {
  const node = await db
    .selectFrom('org_node as n')
    .selectAll('n')
    .where('n.id', '=', id)
    .where(inScope(user, 'org.read', sql.ref('n.id')))
    .executeTakeFirst();
  if (!node) throw notFound('节点');
  const [ancestors, children, units] = await Promise.all([
    db
      .selectFrom('org_closure as c')
      .innerJoin('org_node as a', 'a.id', 'c.ancestor_id')
      .select(['a.id', 'a.kind', 'a.name'])
      .where('c.descendant_id', '=', id)
      .where('c.depth', '>', 0)
      .where('a.kind', 'not in', node.kind === 'building' ? ['grid', 'company'] : ['company'])
      .orderBy('c.depth', 'desc')
      .execute(),
    db
      .selectFrom('org_node as n')
      .selectAll('n')
      .where((eb) => eb.or([eb('n.parent_id', '=', id), eb('n.grid_id', '=', id)]))
      .where(inScope(user, 'org.read', sql.ref('n.id')))
      .orderBy('n.kind')
      .orderBy(naturalOrder(sql.ref('n.name')))
      .execute(),
    db
      .selectFrom('unit as u')
      .select([(eb) => eb.fn.countAll<number>().as('n'), sql<number>`coalesce(sum(u.area_centi), 0)`.as('area')])
      .where(sql<boolean>`exists (select 1 from org_closure c where c.ancestor_id = ${id} and c.descendant_id = u.building_id)`)
      .where(inScope(user, 'unit.read', sql.ref('u.building_id')))
      .executeTakeFirstOrThrow(),
  ]);
  const held = await permissionsAt(db, user, [id, ...children.map((c) => c.id)]);
  return {
    ...presentNode(node, held.get(id) ?? NONE),
    ancestors,
    children: children.map((c) => presentNode(c, held.get(c.id) ?? NONE)),
    unitCount: Number(units.n),
    totalArea: formatArea(Number(units.area)),
  };
}

/** Units of an estate (optionally one building), filtered by the caller's unit scope in SQL. */
export async function listEstateUnits(
  db: Db,
  user: CurrentUser,
  estateId: number,
  q: { buildingId?: number | undefined; q?: string | undefined; limit: number; offset: number },
) {
  const estate = await db
    .selectFrom('org_node as n')
    .select(['n.id', 'n.kind'])
    .where('n.id', '=', estateId)
    .where(inScope(user, 'org.read', sql.ref('n.id')))
    .executeTakeFirst();
  // A grid worker reads the units of their buildings without reading the whole estate.
  const anyUnitInScope = estate
    ? true
    : await db
        .selectFrom('unit as u')
        .select('u.id')
        .where('u.estate_id', '=', estateId)
        .where(inScope(user, 'unit.read', sql.ref('u.building_id')))
        .limit(1)
        .executeTakeFirst();
  if ((!estate && !anyUnitInScope) || (estate && estate.kind !== 'estate')) throw notFound('小区');

  let base = db
    .selectFrom('unit as u')
    .where('u.estate_id', '=', estateId)
    .where(inScope(user, 'unit.read', sql.ref('u.building_id')));
  if (q.buildingId) base = base.where('u.building_id', '=', q.buildingId);
  if (q.q) base = base.where('u.number', 'like', `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);

  // One query for the page and the totals (window aggregates run before LIMIT); a page past the
  // end has no row to carry them, so only then are the totals asked for separately.
  const rows = await base
    .innerJoin('org_node as b', 'b.id', 'u.building_id')
    .select([
      'u.id',
      'u.estate_id',
      'u.building_id',
      'u.entrance',
      'u.floor',
      'u.number',
      'u.kind',
      'u.area_centi',
      'u.area_source',
      'b.name as building_name',
      sql<number>`count(*) over ()`.as('total_n'),
      sql<number>`sum(u.area_centi) over ()`.as('total_area'),
    ])
    // natural order (core/ordering.ts): 2号楼 before 10号楼, room 201 before 1101
    .orderBy(naturalOrder(sql.ref('b.name')))
    .orderBy(naturalOrder(sql.ref('u.entrance')))
    .orderBy('u.floor')
    .orderBy(naturalOrder(sql.ref('u.number')))
    .orderBy('u.id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  const totals = rows[0]
    ? { n: rows[0].total_n, area: rows[0].total_area }
    : await base
        .select([(eb) => eb.fn.countAll<number>().as('n'), sql<number>`coalesce(sum(u.area_centi), 0)`.as('area')])
        .executeTakeFirstOrThrow();
  const held = await permissionsAt(db, user, [...new Set(rows.map((r) => r.building_id))]);
  return {
    total: Number(totals.n),
    totalArea: formatArea(Number(totals.area)),
    items: rows.map((r) => presentUnit(r, held.get(r.building_id) ?? NONE)),
  };
}
