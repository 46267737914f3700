import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from './connect.js';
import { migrateToLatest } from './migrate.js';

/**
 * PGlite is a single connection. kysely-pglite 0.6.1 lost writes made while another request's
 * transaction rolled back; our dialect lends the connection to one transaction at a time.
 */
describe('PGlite dialect serializes transactions', () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await openDatabase({ memory: true });
    await migrateToLatest(h.db);
  });
  afterAll(() => h.close());

  it('keeps every committed write while a concurrent transaction rolls back', async () => {
    const writers = Array.from({ length: 20 }, (_, i) =>
      h.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('app_setting')
          .values({ key: `ok-${i}`, value: JSON.stringify(i) })
          .execute();
        await sleep(Math.random() * 5); // yield mid-transaction, as a request awaiting I/O would
        await trx
          .insertInto('app_setting')
          .values({ key: `ok-${i}-b`, value: JSON.stringify(i) })
          .execute();
      }),
    );
    const failing = Array.from({ length: 5 }, (_, i) =>
      h.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('app_setting')
          .values({ key: `bad-${i}`, value: null })
          .execute();
        await sleep(2);
        throw new Error('rollback on purpose');
      }),
    );
    // Plain queries outside any transaction interleave with both.
    const readers = Array.from({ length: 10 }, () => sql`select 1`.execute(h.db));
    const results = await Promise.allSettled([...writers, ...failing, ...readers]);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(5);
    const rows = await h.db.selectFrom('app_setting').select('key').execute();
    const keys = new Set(rows.map((r) => r.key));
    for (let i = 0; i < 20; i++) {
      expect(keys.has(`ok-${i}`)).toBe(true);
      expect(keys.has(`ok-${i}-b`)).toBe(true);
    }
    for (let i = 0; i < 5; i++) expect(keys.has(`bad-${i}`)).toBe(false);
  });

  it('a failed statement inside a transaction leaves the connection usable for others', async () => {
    await expect(
      h.db.transaction().execute(async (trx) => {
        await sql`select * from no_such_table`.execute(trx);
      }),
    ).rejects.toThrow();
    const r = await sql<{ n: number }>`select 41 + 1 as n`.execute(h.db);
    expect(r.rows[0]!.n).toBe(42);
  });
});
