import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from './connect.js';
import { openTestDatabase } from '../test/harness.js';

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
