import { sql, type Kysely } from 'kysely';

/**
 * Issue 13: streets hang under a district. An instance whose streets are roots gets one district
 * (本区, to be renamed by whoever runs the instance) above them all, and the closure is rebuilt so
 * that the district's scope reaches every node below its streets. The rebuild is written out here
 * as it stands today (server/org/closure.ts), so that this migration does the same whatever later
 * code does: the edges are a node's parent, a building's grid and a company's served estates.
 * An instance with no street (a fresh database) is left empty: its district comes with its first
 * street (the demo loader, or whoever sets the instance up).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const roots = await sql<{ id: number }>`select id from org_node where kind = 'street' and parent_id is null`.execute(db);
  if (roots.rows.length === 0) return;
  const district = await sql<{ id: number }>`
    insert into org_node (kind, name, parent_id) values ('district', '本区', null) returning id`.execute(db);
  const districtId = district.rows[0]!.id;
  await sql`update org_node set parent_id = ${districtId}, updated_at = now() where kind = 'street' and parent_id is null`.execute(db);
  await sql`delete from org_closure`.execute(db);
  await sql`
    with recursive edges(parent, child) as (
      select parent_id, id from org_node where parent_id is not null
      union all
      select grid_id, id from org_node where grid_id is not null
      union all
      select company_id, estate_id from company_estate
    ),
    up(descendant, ancestor, depth) as (
      select id, id, 0 from org_node
      union
      select up.descendant, e.parent, up.depth + 1 from up join edges e on e.child = up.ancestor
    )
    insert into org_closure (ancestor_id, descendant_id, depth)
    select ancestor, descendant, min(depth) from up group by ancestor, descendant
  `.execute(db);
}
