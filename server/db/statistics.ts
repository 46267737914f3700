import { sql } from 'kysely';
import type { Db } from './connect.js';

/** The tables whose statistics a bulk write can leave stale (a fixed list: no names from outside). */
export type AnalyzedTable =
  | 'decision_roll'
  | 'ballot'
  | 'ballot_submission'
  | 'audit_entry'
  | 'unit'
  | 'ownership'
  | 'person'
  | 'org_node'
  | 'org_closure'
  | 'property_company';

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

/**
 * Statistics for tables that grow by many small writes (votes: a decision's ballots arrive a few at a
 * time): count what is written and ANALYZE each time the count has doubled since the last time (at
 * least `floor`) — a handful of runs however large the vote, and the planner's idea of the table never
 * off by more than half. ANALYZE also makes the statements cached as generic plans be planned again:
 * planned while the ballot table was nearly empty, they scanned it in full, slower with every vote
 * (bench/README.md, cast-ballots, session 4). Runs after the write that crossed the line, in the
 * background; a failure only waits for the next.
 */
export class GrowthWatch {
  private written = 0;
  private known = 0;
  private running = false;
  constructor(
    private readonly db: Db,
    private readonly tables: readonly AnalyzedTable[],
    private readonly floor = 500,
  ) {}

  /** `rows`: rows just committed to each watched table (at least). */
  wrote(rows: number): void {
    this.written += rows;
    if (this.running || this.written < Math.max(this.floor, this.known)) return;
    this.running = true;
    this.known += this.written;
    this.written = 0;
    refreshStatistics(this.db, this.tables)
      .catch((err: Error) => console.warn(`统计信息刷新失败（下次写入后重试）：${err.message}`))
      .finally(() => (this.running = false));
  }
}
