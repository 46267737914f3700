import { sql } from 'kysely';
import { formatArea } from '../../core/area.js';
import type { Permission } from '../../core/access.js';
import { inScope, permissionsAt, scopeRoots } from '../access/scope.js';
import type { Db } from '../db/connect.js';
import type { CurrentUser } from '../http/context.js';
import { notFound } from '../http/errors.js';
import { naturalOrder } from './natural-order.js';
import { presentNode, presentUnit } from './present.js';

const NONE: ReadonlySet<Permission> = new Set();

/**
 * The part of the hierarchy the user may read, plus the ancestors of their scope roots (names
 * only, no actions) so the tree has a place to hang from.
 */
export async function listTree(db: Db, user: CurrentUser) {
  const roots = scopeRoots(user, 'org.read');
  if (roots.length === 0) return { nodes: [] };
  const rows = await db
    .selectFrom('org_node as n')
    .select(['n.id', 'n.kind', 'n.name', 'n.code', 'n.parent_id', 'n.grid_id', 'n.address', 'n.delivered_on'])
    .select(
      sql<boolean>`exists (select 1 from org_closure c where c.descendant_id = n.id and c.ancestor_id in (${sql.join(roots)}))`.as(
        'in_scope',
      ),
    )
    // Per kind, so that the unit_estate index (estate_id, building_id, …) answers each count: the
    // former "estate_id = n.id or building_id = n.id" could use no index, scanned the units once per
    // node and, on a district, cost PostgreSQL's JIT 200–330 ms a request (issue 18). A building
    // hangs under its estate (core/org.ts), so its units are (its parent, itself).
    .select(
      sql<number>`case n.kind
        when 'estate' then (select count(*) from unit u where u.estate_id = n.id)
        when 'building' then (select count(*) from unit u where u.estate_id = n.parent_id and u.building_id = n.id)
        else 0 end`.as('unit_count'),
    )
    .where((eb) =>
      eb.or([
        eb.exists(
          eb.selectFrom('org_closure as c').select('c.depth').whereRef('c.descendant_id', '=', 'n.id').where('c.ancestor_id', 'in', roots),
        ),
        eb.exists(
          eb.selectFrom('org_closure as c').select('c.depth').whereRef('c.ancestor_id', '=', 'n.id').where('c.descendant_id', 'in', roots),
        ),
        // the estate of a building reached through its grid, shown by name for context
        eb.exists(
          eb
            .selectFrom('org_node as child')
            .innerJoin('org_closure as c', 'c.descendant_id', 'child.id')
            .select('c.depth')
            .whereRef('child.parent_id', '=', 'n.id')
            .where('c.ancestor_id', 'in', roots),
        ),
      ]),
    )
    .orderBy('n.kind')
    .orderBy(naturalOrder(sql.ref('n.name')))
    .execute();
  const held = await permissionsAt(
    db,
    user,
    rows.filter((r) => r.in_scope).map((r) => r.id),
  );
  return {
    nodes: rows.map((r) => ({
      ...presentNode(r, r.in_scope ? (held.get(r.id) ?? NONE) : NONE),
      inScope: r.in_scope,
      unitCount: Number(r.unit_count),
    })),
  };
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
