import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { openDatabase, type DbHandle } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';

/**
 * Fast on a mobile network (issue 19): hashed assets go out compressed (the brotli or gzip file built
 * next to each) with a year of immutable caching; the HTML is revalidated on every visit; large API
 * answers are compressed on the fly. A web root laid out as scripts/build.mjs leaves it.
 */
describe('static assets and compression', () => {
  let handle: DbHandle;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let dir: string;
  const js = `export const big = ${JSON.stringify('共治'.repeat(4000))};\n`;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-web-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><body><div id="root"></div></body></html>');
    fs.writeFileSync(path.join(dir, 'robots.txt'), 'User-agent: *\n');
    const asset = path.join(dir, 'assets/index-AbC123xy.js');
    fs.writeFileSync(asset, js);
    fs.writeFileSync(`${asset}.br`, zlib.brotliCompressSync(js));
    fs.writeFileSync(`${asset}.gz`, zlib.gzipSync(js));
    handle = await openDatabase({ memory: true });
    await migrateToLatest(handle.db);
    app = await buildApp({ db: handle.db, dbKind: handle.kind, sessionSecret: 'test-secret-0123456789abcdef0123456789', webRoot: dir });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a hashed asset: brotli where accepted, else gzip, else plain — always immutable for a year', async () => {
    for (const [accept, encoding] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
      ['identity', undefined],
    ] as const) {
      const r = await app.inject({ method: 'GET', url: '/assets/index-AbC123xy.js', headers: { 'accept-encoding': accept } });
      expect(r.statusCode, accept).toBe(200);
      expect(r.headers['content-encoding'], accept).toBe(encoding);
      expect(r.headers['cache-control'], accept).toBe('public, max-age=31536000, immutable');
      expect(String(r.headers['content-type'])).toMatch(/javascript/);
      expect(String(r.headers.vary ?? '')).toMatch(/accept-encoding/i);
      const body =
        encoding === 'br' ? zlib.brotliDecompressSync(r.rawPayload) : encoding === 'gzip' ? zlib.gunzipSync(r.rawPayload) : r.rawPayload;
      expect(body.toString()).toBe(js);
    }
  });

  it('a missing asset is a 404, never the app’s HTML (a stale page would run the wrong code)', async () => {
    const r = await app.inject({ method: 'GET', url: '/assets/index-gone.js', headers: { 'accept-encoding': 'br' } });
    expect(r.statusCode).toBe(404);
    expect(r.body).not.toContain('<div id="root">');
  });

  it('the HTML of every app route and the files at the root are revalidated (no-cache), never immutable', async () => {
    for (const url of ['/', '/index.html', '/login', '/vote/12', '/public/estates/3']) {
      const r = await app.inject({ method: 'GET', url });
      expect(r.statusCode).toBe(200);
      expect(r.headers['cache-control']).toBe('no-cache');
      expect(r.body).toContain('<div id="root">');
    }
    const robots = await app.inject({ method: 'GET', url: '/robots.txt' });
    expect(robots.body).toContain('User-agent');
    expect(robots.headers['cache-control']).toBe('no-cache');
  });

  it('large API answers are compressed as the browser accepts; small ones are not', async () => {
    const big = await app.inject({ method: 'GET', url: '/api/openapi.json', headers: { 'accept-encoding': 'br, gzip' } });
    expect(big.statusCode).toBe(200);
    expect(big.headers['content-encoding']).toBe('br');
    expect(JSON.parse(zlib.brotliDecompressSync(big.rawPayload).toString()).openapi).toMatch(/^3/);
    const gz = await app.inject({ method: 'GET', url: '/api/openapi.json', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const small = await app.inject({ method: 'GET', url: '/api/health', headers: { 'accept-encoding': 'br, gzip' } });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.json().status).toBe('ok');
  });
});
