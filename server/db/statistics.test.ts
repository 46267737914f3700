import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStreet, type TestStreet } from '../test/factories.js';
import { createTestApp, type TestApp } from '../test/harness.js';
import { GrowthWatch } from './statistics.js';

/** The planner's row count of `person` against the real one. */
const counts = async (t: TestApp) =>
  (
    await sql<{ planned: number; real: number }>`
      select c.reltuples::int as planned, (select count(*)::int from person) as real from pg_class c where c.relname = 'person'`.execute(
      t.db,
    )
  ).rows[0]!;

/** Waits for the background ANALYZE: the planner's count catches up with the real one. */
async function caughtUp(t: TestApp) {
  for (let i = 0; i < 100; i++) {
    const c = await counts(t);
    if (c.planned === c.real) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

describe('statistics of a table that grows by small writes (GrowthWatch)', () => {
  let t: TestApp;
  let s: TestStreet;
  let n = 0;
  const addPersons = async (k: number) => {
    for (let i = 0; i < k; i++)
      await t.db
        .insertInto('person')
        .values({ street_id: s.street, node_id: s.communities[0]!.estates[0]!.id, name: `增长${n++}` })
        .execute();
  };

  beforeAll(async () => {
    t = await createTestApp();
    s = await makeStreet(t.db, 'Growth');
  });
  afterAll(() => t.close());

  it('analyzes when the rows written reach the floor, then each time they double, and not before', async () => {
    const watch = new GrowthWatch(t.db, ['person'], 10);
    const write = async (k: number) => {
      await addPersons(k);
      watch.wrote(k);
    };
    /** After a pause, the planner still misses exactly the `k` rows written since the last ANALYZE. */
    const behindBy = async (k: number) => {
      await new Promise((r) => setTimeout(r, 300));
      const c = await counts(t);
      return c.real - c.planned === k;
    };
    await write(9); // 9 < the floor of 10: nothing runs (what the planner knew before is whatever it was)
    await new Promise((r) => setTimeout(r, 300));
    const first = await counts(t);
    expect(first.planned).not.toBe(first.real);
    await write(1);
    expect(await caughtUp(t)).toBe(true);
    await write(9); // 10 known: the next run waits for 10 more
    expect(await behindBy(9)).toBe(true);
    await write(1);
    expect(await caughtUp(t)).toBe(true);
    await write(15); // 20 known: 15 more are not enough, 20 are
    expect(await behindBy(15)).toBe(true);
    await write(5);
    expect(await caughtUp(t)).toBe(true);
  });
});
