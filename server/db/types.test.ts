import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from './connect.js';
import { openTestDatabase } from '../test/harness.js';
import { refreshStatistics } from './statistics.js';

/** Both drivers must hand the same JavaScript types to the code above them. */
describe(`driver types are normalised (${process.env.TEST_DATABASE_URL ? 'PostgreSQL server' : 'PGlite'})`, () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await openTestDatabase();
  });
  afterAll(() => h.close());

  it('date as YYYY-MM-DD, bigint and count as number, numeric as exact string, timestamptz as Date', async () => {
    const r = await sql<{ d: unknown; big: unknown; n: unknown; num: unknown; ts: unknown; i: unknown }>`
      select '2025-10-13'::date as d, 9007199254740991::bigint as big, (select count(*) from generate_series(1, 3)) as n,
             123456789.01::numeric(12,2) as num, '2025-10-13T08:00:00Z'::timestamptz as ts, 7::int as i`.execute(h.db);
    const row = r.rows[0]!;
    expect(row.d).toBe('2025-10-13');
    expect(row.big).toBe(9007199254740991);
    expect(row.n).toBe(3);
    expect(row.num).toBe('123456789.01');
    expect(row.ts).toBeInstanceOf(Date);
    expect((row.ts as Date).toISOString()).toBe('2025-10-13T08:00:00.000Z');
    expect(row.i).toBe(7);
  });

  it('sums of area hundredths stay exact', async () => {
    const r = await sql<{ s: unknown }>`select sum(x)::bigint as s from (values (8937), (12063), (1)) v(x)`.execute(h.db);
    expect(r.rows[0]!.s).toBe(21001);
  });
});

/** Hot-path statements marked `/* prepared: NAME *\/` are parsed once per server connection. */
describe(`prepared statements (${process.env.TEST_DATABASE_URL ? 'PostgreSQL server' : 'PGlite'})`, () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await openTestDatabase();
  });
  afterAll(() => h.close());

  it('a marked statement runs again with other values, named on the server, and other callers of the pool are untouched', async () => {
    const names = await h.db.transaction().execute(async (trx) => {
      for (const v of [1, 2, 3]) {
        const r = await sql<{ x: number }>`/* prepared: test.twice */ select ${v}::int * 2 as x`.execute(trx);
        expect(r.rows[0]!.x).toBe(v * 2);
      }
      return (await sql<{ name: string }>`select name from pg_prepared_statements`.execute(trx)).rows.map((r) => r.name);
    });
    expect(names.includes('test.twice')).toBe(h.kind === 'postgres');
    // pg-boss's path (pool.query with a callback underneath) on the same clients still answers
    expect((await h.executeSql('select $1::int + 1 as y', [41])).rows[0].y).toBe(42);
  });
});

/** The hourly job's ANALYZE of the whole database works on both drivers (PGlite has no autovacuum). */
describe(`planner statistics (${process.env.TEST_DATABASE_URL ? 'PostgreSQL server' : 'PGlite'})`, () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await openTestDatabase();
  });
  afterAll(() => h.close());

  it('after refreshStatistics the planner counts the rows just written', async () => {
    await h.db
      .insertInto('org_node')
      .values(Array.from({ length: 40 }, (_, i) => ({ kind: 'street' as const, name: `统计街道${i}`, parent_id: null })))
      .execute();
    const counts = async () =>
      (
        await sql<{ planned: number; real: number }>`
          select c.reltuples::int as planned, (select count(*)::int from org_node) as real from pg_class c where c.relname = 'org_node'`.execute(
          h.db,
        )
      ).rows[0]!;
    expect((await counts()).planned).not.toBe((await counts()).real);
    await refreshStatistics(h.db);
    const after = await counts();
    expect(after.planned).toBe(after.real);
  });
});
