import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCalendarFromPackage } from '../calendar/store.js';
import { makeStreet, type TestStreet } from '../test/factories.js';
import { createTestApp, login, type Client, type TestApp } from '../test/harness.js';

/**
 * Issue 13: whose notices a user reads. A grid worker's scope is the buildings of his grid: he reads
 * the published notices of the estates they belong to and of the community and street above; the
 * owner reads those of his estate, community and street; drafts only where one posts notices.
 */
describe('notice list scope', () => {
  let t: TestApp;
  let s: TestStreet;
  let other: TestStreet;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    t = await createTestApp();
    await seedCalendarFromPackage(t.db);
    s = await makeStreet(t.db, 'Nsc');
    other = await makeStreet(t.db, 'Nso');
    const staff = await login(t.app, s.accounts.staff1!.username);
    const admin = await login(t.app, s.accounts.admin!.username);
    const otherStaff = await login(t.app, other.accounts.staff1!.username);
    const post = async (c: Client, key: string, nodeId: number, publish = true) => {
      const d = await c.post('/api/notices', {
        nodeId,
        kind: 'announcement',
        title: key,
        body: '正文',
        periodUnit: 'workdays',
        periodDays: 5,
      });
      expect(d.statusCode, key).toBe(201);
      ids[key] = d.json().id;
      if (publish) expect((await c.post(`/api/notices/${d.json().id}/publish`, {})).statusCode).toBe(200);
    };
    const c1 = s.communities[0]!;
    await post(staff, '本网格小区公告', c1.estates[0]!.id);
    await post(staff, '本网格小区草稿', c1.estates[0]!.id, false);
    await post(staff, '社区公告', c1.id);
    await post(admin, '街道公告', s.street);
    await post(staff, '别的网格的小区公告', c1.estates[1]!.id);
    await post(otherStaff, '别的街道的公告', other.communities[0]!.estates[0]!.id);
  });
  afterAll(() => t.close());

  const titles = async (username: string) => {
    const c = await login(t.app, username);
    const res = await c.get('/api/notices');
    expect(res.statusCode).toBe(200);
    return (res.json().items as { title: string }[]).map((n) => n.title).sort();
  };

  it('grid worker: the published notices of the estate his grid serves, its community and street', async () => {
    expect(await titles(s.accounts.grid!.username)).toEqual(['本网格小区公告', '社区公告', '街道公告'].sort());
    const c = await login(t.app, s.accounts.grid!.username);
    expect((await c.get(`/api/notices/${ids['本网格小区公告']}`)).statusCode).toBe(200);
    expect((await c.get(`/api/notices/${ids['本网格小区草稿']}`)).statusCode).toBe(404);
    expect((await c.get(`/api/notices/${ids['别的网格的小区公告']}`)).statusCode).toBe(404);
  });

  it('owner: his estate, community and street — never a draft', async () => {
    expect(await titles(s.accounts.owner!.username)).toEqual(['本网格小区公告', '社区公告', '街道公告'].sort());
  });

  it('community staff: drafts too, in the community; the street notice above; nothing of another street', async () => {
    expect(await titles(s.accounts.staff1!.username)).toEqual(
      ['本网格小区公告', '本网格小区草稿', '社区公告', '街道公告', '别的网格的小区公告'].sort(),
    );
    expect(await titles(s.accounts.staff2!.username)).toEqual(['街道公告']);
  });

  it('property staff: the estates their company serves, and the community and street above them', async () => {
    expect(await titles(s.accounts.company!.username)).toEqual(['本网格小区公告', '社区公告', '街道公告'].sort());
  });
});
