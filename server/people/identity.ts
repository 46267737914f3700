import crypto from 'node:crypto';
import type { Db } from '../db/connect.js';
import { maskIdNumber } from '../../core/identity.js';

/**
 * How ID numbers are kept (issue 3): a keyed hash to match a person (import dedup, owner
 * verification) without storing the number in the clear, and AES-256-GCM ciphertext for the
 * street admin's audited full view. The key comes from REGISTRY_KEY (64 hex characters) or is
 * generated once and kept in app_setting.
 */
export interface IdentityKeys {
  hash(idNumber: string): string;
  encrypt(idNumber: string): string;
  decrypt(cipher: string): string;
}

const cache = new WeakMap<object, Promise<IdentityKeys>>();

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

async function loadKeys(db: Db): Promise<IdentityKeys> {
  let secret: Buffer;
  const fromEnv = process.env.REGISTRY_KEY;
  if (fromEnv && /^[0-9a-f]{64}$/i.test(fromEnv)) secret = Buffer.from(fromEnv, 'hex');
  else {
    const fresh = crypto.randomBytes(32).toString('hex');
    // First writer wins; every instance then reads the same key.
    await db
      .insertInto('app_setting')
      .values({ key: 'registry_key', value: JSON.stringify(fresh) })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const row = await db.selectFrom('app_setting').select('value').where('key', '=', 'registry_key').executeTakeFirstOrThrow();
    secret = Buffer.from(row.value as string, 'hex');
  }
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

/** The three stored forms of a validated ID number. */
export function protectIdNumber(keys: IdentityKeys, idNumber: string) {
  return { id_hash: keys.hash(idNumber), id_cipher: keys.encrypt(idNumber), id_masked: maskIdNumber(idNumber) };
}
