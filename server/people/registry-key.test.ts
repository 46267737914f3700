import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/verify.js';
import type { DbHandle } from '../db/connect.js';
import { makeStreet } from '../test/factories.js';
import { openTestDatabase } from '../test/harness.js';
import {
  configureRegistryKey,
  forgetIdentityKeys,
  identityKeys,
  keyCheckValue,
  keysOf,
  type IdentityKeys,
  KEY_FILE,
  protectIdNumber,
  RegistryKeyError,
  rotateRegistryKey,
} from './identity.js';

const IDS = ['110101199003070011', '110101198507150010', '11010119900307002X'];

/**
 * Issue 20: the ID-number key lives outside the database (REGISTRY_KEY or DATA_DIR/registry-key);
 * the database keeps a check value; another key is refused with a clear message; rotation
 * re-encrypts every ID number; a key an older version kept in the database is moved out.
 */
describe('the registry key', () => {
  let h: DbHandle;
  let dir: string;
  let street: number;
  let node: number;
  const restart = (o: { envKey?: string } = {}) => {
    configureRegistryKey({ dataDir: dir, envKey: o.envKey });
    forgetIdentityKeys(h.db);
    return identityKeys(h.db);
  };
  const persons = () =>
    h.db.selectFrom('person').select(['id', 'id_hash', 'id_cipher']).where('id_cipher', 'is not', null).orderBy('id').execute();
  const setting = async (key: string) =>
    (await h.db.selectFrom('app_setting').select('value').where('key', '=', key).executeTakeFirst())?.value;

  beforeAll(async () => {
    h = await openTestDatabase();
    const s = await makeStreet(h.db, 'Key');
    street = s.street;
    node = s.communities[0]!.estates[0]!.id;
    // start from a database as an older version left it: no ID numbers yet, no check value
    await h.db.updateTable('person').set({ id_hash: null, id_cipher: null }).execute();
    await h.db.deleteFrom('app_setting').where('key', '=', 'registry_key_check').execute();
  });
  afterAll(() => h.close());
  afterEach(() => configureRegistryKey({ dataDir: null, envKey: undefined }));

  async function addPersons(keys: IdentityKeys) {
    for (const id of IDS)
      await h.db
        .insertInto('person')
        .values({ street_id: street, node_id: node, name: `人员${id.slice(-4)}`, kind: 'natural', ...protectIdNumber(keys, id) })
        .execute();
  }

  it('an older database: the key kept in app_setting is moved out to DATA_DIR/registry-key (mode 600), a check value stays', async () => {
    const legacy = crypto.randomBytes(32).toString('hex');
    await h.db
      .insertInto('app_setting')
      .values({ key: 'registry_key', value: JSON.stringify(legacy) })
      .execute();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-key-'));
    await addPersons(keysOf(Buffer.from(legacy, 'hex'))); // written as before issue 20
    const keys = await restart();
    const file = path.join(dir, KEY_FILE);
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(legacy);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(await setting('registry_key')).toBeUndefined();
    expect(await setting('registry_key_check')).toMatchObject({ kcv: keyCheckValue(Buffer.from(legacy, 'hex')) });
    expect((await persons()).map((p) => keys.decrypt(p.id_cipher!))).toEqual(IDS);
  });

  it('another key is refused with a clear message — by the environment, or a replaced key file — and nothing is changed', async () => {
    const other = crypto.randomBytes(32).toString('hex');
    const before = await persons();
    await expect(restart({ envKey: other })).rejects.toThrow(RegistryKeyError);
    await expect(restart({ envKey: other })).rejects.toThrow(/身份证号加密密钥与数据库不符.*已拒绝启动.*rotate-registry-key/);
    const file = path.join(dir, KEY_FILE);
    const good = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, other);
    await expect(restart()).rejects.toThrow(/密钥文件 .*registry-key/);
    fs.writeFileSync(file, good);
    await expect(restart({ envKey: 'not-hex' })).rejects.toThrow(/64 位十六进制/);
    expect(await persons()).toEqual(before);
    await restart();
  });

  it('a database with ID numbers but no check value refuses a key that cannot open them', async () => {
    const check = await setting('registry_key_check');
    await h.db.deleteFrom('app_setting').where('key', '=', 'registry_key_check').execute();
    await expect(restart({ envKey: crypto.randomBytes(32).toString('hex') })).rejects.toThrow(/不符/);
    expect(await setting('registry_key_check')).toBeUndefined();
    await restart(); // the right key: accepted, the check value written again
    expect((await setting('registry_key_check')) as { kcv: string }).toMatchObject({ kcv: (check as { kcv: string }).kcv });
  });

  it('rotation re-encrypts every ID number under the new key, replaces the key file, is audited; the old key is then refused', async () => {
    const oldKey = fs.readFileSync(path.join(dir, KEY_FILE), 'utf8').trim();
    const before = await persons();
    await restart();
    const r = await rotateRegistryKey(h.db);
    expect(r).toMatchObject({ rotated: IDS.length, origin: 'file' });
    expect(fs.readFileSync(path.join(dir, KEY_FILE), 'utf8').trim()).toBe(r.newKey);
    expect(fs.existsSync(path.join(dir, `${KEY_FILE}.new`))).toBe(false);
    const keys = await restart();
    const after = await persons();
    expect(after.map((p) => keys.decrypt(p.id_cipher!))).toEqual(IDS);
    expect(after.map((p) => p.id_hash)).toEqual(IDS.map((id) => keys.hash(id))); // matching (dedup, verification) follows
    expect(after.map((p) => p.id_hash)).not.toEqual(before.map((p) => p.id_hash));
    await expect(restart({ envKey: oldKey })).rejects.toThrow(/不符/);
    const audit = await h.db.selectFrom('audit_entry').select(['action', 'after']).where('action', '=', 'registry.rotateKey').execute();
    expect(audit).toHaveLength(1);
    expect((await verifyAuditChain(h.db)).ok).toBe(true);
  });

  it('a rotation that committed but crashed before putting its key file in place is finished at the next start', async () => {
    const file = path.join(dir, KEY_FILE);
    const current = fs.readFileSync(file, 'utf8');
    await restart();
    const r = await rotateRegistryKey(h.db);
    // as if the process died between the commit and the rename: the old file back, the new one beside it
    fs.writeFileSync(`${file}.new`, r.newKey + '\n');
    fs.writeFileSync(file, current);
    const keys = await restart();
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(r.newKey);
    expect(fs.existsSync(`${file}.new`)).toBe(false);
    expect((await persons()).map((p) => keys.decrypt(p.id_cipher!))).toEqual(IDS);
  });

  it('with REGISTRY_KEY, rotation to a given key: the data follows, the environment must then be changed', async () => {
    const fileKey = fs.readFileSync(path.join(dir, KEY_FILE), 'utf8').trim();
    configureRegistryKey({ dataDir: dir, envKey: fileKey });
    forgetIdentityKeys(h.db);
    const next = crypto.randomBytes(32).toString('hex');
    const r = await rotateRegistryKey(h.db, next);
    expect(r).toMatchObject({ origin: 'env', newKey: next });
    await expect(restart({ envKey: fileKey })).rejects.toThrow(/不符/);
    const keys = await restart({ envKey: next });
    expect((await persons()).map((p) => keys.decrypt(p.id_cipher!))).toEqual(IDS);
  });
});
