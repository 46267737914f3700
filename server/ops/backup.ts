import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { sql } from 'kysely';
import { verifyAuditChain } from '../audit/verify.js';
import type { Db, DbHandle } from '../db/connect.js';
import { DECISION_COLUMNS, ddb } from '../decisions/tables.js';
import { computeResult } from '../decisions/tally.js';

/**
 * Backup and restore (issue 20).
 *
 * Embedded database: the backup file is one line naming the format, one line of JSON (the manifest:
 * when, which migrations, the registry key's check value, the audit chain's head), then the data
 * folder as PGlite's gzipped tarball, taken between two transactions — consistent, and while the app
 * serves: a running server is asked over `DATA_DIR/control.sock` (a Unix socket only its user can
 * open) to write it; with the server stopped the command opens the folder itself.
 * PostgreSQL server: the file is pg_dump's custom format (`pg_restore` reads it too).
 * Neither contains the registry key: it is kept apart (`DATA_DIR/registry-key` or REGISTRY_KEY).
 */
export const MAGIC = 'GONGZHI-BACKUP 1';
export const CONTROL_SOCKET = 'control.sock';

export interface Manifest {
  format: 'gongzhi-backup';
  kind: 'pglite';
  createdAt: string;
  migrations: string[];
  /** the check value of the registry key the ID numbers are encrypted with */
  keyCheck: string | null;
  auditHead: { id: number; hash: string } | null;
}

async function manifestOf(db: Db): Promise<Manifest> {
  const migrations = (await sql<{ name: string }>`select name from schema_migration order by name`.execute(db)).rows.map((r) => r.name);
  const setting = async (key: string) =>
    (await db.selectFrom('app_setting').select('value').where('key', '=', key).executeTakeFirst())?.value;
  return {
    format: 'gongzhi-backup',
    kind: 'pglite',
    createdAt: new Date().toISOString(),
    migrations,
    keyCheck: ((await setting('registry_key_check')) as { kcv: string } | undefined)?.kcv ?? null,
    auditHead: ((await setting('audit_head')) as Manifest['auditHead'] | undefined) ?? null,
  };
}

/** Writes the embedded database to `file` (a temporary name first, renamed when complete). */
export async function writeEmbeddedBackup(handle: DbHandle, file: string): Promise<{ bytes: number; manifest: Manifest }> {
  if (!handle.dumpDataDir) throw new Error('只有内嵌数据库可以这样备份');
  const manifest = await manifestOf(handle.db);
  const tarball = await handle.dumpDataDir();
  const tmp = `${file}.partial-${process.pid}`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, `${MAGIC}\n${JSON.stringify(manifest)}\n`);
    fs.writeSync(fd, tarball);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  return { bytes: fs.statSync(file).size, manifest };
}

export function readEmbeddedBackup(file: string): { manifest: Manifest; tarball: Buffer } {
  const buf = fs.readFileSync(file);
  const first = buf.indexOf(0x0a);
  const second = first < 0 ? -1 : buf.indexOf(0x0a, first + 1);
  if (first < 0 || second < 0 || buf.subarray(0, first).toString() !== MAGIC)
    throw new Error(`${file} 不是共治内嵌数据库的备份文件（PostgreSQL 服务器的备份请设置 DATABASE_URL 后恢复）`);
  const manifest = JSON.parse(buf.subarray(first + 1, second).toString()) as Manifest;
  return { manifest, tarball: buf.subarray(second + 1) };
}

/**
 * The running server's side: answers `{"backup": FILE}` on DATA_DIR/control.sock with
 * `{"ok":true,"bytes":N}` once the file is written. The socket file is created with mode 600 inside
 * the data folder (and the folder lock is held, so an old socket file is ours to replace).
 */
export async function serveControlSocket(dataDir: string, handle: DbHandle, log: (msg: string) => void): Promise<() => void> {
  const file = path.join(dataDir, CONTROL_SOCKET);
  fs.rmSync(file, { force: true });
  const server = net.createServer((socket) => {
    let input = '';
    socket.setEncoding('utf8');
    socket.on('data', async (chunk) => {
      input += chunk;
      if (!input.includes('\n')) return;
      try {
        const req = JSON.parse(input.slice(0, input.indexOf('\n'))) as { backup?: string };
        if (!req.backup || !path.isAbsolute(req.backup)) throw new Error('备份文件须为绝对路径');
        const r = await writeEmbeddedBackup(handle, req.backup);
        log(`已写入备份 ${req.backup}（${r.bytes} 字节）`);
        socket.end(JSON.stringify({ ok: true, bytes: r.bytes }) + '\n');
      } catch (err) {
        socket.end(JSON.stringify({ ok: false, message: (err as Error).message }) + '\n');
      }
    });
    socket.on('error', () => {});
  });
  const oldUmask = process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(file, resolve);
    });
  } finally {
    process.umask(oldUmask);
  }
  server.unref();
  return () => {
    server.close();
    fs.rmSync(file, { force: true });
  };
}

/** The command line's side: asks a running server for a backup; null when no server answers. */
export async function askRunningServer(dataDir: string, file: string): Promise<{ ok: boolean; bytes?: number; message?: string } | null> {
  const sock = path.join(dataDir, CONTROL_SOCKET);
  if (!fs.existsSync(sock)) return null;
  return new Promise((resolve) => {
    const c = net.createConnection(sock);
    let out = '';
    c.setEncoding('utf8');
    c.on('connect', () => c.write(JSON.stringify({ backup: file }) + '\n'));
    c.on('data', (d) => (out += d));
    c.on('end', () => resolve(out ? JSON.parse(out) : { ok: false, message: '服务没有应答' }));
    c.on('error', () => resolve(null)); // a socket file left by a stopped server
  });
}

/** pg_dump / pg_restore for a PostgreSQL server. */
export function pgDump(databaseUrl: string, file: string): void {
  const r = spawnSync('pg_dump', ['--format=custom', '--no-owner', '--file', file, '--dbname', databaseUrl], { encoding: 'utf8' });
  if (r.error) throw new Error(`无法运行 pg_dump（请安装与服务器同版本或更新的 PostgreSQL 客户端）：${r.error.message}`);
  if (r.status !== 0) throw new Error(`pg_dump 失败：${r.stderr.trim()}`);
}

export function pgRestore(databaseUrl: string, file: string): void {
  const r = spawnSync('pg_restore', ['--no-owner', '--exit-on-error', '--dbname', databaseUrl, file], { encoding: 'utf8' });
  if (r.error) throw new Error(`无法运行 pg_restore（请安装 PostgreSQL 客户端）：${r.error.message}`);
  if (r.status !== 0) throw new Error(`pg_restore 失败：${r.stderr.trim()}`);
}

export interface RestoreCheck {
  audit: { ok: boolean; checked: number; reason: string | null };
  decisions: { id: number; title: string; ok: boolean; reason: string | null }[];
}

/**
 * What a restored database must show: an unbroken audit chain, and every published decision recounted
 * from its ballots into the very tally file that was published (same SHA-256), whose count gives the
 * published outcome.
 */
export async function checkRestored(db: Db): Promise<RestoreCheck> {
  const chain = await verifyAuditChain(db);
  const published = await ddb(db).selectFrom('decision').select(DECISION_COLUMNS).where('state', '=', 'published').orderBy('id').execute();
  const decisions: RestoreCheck['decisions'] = [];
  for (const d of published) {
    const stored = await ddb(db)
      .selectFrom('decision')
      .select(['tally_file', 'tally_sha256', 'result'])
      .where('id', '=', d.id)
      .executeTakeFirstOrThrow();
    const { text, result } = await computeResult(db, d);
    const outcomes = (r: unknown) =>
      JSON.stringify(((r as { motions?: { code: string; outcome: unknown }[] }).motions ?? []).map((m) => [m.code, m.outcome]));
    const reason =
      text !== stored.tally_file
        ? '按表决票重新生成的计票文件与已公布的不同'
        : outcomes(result) !== outcomes(stored.result)
          ? '重新计票的结论与已公布的不同'
          : null;
    decisions.push({ id: d.id, title: d.title, ok: reason === null, reason });
  }
  return { audit: { ok: chain.ok, checked: chain.checked, reason: chain.firstBroken?.reason ?? null }, decisions };
}
