import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStreet, type TestStreet } from '../test/factories.js';
import { createTestApp, login, type TestApp } from '../test/harness.js';

interface Node {
  id: number;
  kind: string;
  name: string;
  inScope: boolean;
  unitCount: number;
  childCount: number;
  actions: string[];
}

const ORDER = ['district', 'street', 'community', 'grid', 'estate', 'building', 'company'];
const topDown = (nodes: Node[]) => [...nodes].sort((x, y) => ORDER.indexOf(x.kind) - ORDER.indexOf(y.kind));

/**
 * Issue 18 §4: the tree answers what a user needs to start (down to a depth), a node's children on
 * expand, and a search by name on the server — each within the caller's scope, as the full tree is.
 */
describe('org tree loaded lazily', () => {
  let t: TestApp;
  let a: TestStreet;
  let b: TestStreet;
  const as = (s: TestStreet, key: string) => login(t.app, s.accounts[key]!.username);

  beforeAll(async () => {
    t = await createTestApp();
    a = await makeStreet(t.db, 'LazyA');
    b = await makeStreet(t.db, 'LazyB');
  });
  afterAll(() => t.close());

  it('depth 2 from the district: district, street, communities — no grid, estate or building; child counts say what is below', async () => {
    const c = await as(a, 'districtAdmin');
    const res = await c.get('/api/org/tree?depth=2');
    expect(res.statusCode).toBe(200);
    const nodes = res.json().nodes as Node[];
    expect(nodes.map((n) => n.kind).sort()).toEqual(['community', 'community', 'district', 'street']);
    const community = nodes.find((n) => n.id === a.communities[0]!.id)!;
    // 2 grids and 2 estates hang under each community
    expect(community).toMatchObject({ inScope: true, childCount: 4, unitCount: 0 });
    expect(nodes.find((n) => n.id === a.street)!.childCount).toBe(2);
    expect(nodes.some((n) => n.id === b.street)).toBe(false);
  });

  it('depth 0 from a community: the community and its ancestors as context, nothing below', async () => {
    const c = await as(a, 'staff1');
    const nodes = (await c.get('/api/org/tree?depth=0')).json().nodes as Node[];
    expect(topDown(nodes).map((n) => [n.kind, n.inScope])).toEqual([
      ['district', false],
      ['street', false],
      ['community', true],
    ]);
  });

  it('children on expand: a community its grids and estates, an estate its buildings with unit counts, a grid its buildings', async () => {
    const c = await as(a, 'admin');
    const c1 = a.communities[0]!;
    const kids = (await c.get(`/api/org/nodes/${c1.id}/children`)).json().nodes as Node[];
    expect(kids.map((n) => n.id).sort((x, y) => x - y)).toEqual([...c1.grids, ...c1.estates.map((e) => e.id)].sort((x, y) => x - y));
    expect(kids.find((n) => n.id === c1.estates[0]!.id)).toMatchObject({ unitCount: 8, childCount: 2, inScope: true });
    expect(kids.find((n) => n.id === c1.grids[0]!)).toMatchObject({ unitCount: 0, childCount: 2 });
    expect(kids.find((n) => n.id === c1.estates[0]!.id)!.actions).toContain('createChild');
    const buildings = (await c.get(`/api/org/nodes/${c1.estates[0]!.id}/children`)).json().nodes as Node[];
    expect(buildings.map((n) => [n.name, n.unitCount, n.childCount])).toEqual([
      ['1号楼', 4, 0],
      ['2号楼', 4, 0],
    ]);
    const underGrid = (await c.get(`/api/org/nodes/${c1.grids[0]!}/children`)).json().nodes as Node[];
    expect(underGrid.map((n) => n.id).sort()).toEqual([...c1.estates[0]!.buildings].sort());
  });

  it('the same numbers as the full tree', async () => {
    const c = await as(a, 'admin');
    const full = (await c.get('/api/org/tree')).json().nodes as Node[];
    const estate = a.communities[1]!.estates[1]!.id;
    const lazy = (await c.get(`/api/org/nodes/${a.communities[1]!.id}/children`)).json().nodes as Node[];
    expect(lazy.find((n) => n.id === estate)).toEqual(full.find((n) => n.id === estate));
  });

  it('children of a node outside the scope are refused with 404, as is an unknown node', async () => {
    const c = await as(a, 'admin');
    const res = await c.get(`/api/org/nodes/${b.communities[0]!.id}/children`);
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toMatch(/节点/);
    expect((await c.get('/api/org/nodes/99999999/children')).statusCode).toBe(404);
    // a community worker does not list the other community's estates
    const staff = await as(a, 'staff1');
    expect((await staff.get(`/api/org/nodes/${a.communities[1]!.id}/children`)).statusCode).toBe(404);
  });

  it('a context ancestor answers only the way down to the scope, not its other children', async () => {
    const staff = await as(a, 'staff1');
    const kids = (await staff.get(`/api/org/nodes/${a.street}/children`)).json().nodes as Node[];
    expect(kids.map((n) => n.id)).toEqual([a.communities[0]!.id]);
  });

  it('search by name on the server: the matches and their ancestors, only in scope', async () => {
    const c = await as(a, 'admin');
    const res = await c.get(`/api/org/tree?q=${encodeURIComponent('小区2-1')}`);
    expect(res.statusCode).toBe(200);
    const nodes = res.json().nodes as Node[];
    expect(res.json().truncated).toBe(false);
    expect(topDown(nodes).map((n) => n.name)).toEqual(['LazyA区', 'LazyA街道', 'LazyA社区2', 'LazyA小区2-1']);
    // B has an estate of the same name pattern; the admin of A does not find it
    expect(nodes.some((n) => n.name.startsWith('LazyB'))).toBe(false);
    const none = (await c.get(`/api/org/tree?q=${encodeURIComponent('LazyB')}`)).json();
    expect(none).toEqual({ nodes: [], truncated: false });
    // % and _ are matched literally
    expect((await c.get(`/api/org/tree?q=${encodeURIComponent('%')}`)).json().nodes).toEqual([]);
  });

  it('bad depth or an over-long search is refused with 400 in Chinese', async () => {
    const c = await as(a, 'admin');
    for (const q of ['depth=6', 'depth=-1', 'depth=x', `q=${'长'.repeat(41)}`, 'other=1']) {
      const res = await c.get(`/api/org/tree?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});
