import PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../db/connect.js';
import { openTestDatabase } from '../test/harness.js';

/** pg-boss runs on the embedded database too, through the serialized connection. */
describe(`pg-boss on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let h: DbHandle;
  let boss: PgBoss;
  beforeAll(async () => {
    h = await openTestDatabase();
    boss = new PgBoss({ db: { executeSql: h.executeSql }, schema: 'pgboss', migrate: true, supervise: false, schedule: false });
    await boss.start();
  });
  afterAll(async () => {
    await boss.stop({ graceful: false, wait: true });
    await h.close();
  });

  it('a job sent is claimed and run exactly once, even with two workers polling', async () => {
    await boss.createQueue('once');
    const seen: string[] = [];
    const handler = async ([job]: PgBoss.Job<{ n: number }>[]) => void seen.push(job!.id);
    await boss.work('once', { pollingIntervalSeconds: 0.5 }, handler);
    await boss.work('once', { pollingIntervalSeconds: 0.5 }, handler);
    const ids = await Promise.all([1, 2, 3].map((n) => boss.send('once', { n })));
    const deadline = Date.now() + 15_000;
    while (seen.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    await new Promise((r) => setTimeout(r, 1200));
    expect(seen.sort()).toEqual([...ids].sort());
  });
});
