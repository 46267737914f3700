import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { seedCalendarFromPackage } from '../calendar/store.js';
import { runCli } from '../cli.js';
import { openDatabase, type DbHandle } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { ensureDemoData } from '../demo/load-demo.js';
import { configureRegistryKey, forgetIdentityKeys } from '../people/identity.js';
import { serveControlSocket } from './backup.js';

/**
 * Issue 20: `npx gongzhi backup FILE` of the embedded database while it serves (asked over the control
 * socket), and with the server stopped; `npx gongzhi restore FILE` into an empty folder, refused
 * without the key the backup needs, then verifying the audit chain and recounting every published
 * decision; the restored database holds what the original did.
 */
describe('backup and restore of the embedded database', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-backup-'));
  const A = path.join(root, 'a');
  const file = path.join(root, 'street.gzbak');
  afterEach(() => {
    vi.restoreAllMocks();
    configureRegistryKey({ dataDir: null, envKey: undefined });
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

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
    };
  };

  let original: Awaited<ReturnType<typeof counts>>;
  let published = 0;

  it('a hot backup while the app serves and writes, written by the running server', async () => {
    configureRegistryKey({ dataDir: A, envKey: undefined });
    const h = await openDatabase({ dataDir: A, fsync: false });
    forgetIdentityKeys(h.db);
    await migrateToLatest(h.db);
    await seedCalendarFromPackage(h.db);
    expect((await ensureDemoData(h.db)).loaded).toBe(true);
    published = (await sql<{ n: number }>`select count(*)::int as n from decision where state = 'published'`.execute(h.db)).rows[0]!.n;
    expect(published).toBeGreaterThan(0);
    const stop = await serveControlSocket(A, h, () => {});
    try {
      const c = capture();
      // the app goes on writing while the backup is taken
      let writes = 0;
      let busy = true;
      const writer = (async () => {
        while (busy) {
          await h.db
            .insertInto('app_setting')
            .values({ key: `probe-${writes}`, value: '1' })
            .execute();
          writes++;
          await new Promise((r) => setImmediate(r)); // as requests arrive: between them the loop serves I/O
        }
      })();
      const code = await runCli(['backup', file], { DATA_DIR: A });
      busy = false;
      await writer;
      expect(code, c.err()).toBe(0);
      expect(c.out()).toContain('由运行中的服务写入');
      expect(c.out()).toMatch(/备份不含身份证号加密密钥：恢复时需要校验值为 [0-9a-f]{8} 的密钥/);
      expect(writes).toBeGreaterThan(0);
      // what was committed before the last write is in the backup; the app kept serving
      await h.db.deleteFrom('app_setting').where('key', 'like', 'probe-%').execute();
      original = await counts(h);
    } finally {
      stop();
      await h.close();
    }
    expect(fs.readFileSync(file).subarray(0, 16).toString()).toBe('GONGZHI-BACKUP 1');
  }, 120_000);

  it('with the server stopped, the command opens the folder itself', async () => {
    const c = capture();
    expect(await runCli(['backup', path.join(root, 'cold.gzbak')], { DATA_DIR: A }), c.err()).toBe(0);
    expect(c.out()).not.toContain('由运行中的服务写入');
  }, 60_000);

  it('restore refuses without the key the backup needs, and into a folder that has a database', async () => {
    const B = path.join(root, 'b');
    const c = capture();
    expect(await runCli(['restore', file], { DATA_DIR: B })).toBe(2);
    expect(c.err()).toMatch(/该备份的身份证号是用校验值为 [0-9a-f]{8} 的密钥加密的，当前没有密钥。请先把原来的 registry-key 文件放入/);
    expect(fs.existsSync(path.join(B, 'pgdata'))).toBe(false);
    expect(await runCli(['restore', file], { DATA_DIR: A })).toBe(2);
    expect(c.err()).toContain('中已有数据库：请恢复到一个空的数据目录');
  });

  it('restore into an empty folder: the audit chain verified, every published decision recounted to its published result, the data all there', async () => {
    const C = path.join(root, 'c');
    fs.mkdirSync(C);
    fs.copyFileSync(path.join(A, 'registry-key'), path.join(C, 'registry-key')); // the key, kept apart
    const c = capture();
    expect(await runCli(['restore', file], { DATA_DIR: C }), c.err()).toBe(0);
    expect(c.out()).toMatch(/审计链完整，共校验 \d+ 条记录/);
    expect(c.out()).toContain(`已公布的表决 ${published} 项，重新计票一致 ${published} 项`);
    vi.restoreAllMocks();
    const h = await openDatabase({ dataDir: C, fsync: false });
    try {
      expect(await counts(h)).toEqual(original);
    } finally {
      await h.close();
    }
  }, 120_000);
});
