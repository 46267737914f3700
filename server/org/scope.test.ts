import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCount, makeStreet, type TestStreet } from '../test/factories.js';
import { createTestApp, login, type Client, type TestApp } from '../test/harness.js';

/** One test per role: what lies outside the role's scope can be neither read nor changed. */
describe('data scope by role', () => {
  let t: TestApp;
  let a: TestStreet;
  let b: TestStreet;
  const as = (s: TestStreet, key: string) => login(t.app, s.accounts[key]!.username);

  beforeAll(async () => {
    t = await createTestApp();
    a = await makeStreet(t.db, 'ScopeA');
    b = await makeStreet(t.db, 'ScopeB');
  });
  afterAll(() => t.close());

  const treeIds = async (c: Client) =>
    new Set(((await c.get('/api/org/tree')).json().nodes as { id: number; inScope: boolean }[]).filter((n) => n.inScope).map((n) => n.id));

  /** A change refused with 403/404 must leave nothing behind: no row, no audit entry. */
  async function refusedUnchanged(c: Client, method: 'post' | 'patch' | 'delete', url: string, body?: unknown, allowed = [403, 404]) {
    const nodesBefore = await t.db.selectFrom('org_node').selectAll().orderBy('id').execute();
    const unitsBefore = await t.db.selectFrom('unit').selectAll().orderBy('id').execute();
    const auditBefore = await auditCount(t.db);
    const res = method === 'delete' ? await c.delete(url) : await c[method](url, body);
    expect(allowed, `${method} ${url} → ${res.statusCode} ${res.body}`).toContain(res.statusCode);
    expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await t.db.selectFrom('org_node').selectAll().orderBy('id').execute()).toEqual(nodesBefore);
    expect(await t.db.selectFrom('unit').selectAll().orderBy('id').execute()).toEqual(unitsBefore);
    expect(await auditCount(t.db)).toBe(auditBefore);
  }

  it('street admin of street A: sees all of A, nothing of B; cannot change B', async () => {
    const c = await as(a, 'admin');
    const ids = await treeIds(c);
    expect(ids.has(a.street)).toBe(true);
    expect(ids.has(a.communities[1]!.estates[1]!.buildings[1]!)).toBe(true);
    expect(ids.has(b.street)).toBe(false);
    expect((await c.get(`/api/org/nodes/${b.communities[0]!.id}`)).statusCode).toBe(404);
    expect((await c.get(`/api/estates/${b.communities[0]!.estates[0]!.id}/units`)).statusCode).toBe(404);
    await refusedUnchanged(c, 'post', '/api/org/nodes', { kind: 'grid', parentId: b.communities[0]!.id, name: '越界网格' });
    await refusedUnchanged(c, 'patch', `/api/org/nodes/${b.communities[0]!.id}`, { name: '越界改名' });
    await refusedUnchanged(c, 'patch', `/api/units/${(await firstUnit(b.communities[0]!.estates[0]!.buildings[0]!)).id}`, { area: '1.00' });
    await refusedUnchanged(c, 'post', `/api/accounts/${b.accounts.staff1!.id}/reset-password`, { password: 'Hijack@2026' });
    const accounts = (await c.get('/api/accounts')).json().items as { id: number }[];
    expect(accounts.map((x) => x.id)).not.toContain(b.accounts.admin!.id);
    expect(accounts.map((x) => x.id)).toContain(a.accounts.staff1!.id);
  });

  it('community staff: their community only; the neighbouring community is invisible and untouchable', async () => {
    const c = await as(a, 'staff1');
    const ids = await treeIds(c);
    expect(ids.has(a.communities[0]!.id)).toBe(true);
    expect(ids.has(a.communities[1]!.id)).toBe(false);
    expect(ids.has(a.street)).toBe(false);
    const tree = (await c.get('/api/org/tree')).json().nodes as { id: number; inScope: boolean; actions: string[] }[];
    // the street is shown for context only, without actions
    expect(tree.find((n) => n.id === a.street)).toMatchObject({ inScope: false, actions: [] });
    const other = a.communities[1]!;
    expect((await c.get(`/api/org/nodes/${other.id}`)).statusCode).toBe(404);
    expect((await c.get(`/api/estates/${other.estates[0]!.id}/units`)).statusCode).toBe(404);
    await refusedUnchanged(c, 'post', '/api/org/nodes', { kind: 'estate', parentId: other.id, name: '越界小区' });
    await refusedUnchanged(c, 'delete', `/api/units/${(await firstUnit(other.estates[0]!.buildings[0]!)).id}`);
    await refusedUnchanged(c, 'post', `/api/org/nodes/${a.communities[0]!.grids[0]!}/move`, { parentId: other.id });
    // cannot create a community under the street (outside its scope)
    await refusedUnchanged(c, 'post', '/api/org/nodes', { kind: 'community', parentId: a.street, name: '新社区' });
    // no account management
    expect((await c.get('/api/accounts')).statusCode).toBe(403);
    expect((await c.get('/api/audit')).statusCode).toBe(403);
    // but can work inside its own community
    const ok = await c.post('/api/org/nodes', { kind: 'grid', parentId: a.communities[0]!.id, name: '新增网格' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().actions).toContain('update');
  });

  it('grid worker: reads the buildings and units of their grid only, changes nothing', async () => {
    const c = await as(a, 'grid');
    const ids = await treeIds(c);
    const myBuilding = a.communities[0]!.estates[0]!.buildings[0]!; // estate 1's buildings are in grid 1
    const otherBuilding = a.communities[0]!.estates[1]!.buildings[0]!; // estate 2's are in grid 2
    expect(ids.has(myBuilding)).toBe(true);
    expect(ids.has(otherBuilding)).toBe(false);
    // the estate of its buildings is shown by name, for context only
    const nodes = (await c.get('/api/org/tree')).json().nodes as { id: number; inScope: boolean; actions: string[] }[];
    expect(nodes.find((n) => n.id === a.communities[0]!.estates[0]!.id)).toMatchObject({ inScope: false, actions: [] });
    expect(nodes.find((n) => n.id === a.communities[0]!.estates[1]!.id)).toBeUndefined();
    const units = await c.get(`/api/estates/${a.communities[0]!.estates[0]!.id}/units`);
    expect(units.statusCode).toBe(200);
    expect(
      units
        .json()
        .items.every(
          (u: { buildingId: number; actions: string[] }) =>
            a.communities[0]!.estates[0]!.buildings.includes(u.buildingId) && u.actions.length === 0,
        ),
    ).toBe(true);
    expect((await c.get(`/api/estates/${a.communities[0]!.estates[1]!.id}/units`)).statusCode).toBe(404);
    await refusedUnchanged(c, 'patch', `/api/org/nodes/${myBuilding}`, { name: '改名' });
    await refusedUnchanged(c, 'post', '/api/units', { buildingId: myBuilding, number: '999', area: '50.00', areaSource: 'registered' });
  });

  it('committee member: their estate only, read-only', async () => {
    const c = await as(a, 'member');
    const mine = a.communities[0]!.estates[0]!;
    const res = await c.get(`/api/estates/${mine.id}/units`);
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(8);
    expect((await c.get(`/api/estates/${a.communities[0]!.estates[1]!.id}/units`)).statusCode).toBe(404);
    await refusedUnchanged(c, 'patch', `/api/units/${res.json().items[0].id}`, { area: '12.00' });
  });

  it('committee director: same estate scope, no management', async () => {
    const c = await as(a, 'director');
    expect((await c.get(`/api/org/nodes/${a.communities[0]!.estates[0]!.id}`)).statusCode).toBe(200);
    expect((await c.get(`/api/org/nodes/${a.communities[1]!.estates[0]!.id}`)).statusCode).toBe(404);
    await refusedUnchanged(c, 'delete', `/api/org/nodes/${a.communities[0]!.estates[0]!.buildings[0]!}`);
  });

  it('property-company staff: the estates their company serves, nothing else', async () => {
    const c = await as(a, 'company');
    const served = a.communities[0]!.estates[0]!;
    expect((await c.get(`/api/estates/${served.id}/units`)).json().total).toBe(8);
    expect((await c.get(`/api/estates/${a.communities[0]!.estates[1]!.id}/units`)).statusCode).toBe(404);
    expect((await c.get(`/api/estates/${b.communities[0]!.estates[0]!.id}/units`)).statusCode).toBe(404);
    await refusedUnchanged(c, 'post', '/api/units', {
      buildingId: served.buildings[0]!,
      number: '888',
      area: '50.00',
      areaSource: 'registered',
    });
  });

  it('owner: sees their estate, cannot list its units or anyone else’s', async () => {
    const c = await as(a, 'owner');
    expect((await c.get(`/api/org/nodes/${a.communities[0]!.estates[0]!.id}`)).statusCode).toBe(200);
    expect((await c.get(`/api/estates/${a.communities[0]!.estates[0]!.id}/units`)).statusCode).toBe(403);
    expect((await c.get(`/api/org/nodes/${a.communities[0]!.estates[1]!.id}`)).statusCode).toBe(404);
    await refusedUnchanged(c, 'patch', `/api/org/nodes/${a.communities[0]!.estates[0]!.id}`, { name: '业主改名' });
  });

  it('party office: reads the street, changes nothing', async () => {
    const c = await as(a, 'party');
    expect((await c.get(`/api/estates/${a.communities[1]!.estates[1]!.id}/units`)).statusCode).toBe(200);
    expect((await c.get(`/api/org/nodes/${b.street}`)).statusCode).toBe(404);
    await refusedUnchanged(c, 'post', '/api/org/nodes', { kind: 'grid', parentId: a.communities[0]!.id, name: '党群办网格' });
    expect((await c.get('/api/accounts')).statusCode).toBe(403);
  });

  it('district department: the org tree of the street, no units, no changes', async () => {
    const c = await as(a, 'district');
    expect((await c.get(`/api/org/nodes/${a.communities[0]!.id}`)).statusCode).toBe(200);
    expect((await c.get(`/api/estates/${a.communities[0]!.estates[0]!.id}/units`)).statusCode).toBe(403);
    await refusedUnchanged(c, 'delete', `/api/org/nodes/${a.communities[0]!.grids[1]!}`);
  });

  it('moving a grid to another community moves the scopes with it', async () => {
    const admin = await as(a, 'admin');
    const grid = await admin.post('/api/org/nodes', { kind: 'grid', parentId: a.communities[0]!.id, name: '待划转网格' });
    const gridId = grid.json().id as number;
    const staff1 = await as(a, 'staff1');
    const staff2 = await as(a, 'staff2');
    expect((await staff1.get(`/api/org/nodes/${gridId}`)).statusCode).toBe(200);
    expect((await staff2.get(`/api/org/nodes/${gridId}`)).statusCode).toBe(404);
    const moved = await admin.post(`/api/org/nodes/${gridId}/move`, { parentId: a.communities[1]!.id });
    expect(moved.statusCode).toBe(200);
    expect((await staff1.get(`/api/org/nodes/${gridId}`)).statusCode).toBe(404);
    expect((await staff2.get(`/api/org/nodes/${gridId}`)).statusCode).toBe(200);
  });

  it('moving a building to another estate takes its units, and the new estate’s people see them', async () => {
    const admin = await as(a, 'admin');
    const building = a.communities[1]!.estates[1]!.buildings[1]!;
    const target = a.communities[0]!.estates[0]!;
    const member = await as(a, 'member');
    const before = (await member.get(`/api/estates/${target.id}/units`)).json().total as number;
    const clash = await admin.post(`/api/org/nodes/${building}/move`, { parentId: target.id });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().message).toBe('新的上级下已有名为「2号楼」的楼栋，请先改名');
    expect((await admin.patch(`/api/org/nodes/${building}`, { name: '3号楼' })).statusCode).toBe(200);
    expect((await admin.post(`/api/org/nodes/${building}/move`, { parentId: target.id })).statusCode).toBe(200);
    expect((await member.get(`/api/estates/${target.id}/units`)).json().total).toBe(before + 4);
  });

  async function firstUnit(buildingId: number) {
    return t.db.selectFrom('unit').selectAll().where('building_id', '=', buildingId).orderBy('id').executeTakeFirstOrThrow();
  }
});
