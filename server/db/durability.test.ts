import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { durability, openDatabase } from './connect.js';

/**
 * Issue 20: the embedded database is durable — PostgreSQL inside PGlite runs with fsync on and its
 * syncs reach the disk (fs.fsyncSync), so a commit is on the disk when it returns.
 */
describe('durable embedded database', () => {
  it('fsync is on, and every commit syncs its WAL to the disk before it returns', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-durable-'));
    const h = await openDatabase({ dataDir: dir });
    try {
      const settings = await sql<{ name: string; setting: string }>`
        select name, setting from pg_settings where name in ('fsync', 'wal_sync_method', 'synchronous_commit') order by name`.execute(h.db);
      expect(settings.rows).toEqual([
        { name: 'fsync', setting: 'on' },
        { name: 'synchronous_commit', setting: 'on' },
        { name: 'wal_sync_method', setting: 'fsync' },
      ]);
      await sql`create table probe (n int)`.execute(h.db);
      for (let i = 0; i < 5; i++) {
        const before = durability.fsyncs;
        await sql`insert into probe values (${i})`.execute(h.db);
        expect(durability.fsyncs - before, `commit ${i}`).toBeGreaterThanOrEqual(1);
      }
    } finally {
      await h.close();
    }
    const again = await openDatabase({ dataDir: dir });
    expect((await sql<{ n: number }>`select count(*)::int as n from probe`.execute(again.db)).rows[0]!.n).toBe(5);
    await again.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('PGLITE_FSYNC=off (benchmarks, throwaway folders): no sync at all', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-volatile-'));
    const h = await openDatabase({ dataDir: dir, fsync: false });
    try {
      await sql`create table probe (n int)`.execute(h.db);
      const before = durability.fsyncs;
      await sql`insert into probe values (1)`.execute(h.db);
      expect(durability.fsyncs).toBe(before);
      expect((await sql<{ setting: string }>`select setting from pg_settings where name = 'fsync'`.execute(h.db)).rows[0]!.setting).toBe(
        'off',
      );
    } finally {
      await h.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
