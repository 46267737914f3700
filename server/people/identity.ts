import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { recordAudit } from '../audit/record.js';
import type { Db } from '../db/connect.js';
import { inTransaction } from '../db/transaction.js';
import type { ActionContext } from '../http/context.js';
import { maskIdNumber } from '../../core/identity.js';

/**
 * How ID numbers are kept (issue 3): a keyed hash to match a person (import dedup, owner
 * verification) without storing the number in the clear, and AES-256-GCM ciphertext for the
 * street admin's audited full view.
 *
 * The key (issue 20) never lives in the database it protects: REGISTRY_KEY (64 hex characters), or
 * a key generated once into `DATA_DIR/registry-key` (mode 600; back it up apart from the database).
 * A key kept in app_setting by an older version is moved out to that file. The database keeps only
 * a check value of the key: starting with another key is refused with a clear message (it would
 * silently break ID reveal, owner verification and duplicate detection), and the key can be changed
 * only by rotation (`npx gongzhi rotate-registry-key`), which re-encrypts every ID number.
 */
export interface IdentityKeys {
  hash(idNumber: string): string;
  encrypt(idNumber: string): string;
  decrypt(cipher: string): string;
}

export class RegistryKeyError extends Error {}

const cache = new WeakMap<object, Promise<IdentityKeys>>();
/** Keys for databases without a data folder (tests in memory): generated per database, kept in memory. */
const memoryKeys = new WeakMap<object, Buffer>();

let source: { dataDir: string | null; envKey: string | undefined } = { dataDir: null, envKey: undefined };

/** Where the key comes from: main and the command line call this first (tests run without). */
export function configureRegistryKey(o: { dataDir: string | null; envKey: string | undefined }) {
  source = o;
}

export const KEY_FILE = 'registry-key';
const CHECK_KEY = 'registry_key_check';
const LEGACY_KEY = 'registry_key';

/**
 * The keys of this database. Call it with the database handle BEFORE opening a transaction: on
 * PGlite the one connection is lent to a transaction, so a query outside it would wait forever.
 */
export function identityKeys(db: Db): Promise<IdentityKeys> {
  let p = cache.get(db);
  if (!p) {
    p = loadKeys(db);
    cache.set(db, p);
    p.catch(() => cache.delete(db));
  }
  return p;
}

/** The check value of the key configured (REGISTRY_KEY or the key file), or null when there is none yet. */
export function configuredKeyCheck(): string | null {
  const env = source.envKey ?? process.env.REGISTRY_KEY;
  if (env) return /^[0-9a-f]{64}$/i.test(env) ? keyCheckValue(Buffer.from(env, 'hex')) : null;
  const file = keyFile();
  const secret = file ? readKeyFile(file) : null;
  return secret ? keyCheckValue(secret) : null;
}

/** Forgets the keys loaded for a database: the next use loads and checks them again (as a restart does). */
export function forgetIdentityKeys(db: Db) {
  cache.delete(db);
}

/** A value that tells a key without revealing it. */
export const keyCheckValue = (secret: Buffer) => crypto.createHmac('sha256', secret).update('gongzhi:key-check').digest('hex').slice(0, 32);

const keyFile = () => (source.dataDir ? path.join(source.dataDir, KEY_FILE) : null);

function readKeyFile(file: string): Buffer | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
  if (!/^[0-9a-f]{64}$/i.test(text)) throw new RegistryKeyError(`密钥文件 ${file} 内容不是 64 位十六进制密钥，请恢复该文件的备份`);
  return Buffer.from(text, 'hex');
}

/** Writes a key file only if none is there (the first instance wins); returns what is there then. */
function writeKeyFile(file: string, secret: Buffer): Buffer {
  try {
    fs.writeFileSync(file, secret.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return readKeyFile(file)!;
}

type Origin = 'env' | 'file' | 'memory';

async function currentSecret(db: Db): Promise<{ secret: Buffer; origin: Origin }> {
  const env = source.envKey ?? process.env.REGISTRY_KEY;
  if (env) {
    if (!/^[0-9a-f]{64}$/i.test(env)) throw new RegistryKeyError('REGISTRY_KEY 必须是 64 位十六进制字符（如 openssl rand -hex 32 的输出）');
    return { secret: Buffer.from(env, 'hex'), origin: 'env' };
  }
  const legacy = await db.selectFrom('app_setting').select('value').where('key', '=', LEGACY_KEY).executeTakeFirst();
  const file = keyFile();
  if (file) {
    const existing = readKeyFile(file);
    if (existing) return { secret: existing, origin: 'file' };
    const secret = legacy ? Buffer.from(legacy.value as string, 'hex') : crypto.randomBytes(32);
    return { secret: writeKeyFile(file, secret), origin: 'file' };
  }
  let secret = memoryKeys.get(db);
  if (!secret) memoryKeys.set(db, (secret = legacy ? Buffer.from(legacy.value as string, 'hex') : crypto.randomBytes(32)));
  return { secret, origin: 'memory' };
}

function mismatch(stored: string, actual: string, origin: Origin): RegistryKeyError {
  const where = origin === 'env' ? '环境变量 REGISTRY_KEY' : origin === 'file' ? `密钥文件 ${keyFile()}` : '内存中的密钥';
  return new RegistryKeyError(
    `身份证号加密密钥与数据库不符：数据库中的身份证号是用另一把密钥加密的（校验值 ${stored.slice(0, 8)}），` +
      `当前使用的是${where}（校验值 ${actual.slice(0, 8)}）。用它继续会使身份证号无法查看、业主核验失败并产生重复人员，已拒绝启动。` +
      `请改用原来的密钥：设置 REGISTRY_KEY，或把备份的 ${KEY_FILE} 文件放回数据目录；更换密钥请用 npx gongzhi rotate-registry-key。`,
  );
}

async function loadKeys(db: Db): Promise<IdentityKeys> {
  const current = await currentSecret(db);
  const origin = current.origin;
  let secret = current.secret;
  let check = keyCheckValue(secret);
  const stored = await db.selectFrom('app_setting').select('value').where('key', '=', CHECK_KEY).executeTakeFirst();
  if (stored && (stored.value as { kcv: string }).kcv !== check) {
    // a rotation that committed but did not get to put its new key file in place
    const file = keyFile();
    const pending = file && origin === 'file' ? readKeyFile(`${file}.new`) : null;
    if (!pending || keyCheckValue(pending) !== (stored.value as { kcv: string }).kcv)
      throw mismatch((stored.value as { kcv: string }).kcv, check, origin);
    fs.renameSync(`${file}.new`, file!);
    secret = pending;
    check = keyCheckValue(secret);
  }
  const keys = keysOf(secret);
  if (!stored) {
    // No check value yet (a new database, or one from before issue 20): the key must open what is stored.
    const sample = await db.selectFrom('person').select('id_cipher').where('id_cipher', 'is not', null).limit(1).executeTakeFirst();
    if (sample) {
      try {
        keys.decrypt(sample.id_cipher!);
      } catch {
        throw mismatch('未记录', check, origin);
      }
    }
    await db
      .insertInto('app_setting')
      .values({ key: CHECK_KEY, value: JSON.stringify({ kcv: check, since: new Date().toISOString() }) })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const now = await db.selectFrom('app_setting').select('value').where('key', '=', CHECK_KEY).executeTakeFirstOrThrow();
    if ((now.value as { kcv: string }).kcv !== check) throw mismatch((now.value as { kcv: string }).kcv, check, origin);
  }
  // The key is outside the database now (file or environment): an old copy inside it goes.
  if (origin !== 'memory') await db.deleteFrom('app_setting').where('key', '=', LEGACY_KEY).execute();
  return keys;
}

/** The keys a secret gives (the hash key and the encryption key are derived from it). */
export function keysOf(secret: Buffer): IdentityKeys {
  const hmacKey = crypto.createHmac('sha256', secret).update('gongzhi:id-hash').digest();
  const encKey = crypto.createHmac('sha256', secret).update('gongzhi:id-encrypt').digest();
  return {
    hash: (idNumber) => crypto.createHmac('sha256', hmacKey).update(idNumber).digest('base64url'),
    encrypt(idNumber) {
      const iv = crypto.randomBytes(12);
      const c = crypto.createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([c.update(idNumber, 'utf8'), c.final()]);
      return [iv, c.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
    },
    decrypt(cipher) {
      const [iv, tag, body] = cipher.split('.').map((s) => Buffer.from(s, 'base64url'));
      const d = crypto.createDecipheriv('aes-256-gcm', encKey, iv!);
      d.setAuthTag(tag!);
      return Buffer.concat([d.update(body!), d.final()]).toString('utf8');
    },
  };
}

/**
 * Re-encrypts every ID number under a new key (given, or generated), in one transaction with its
 * audit entry, and moves the check value to it. With a key file, the new key is written beside it
 * first (registry-key.new) and put in its place once the data is committed — a crash in between is
 * finished at the next start. With REGISTRY_KEY, the caller prints the new key for the operator to
 * set on every instance before they start again.
 */
export async function rotateRegistryKey(db: Db, newKeyHex?: string): Promise<{ rotated: number; newKey: string; origin: Origin }> {
  const old = await identityKeys(db);
  const { origin } = await currentSecret(db);
  if (newKeyHex !== undefined && !/^[0-9a-f]{64}$/i.test(newKeyHex)) throw new RegistryKeyError('新密钥必须是 64 位十六进制字符');
  const secret = newKeyHex ? Buffer.from(newKeyHex, 'hex') : crypto.randomBytes(32);
  const fresh = keysOf(secret);
  const file = keyFile();
  if (origin === 'file') fs.writeFileSync(`${file}.new`, secret.toString('hex') + '\n', { mode: 0o600 });
  const ctx: ActionContext = { db, actor: null, requestId: 'cli:rotate-registry-key', ip: null };
  const rotated = await inTransaction(db, async (trx) => {
    const rows = await trx
      .selectFrom('person')
      .select(['id', 'id_cipher'])
      .where('id_cipher', 'is not', null)
      .orderBy('id')
      .forUpdate()
      .execute();
    for (let i = 0; i < rows.length; i += 1000) {
      const part = rows.slice(i, i + 1000);
      const plain = part.map((r) => old.decrypt(r.id_cipher!));
      await sql`update person p set id_hash = v.h, id_cipher = v.c
        from unnest(${part.map((r) => r.id)}::int[], ${plain.map((t) => fresh.hash(t))}::text[], ${plain.map((t) => fresh.encrypt(t))}::text[]) as v(id, h, c)
        where p.id = v.id`.execute(trx);
    }
    const value = JSON.stringify({ kcv: keyCheckValue(secret), since: new Date().toISOString() });
    await trx.updateTable('app_setting').set({ value }).where('key', '=', CHECK_KEY).execute();
    await recordAudit(trx, ctx, {
      action: 'registry.rotateKey',
      entityType: 'app_setting',
      entityId: CHECK_KEY,
      nodeId: null,
      after: { reencrypted: rows.length, check: keyCheckValue(secret).slice(0, 8) },
    });
    return rows.length;
  });
  if (origin === 'file') fs.renameSync(`${file}.new`, file!);
  if (origin === 'memory') memoryKeys.set(db, secret);
  cache.delete(db);
  if (origin === 'env') source = { ...source, envKey: secret.toString('hex') };
  return { rotated, newKey: secret.toString('hex'), origin };
}

/** The three stored forms of a validated ID number. */
export function protectIdNumber(keys: IdentityKeys, idNumber: string) {
  return { id_hash: keys.hash(idNumber), id_cipher: keys.encrypt(idNumber), id_masked: maskIdNumber(idNumber) };
}
