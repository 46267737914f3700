import { sql } from 'kysely';
import type { Db } from './connect.js';

/** The tables whose statistics a bulk write can leave stale (a fixed list: no names from outside). */
export type AnalyzedTable = 'decision_roll' | 'ballot' | 'unit' | 'ownership' | 'person' | 'org_node' | 'org_closure' | 'property_company';

/**
 * Refreshes the planner's statistics after a bulk write has committed (ANALYZE inside the writing
 * transaction does not sample the rows it has just written). Without it a new estate's 20,000 units
 * or a decision's frozen roll look like one row to the planner, and a join planned as a nested loop
 * took 74 s instead of 40 ms (bench/README.md). PGlite, the embedded default, runs no autovacuum at
 * all, and a server may have it off or lagging; the hourly job (server/jobs) covers the rest.
 * Without tables: the whole database.
 */
export async function refreshStatistics(db: Db, tables?: readonly AnalyzedTable[]): Promise<void> {
  if (tables && tables.length === 0) return;
  await (tables ? sql`analyze ${sql.join(tables.map((t) => sql.table(t)))}` : sql`analyze`).execute(db);
}
