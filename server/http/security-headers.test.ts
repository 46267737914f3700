import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import type { DbHandle } from '../db/connect.js';
import { openTestDatabase } from '../test/harness.js';
import { HSTS } from './security-headers.js';

/** Issue 20: security headers on every page and API answer, errors and 404s included. */
describe('security headers', () => {
  let handle: DbHandle;
  let dir: string;
  const apps: Awaited<ReturnType<typeof buildApp>>[] = [];
  const make = async (o: { secureCookies?: boolean; trustProxy?: number } = {}) => {
    const app = await buildApp({
      db: handle.db,
      dbKind: handle.kind,
      sessionSecret: 'test-secret-0123456789abcdef0123456789',
      webRoot: dir,
      ...o,
    });
    apps.push(app);
    return app;
  };
  beforeAll(async () => {
    handle = await openTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-web-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><body><div id="root"></div></body></html>');
    fs.writeFileSync(path.join(dir, 'assets/app-x1.js'), 'console.log(1)');
  });
  afterAll(async () => {
    for (const a of apps) await a.close();
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const answers = [
    ['GET', '/', 200],
    ['GET', '/index.html', 200],
    ['GET', '/vote/12', 200],
    ['GET', '/assets/app-x1.js', 200],
    ['GET', '/api/health', 200],
    ['GET', '/api/auth/me', 401],
    ['GET', '/api/no-such-thing', 404],
    ['POST', '/api/auth/login', 400],
    ['GET', '/api/docs/', 200],
  ] as const;

  it('every page, asset, API answer, refusal and 404: CSP without inline script, never framed, nosniff, no referrer', async () => {
    const app = await make();
    for (const [method, url, status] of answers) {
      const r = await app.inject({ method, url, payload: method === 'POST' ? {} : undefined });
      expect(r.statusCode, url).toBe(status);
      const csp = String(r.headers['content-security-policy']);
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toContain("script-src 'self';");
      expect(csp, url).not.toMatch(/script-src[^;]*unsafe/);
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("object-src 'none'");
      expect(csp, url).not.toContain('upgrade-insecure-requests');
      expect(r.headers['x-frame-options'], url).toBe('DENY');
      expect(r.headers['x-content-type-options'], url).toBe('nosniff');
      expect(r.headers['referrer-policy'], url).toBe('no-referrer');
      // plain HTTP on a LAN: no HSTS
      expect(r.headers['strict-transport-security'], url).toBeUndefined();
    }
  });

  it('HSTS behind TLS: when configured (SECURE_COOKIES=1) or when the trusted proxy says https', async () => {
    const tls = await make({ secureCookies: true });
    for (const [method, url] of answers) {
      const r = await tls.inject({ method, url, payload: method === 'POST' ? {} : undefined });
      expect(r.headers['strict-transport-security'], url).toBe(HSTS);
    }
    const proxied = await make({ trustProxy: 1 });
    const viaTls = await proxied.inject({ url: '/', remoteAddress: '10.0.0.1', headers: { 'x-forwarded-proto': 'https' } });
    expect(viaTls.headers['strict-transport-security']).toBe(HSTS);
    const plain = await proxied.inject({ url: '/', remoteAddress: '10.0.0.1', headers: { 'x-forwarded-proto': 'http' } });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    // a client without a trusted proxy cannot ask for it
    const direct = await (await make()).inject({ url: '/', headers: { 'x-forwarded-proto': 'https' } });
    expect(direct.headers['strict-transport-security']).toBeUndefined();
  });
});
