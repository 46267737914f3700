import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareNatural, naturalKey } from '../../core/ordering.js';
import { openTestDatabase } from '../test/harness.js';
import type { DbHandle } from '../db/connect.js';
import { naturalOrder } from './natural-order.js';

/** Issue 13: the database orders names as core does (10号楼 after 2号楼, never before 1号楼). */
describe('natural order in SQL', () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await openTestDatabase();
  });
  afterAll(() => h.close());

  const names = [
    '10号楼',
    '1号楼',
    '2号楼',
    'B座',
    'A座',
    '1单元',
    '12单元',
    '2单元',
    '1101',
    '201',
    '101',
    '3-1-101',
    '10-1-101',
    '',
    '号楼',
  ];

  it('the SQL key is core naturalKey, and ORDER BY gives compareNatural order', async () => {
    const rows = await sql<{ name: string; key: string }>`
      select v.name, ${naturalOrder(sql.ref('v.name'))} as key
      from unnest(${names}::text[]) as v(name)
      order by ${naturalOrder(sql.ref('v.name'))}, v.name collate "C"`.execute(h.db);
    for (const r of rows.rows) expect(r.key, r.name).toBe(naturalKey(r.name));
    expect(rows.rows.map((r) => r.name)).toEqual([...names].sort(compareNatural));
    expect(rows.rows.map((r) => r.name).filter((n) => n.endsWith('号楼'))).toEqual(['1号楼', '2号楼', '10号楼', '号楼']);
  });
});
