import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from './audit/verify.js';
import { seedCalendarFromPackage } from './calendar/store.js';
import type { Db } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { ensureDemoData } from './demo/load-demo.js';
import { openTestDatabase } from './test/harness.js';

/** What main.ts does before it listens, in the same order. */
async function firstStart(db: Db) {
  await migrateToLatest(db);
  const years = await seedCalendarFromPackage(db);
  const demo = await ensureDemoData(db);
  return { years, demo };
}

/**
 * Issue 20: two instances started together on an empty database — one crashed on calendar_year_pkey.
 * Three starts race on one database (on PostgreSQL through a pool of 8 connections, truly at once):
 * every one succeeds, the calendar is seeded once, the demo street loaded once, the audit chain whole.
 */
describe(`race-free first start on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('three instances starting at once on an empty database all come up; everything is written once', async () => {
    const h = await openTestDatabase({ migrate: false });
    try {
      const results = await Promise.allSettled([firstStart(h.db), firstStart(h.db), firstStart(h.db)]);
      expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(['ok', 'ok', 'ok']);
      const ok = results.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof firstStart>>>).value);
      // the calendar years: seeded by exactly one start, each year once
      const seeded = ok.filter((r) => r.years.length > 0);
      expect(seeded).toHaveLength(1);
      const years = await h.db.selectFrom('calendar_year').select('year').execute();
      expect(years.length).toBe(seeded[0]!.years.length);
      // the demo: loaded by exactly one, one district in the database
      expect(ok.filter((r) => r.demo.loaded)).toHaveLength(1);
      const districts = await h.db.selectFrom('org_node').select('id').where('kind', '=', 'district').execute();
      expect(districts).toHaveLength(1);
      expect((await verifyAuditChain(h.db)).ok).toBe(true);
      // a later start changes nothing
      const again = await firstStart(h.db);
      expect(again.years).toEqual([]);
      expect(again.demo).toEqual({ loaded: false, present: true });
    } finally {
      await h.close();
    }
  });
});
