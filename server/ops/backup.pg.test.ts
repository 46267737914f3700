import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedCalendarFromPackage } from '../calendar/store.js';
import { runCli } from '../cli.js';
import { openDatabase, type DbHandle } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { ensureDemoData } from '../demo/load-demo.js';
import { configureRegistryKey, forgetIdentityKeys } from '../people/identity.js';

/**
 * Issue 20 §2 on a PostgreSQL server: `npx gongzhi backup FILE` writes pg_dump's custom format;
 * `npx gongzhi restore FILE` into an empty database verifies the audit chain and recounts every
 * published decision into the tally file that was published; a non-empty database is refused, and a
 * backup whose ballots no longer give the published count fails the check. PostgreSQL lane only
 * (TEST_DATABASE_URL); the embedded mode is tested in backup.test.ts.
 */
const SERVER = process.env.TEST_DATABASE_URL;

describe('backup and restore on a PostgreSQL server (pg_dump format)', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-backup-pg-'));
  const file = path.join(root, 'street.dump');
  const KEY = crypto.randomBytes(32).toString('hex');
  const prefix = `gz_test_bak_${crypto.randomBytes(4).toString('hex')}`;
  const created: string[] = [];
  const urlOf = (name: string) => {
    const u = new URL(SERVER!);
    u.pathname = `/${name}`;
    return u.toString();
  };
  async function createDb(suffix: string) {
    const name = `${prefix}_${suffix}`;
    const c = new pg.Client({ connectionString: SERVER });
    await c.connect();
    await c.query(`create database ${name}`);
    await c.end();
    created.push(name);
    return urlOf(name);
  }
  const cli = (command: string, databaseUrl: string, f = file) =>
    runCli([command, f], { DATABASE_URL: databaseUrl, REGISTRY_KEY: KEY, DATA_DIR: root });
  function capture() {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((m: string) => void out.push(m));
    vi.spyOn(console, 'error').mockImplementation((m: string) => void err.push(m));
    return { out: () => out.join('\n'), err: () => err.join('\n') };
  }
  const counts = async (h: DbHandle) => {
    const n = async (t: string) => (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t)}`.execute(h.db)).rows[0]!.n;
    return {
      person: await n('person'),
      audit: await n('audit_entry'),
      ballot: await n('ballot'),
      unit: await n('unit'),
      account: await n('account'),
      decision: await n('decision'),
    };
  };
  async function withDb<T>(url: string, fn: (h: DbHandle) => Promise<T>): Promise<T> {
    const h = await openDatabase({ databaseUrl: url });
    try {
      return await fn(h);
    } finally {
      await h.close();
    }
  }

  let A: string;
  let original: Awaited<ReturnType<typeof counts>>;
  let published = 0;
  beforeAll(async () => {
    configureRegistryKey({ dataDir: root, envKey: KEY });
    A = await createDb('a');
    await withDb(A, async (h) => {
      forgetIdentityKeys(h.db);
      await migrateToLatest(h.db);
      await seedCalendarFromPackage(h.db);
      expect((await ensureDemoData(h.db)).loaded).toBe(true);
      published = (await sql<{ n: number }>`select count(*)::int as n from decision where state = 'published'`.execute(h.db)).rows[0]!.n;
      original = await counts(h);
    });
    expect(published).toBeGreaterThan(0);
    expect(original.ballot).toBeGreaterThan(0);
  }, 180_000);
  afterEach(() => vi.restoreAllMocks());
  afterAll(async () => {
    configureRegistryKey({ dataDir: null, envKey: undefined });
    const c = new pg.Client({ connectionString: SERVER });
    await c.connect();
    for (const name of created) await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('backup writes a pg_dump custom-format file and says which key a restore needs', async () => {
    const c = capture();
    expect(await cli('backup', A), c.err()).toBe(0);
    expect(c.out()).toContain('已用 pg_dump 备份到');
    expect(c.out()).toMatch(/恢复时需要校验值为 [0-9a-f]{8} 的密钥/);
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('PGDMP'); // pg_restore's own format
  }, 120_000);

  it('restore into an empty database: the audit chain verified, every published decision recounted, the data all there', async () => {
    const B = await createDb('b');
    const c = capture();
    expect(await cli('restore', B), c.err()).toBe(0);
    expect(c.out()).toMatch(/审计链完整，共校验 \d+ 条记录/);
    expect(c.out()).toContain(`已公布的表决 ${published} 项，重新计票一致 ${published} 项`);
    vi.restoreAllMocks();
    expect(await withDb(B, counts)).toEqual(original);
  }, 180_000);

  it('a database that is not empty is refused, and left as it was', async () => {
    const c = capture();
    expect(await cli('restore', A)).toBe(2);
    expect(c.err()).toContain('DATABASE_URL 指向的数据库不是空的：请新建一个空数据库（createdb）后恢复');
    vi.restoreAllMocks();
    expect(await withDb(A, counts)).toEqual(original);
  }, 60_000);

  it('a backup whose ballots no longer give the published count fails the recount (exit 1), naming the decision', async () => {
    // one counted ballot of a published decision changed behind the application's back, then backed up
    const tampered = path.join(root, 'tampered.dump');
    const decisionId = await withDb(A, async (h) => {
      const b = await sql<{ id: number; decision_id: number; choice: string }>`
        select b.id, b.decision_id, b.choice from ballot b join decision d on d.id = b.decision_id
        where d.state = 'published' and b.choice in ('yes', 'no') order by b.id limit 1`.execute(h.db);
      const row = b.rows[0]!;
      await sql`update ballot set choice = ${row.choice === 'yes' ? 'no' : 'yes'} where id = ${row.id}`.execute(h.db);
      return row.decision_id;
    });
    expect(await cli('backup', A, tampered)).toBe(0);
    const C = await createDb('c');
    const c = capture();
    expect(await cli('restore', C, tampered)).toBe(1);
    expect(c.out()).toMatch(new RegExp(`表决 ${decisionId}「[^」]+」：按表决票重新生成的计票文件与已公布的不同`));
    expect(c.out()).toContain(`重新计票一致 ${published - 1} 项`);
  }, 180_000);
});
