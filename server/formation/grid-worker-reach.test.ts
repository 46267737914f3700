import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCalendarFromPackage } from '../calendar/store.js';
import { makeStreet, type TestStreet } from '../test/factories.js';
import { createTestApp, login, type Client, type TestApp } from '../test/harness.js';

/**
 * Issue 13: a grid worker's scope reaches the buildings of his grid, not the estate node. The
 * governance page must still show him the estates his grid serves and his street's plan (R42),
 * read-only; the district admin sees the plans of his streets; nobody sees another street's.
 */
describe('governance as the grid worker and the district admin see it', () => {
  let t: TestApp;
  let s: TestStreet;
  let other: TestStreet;
  let grid: Client;
  beforeAll(async () => {
    t = await createTestApp();
    await seedCalendarFromPackage(t.db);
    s = await makeStreet(t.db, 'Gwr');
    other = await makeStreet(t.db, 'Gwo');
    const admin = await login(t.app, s.accounts.admin!.username);
    const plan = { name: '实施方案（测试）', deadline: '2027-06-30', phases: [{ name: '调查摸底', from: '2026-09-01', to: '2026-10-31' }] };
    expect((await admin.put(`/api/governance/streets/${s.street}/plan`, plan)).statusCode).toBe(200);
    const otherAdmin = await login(t.app, other.accounts.admin!.username);
    expect((await otherAdmin.put(`/api/governance/streets/${other.street}/plan`, { ...plan, name: '别的街道的方案' })).statusCode).toBe(
      200,
    );
    grid = await login(t.app, s.accounts.grid!.username);
  });
  afterAll(() => t.close());

  it('grid worker: the estate his grid serves, with its status, and the street plan — no actions', async () => {
    const res = await grid.get('/api/governance');
    expect(res.statusCode).toBe(200);
    const g = res.json();
    expect(g.plan).toMatchObject({ streetId: s.street, name: '实施方案（测试）', deadline: '2027-06-30' });
    // the factory's grid 1 of community 1 serves the buildings of estate 1-1 only
    expect(g.estates.map((e: { id: number }) => e.id)).toEqual([s.communities[0]!.estates[0]!.id]);
    expect(g.estates[0]).toMatchObject({ status: 'pending', communityName: 'Gwr社区1', actions: [] });
    expect(g.summary).toEqual({ pending: 1 });
  });

  it('grid worker: a case of an estate his grid does not serve stays hidden', async () => {
    const c = await grid.get(`/api/governance?nodeId=${s.communities[0]!.estates[1]!.id}`);
    expect(c.statusCode).toBe(404);
  });

  it('district admin: every estate of his district (not another), read-only, and the plan', async () => {
    const qu = await login(t.app, s.accounts.districtAdmin!.username);
    const g = (await qu.get('/api/governance')).json();
    expect(g.estates.map((e: { id: number }) => e.id).sort()).toEqual(s.communities.flatMap((c) => c.estates.map((e) => e.id)).sort());
    expect(g.estates.every((e: { actions: string[] }) => e.actions.length === 0)).toBe(true);
    expect(g.plan).toMatchObject({ streetId: s.street });
  });
});
