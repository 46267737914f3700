import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../core/access.js';
import { buildApp } from './app.js';
import { makeStreet } from './test/factories.js';
import { createTestApp, login, type TestApp } from './test/harness.js';

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

  it('a session opened on one instance is honoured by another instance on the same database', async () => {
    const s = await makeStreet(t.db, 'Multi');
    const second = await buildApp({ db: t.db, dbKind: t.kind, sessionSecret: 'test-secret-0123456789abcdef0123456789' });
    try {
      const c = await login(t.app, s.accounts.staff1!.username); // logged in on the first instance
      const headers = { cookie: c.cookie, 'x-csrf-token': c.csrf };
      const res = await second.inject({
        method: 'POST',
        url: '/api/org/nodes',
        headers,
        payload: { kind: 'grid', parentId: s.communities[0]!.id, name: '另一实例建的网格' },
      });
      expect(res.statusCode).toBe(201);
      expect((await c.get(`/api/org/nodes/${res.json().id}`)).statusCode).toBe(200);
      // logging out on one instance ends the session everywhere
      expect((await second.inject({ method: 'POST', url: '/api/auth/logout', headers, payload: {} })).statusCode).toBe(200);
      expect((await c.get('/api/auth/me')).statusCode).toBe(401);
    } finally {
      await second.close();
    }
  });

  it('health checks the database', async () => {
    const res = await t.app.inject('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: t.kind, disk: 'ok' });
  });

  it('serves the OpenAPI document with every API route', async () => {
    const res = await t.app.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/org/tree', '/api/estates/{id}/units', '/api/auth/login', '/api/audit/verify']),
    );
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
      const res = await t.app.inject({
        method: r.method as 'GET',
        url,
        ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: {} }),
      });
      expect(res.statusCode, `${r.method} ${url}`).toBe(401);
      if (r.method !== 'HEAD') expect(res.json().message).toMatch(/登录/);
    }
  });
});
