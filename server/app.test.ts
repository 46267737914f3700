import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../core/access.js';
import { createTestApp, type TestApp } from './test/harness.js';

describe('the app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('every registered route declares a permission (public, authenticated, or a named permission)', () => {
    const allowed = new Set<string>(['public', 'authenticated', ...PERMISSIONS]);
    const routes = t.app.registeredRoutes;
    expect(routes.length).toBeGreaterThan(15);
    const undeclared = routes.filter((r) => !r.permission || !allowed.has(r.permission)).map((r) => `${r.method} ${r.url}`);
    expect(undeclared).toEqual([]);
    // and the writes are not public by accident
    const publicWrites = routes.filter((r) => r.permission === 'public' && !['GET', 'HEAD'].includes(r.method)).map((r) => r.url);
    expect(publicWrites).toEqual(['/api/auth/login']);
  });

  it('health checks the database', async () => {
    const res = await t.app.inject('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: t.kind });
  });

  it('serves the OpenAPI document with every API route', async () => {
    const res = await t.app.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/org/tree', '/api/estates/{id}/units', '/api/auth/login', '/api/audit/verify']));
    const docs = await t.app.inject('/api/docs');
    expect([200, 302]).toContain(docs.statusCode);
  });

  it('unknown API path: 404 in Chinese', async () => {
    const res = await t.app.inject('/api/nope');
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toContain('请求的地址不存在');
  });

  it('unauthenticated: 401 in Chinese on every protected route', async () => {
    for (const r of t.app.registeredRoutes.filter((x) => x.permission !== 'public' && x.url.startsWith('/api/'))) {
      const url = r.url.replace(':id', '1');
      const res = await t.app.inject({ method: r.method as 'GET', url, ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: {} }) });
      expect(res.statusCode, `${r.method} ${url}`).toBe(401);
      if (r.method !== 'HEAD') expect(res.json().message).toMatch(/登录/);
    }
  });
});
