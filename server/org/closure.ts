import { sql } from 'kysely';
import type { Trx } from '../db/transaction.js';

/**
 * Keeps `org_closure` right after a structural change. The hierarchy is a DAG: a node's parent, a
 * building's grid and a company's served estates are all edges. For the given nodes and everything
 * below them, every ancestor row is recomputed from the edges (the subtree's own shape is
 * unchanged by a move, only its ancestors are).
 */
export async function rebuildClosure(trx: Trx, nodeIds: number[]): Promise<void> {
  if (nodeIds.length === 0) return;
  const affected = await trx.selectFrom('org_closure').select('descendant_id').distinct().where('ancestor_id', 'in', nodeIds).execute();
  const ids = [...new Set([...nodeIds, ...affected.map((r) => r.descendant_id)])];
  await trx.deleteFrom('org_closure').where('descendant_id', 'in', ids).execute();
  await sql`
    with recursive edges(parent, child) as (
      select parent_id, id from org_node where parent_id is not null
      union all
      select grid_id, id from org_node where grid_id is not null
      union all
      select company_id, estate_id from company_estate
    ),
    up(descendant, ancestor, depth) as (
      select id, id, 0 from org_node where id in (${sql.join(ids)})
      union
      select up.descendant, e.parent, up.depth + 1 from up join edges e on e.child = up.ancestor
    )
    insert into org_closure (ancestor_id, descendant_id, depth)
    select ancestor, descendant, min(depth) from up group by ancestor, descendant
  `.execute(trx);
}

/** True when `candidate` is `nodeId` itself or lies below it (moving there would make a cycle). */
export async function isSelfOrDescendant(trx: Trx, nodeId: number, candidate: number): Promise<boolean> {
  const row = await trx
    .selectFrom('org_closure')
    .select('depth')
    .where('ancestor_id', '=', nodeId)
    .where('descendant_id', '=', candidate)
    .executeTakeFirst();
  return row !== undefined;
}
