import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { parseTrustProxy } from '../config.js';
import { openTestDatabase } from '../test/harness.js';
import type { DbHandle } from '../db/connect.js';

/**
 * Issue 20: behind one reverse proxy (TRUST_PROXY=1) the client's address is the one the proxy
 * appended — the rightmost of X-Forwarded-For — never what the client wrote at the left.
 */
describe('TRUST_PROXY: only the configured proxy hops are believed', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDatabase();
  });
  afterAll(() => handle.close());

  async function recordedIp(trustProxy: false | number | string, xff: string | undefined, remoteAddress = '10.0.0.2') {
    const app = await buildApp({ db: handle.db, dbKind: handle.kind, sessionSecret: 'test-secret-0123456789abcdef0123456789', trustProxy });
    try {
      const login = `probe-${Math.random().toString(36).slice(2)}`;
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { login, password: 'x' },
        remoteAddress,
        headers: xff ? { 'x-forwarded-for': xff } : {},
      });
      expect(res.statusCode).toBe(401);
      const row = await handle.db.selectFrom('login_attempt').select('ip').where('login', '=', login).executeTakeFirstOrThrow();
      return row.ip;
    } finally {
      await app.close();
    }
  }

  it('one hop: a forged leftmost address is ignored, the address the proxy saw is used', async () => {
    expect(await recordedIp(1, '6.6.6.6, 203.0.113.7')).toBe('203.0.113.7');
    expect(await recordedIp(1, '203.0.113.8')).toBe('203.0.113.8');
  });

  it('two hops: the second address from the right', async () => {
    expect(await recordedIp(2, '6.6.6.6, 203.0.113.9, 10.0.0.5')).toBe('203.0.113.9');
  });

  it('no proxy configured: the socket address, whatever the header says', async () => {
    expect(await recordedIp(false, '6.6.6.6')).toBe('10.0.0.2');
  });

  it('a list of proxy addresses: only those are skipped', async () => {
    expect(await recordedIp('10.0.0.0/8', '6.6.6.6, 203.0.113.10, 10.0.0.7')).toBe('203.0.113.10');
  });

  it('parses the setting, refusing "true" (which believes any forged hop) and nonsense', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('10.0.0.1, 10.1.0.0/16')).toBe('10.0.0.1,10.1.0.0/16');
    expect(() => parseTrustProxy('true')).toThrow(/代理层数/);
    expect(() => parseTrustProxy('yes please')).toThrow(/无法识别/);
  });
});
