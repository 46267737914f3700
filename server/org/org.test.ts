import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCount, makeStreet, type TestStreet } from '../test/factories.js';
import { createTestApp, login, type Client, type TestApp } from '../test/harness.js';

describe('organisation hierarchy and units', () => {
  let t: TestApp;
  let s: TestStreet;
  let admin: Client;
  let staff: Client;
  beforeAll(async () => {
    t = await createTestApp();
    s = await makeStreet(t.db, 'Org');
    admin = await login(t.app, s.accounts.admin!.username);
    staff = await login(t.app, s.accounts.staff1!.username);
  });
  afterAll(() => t.close());

  const c1 = () => s.communities[0]!;

  /** Bad input: 400 with a Chinese message naming the field, and nothing written. */
  async function rejected(c: Client, method: 'post' | 'patch', url: string, body: unknown, field: string | RegExp, status = 400) {
    const nodes = await t.db.selectFrom('org_node').selectAll().orderBy('id').execute();
    const units = await t.db.selectFrom('unit').selectAll().orderBy('id').execute();
    const audits = await auditCount(t.db);
    const res = await c[method](url, body);
    expect(res.statusCode, res.body).toBe(status);
    const msg = res.json().message as string;
    expect(msg).toMatch(/[\u4e00-\u9fa5]/);
    expect(msg).toMatch(field);
    expect(await t.db.selectFrom('org_node').selectAll().orderBy('id').execute()).toEqual(nodes);
    expect(await t.db.selectFrom('unit').selectAll().orderBy('id').execute()).toEqual(units);
    expect(await auditCount(t.db)).toBe(audits);
    return res.json();
  }

  it('the tree places buildings under their estate and links them to their grid', async () => {
    const nodes = (await admin.get('/api/org/tree')).json().nodes as {
      id: number;
      kind: string;
      parentId: number;
      gridId: number | null;
      unitCount: number;
    }[];
    const b = nodes.find((n) => n.id === c1().estates[0]!.buildings[0]!)!;
    expect(b).toMatchObject({ kind: 'building', parentId: c1().estates[0]!.id, gridId: c1().grids[0]!, unitCount: 4 });
    expect(nodes.find((n) => n.id === c1().estates[0]!.id)!.unitCount).toBe(8);
  });

  it('node detail: breadcrumb, children with actions, unit count and exact total area', async () => {
    const res = await staff.get(`/api/org/nodes/${c1().estates[0]!.id}`);
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.ancestors.map((a: { kind: string }) => a.kind)).toEqual(['district', 'street', 'community']);
    expect(d.children).toHaveLength(2);
    expect(d.children[0].actions).toEqual(expect.arrayContaining(['update', 'createUnit']));
    expect(d.unitCount).toBe(8);
    expect(d.totalArea).toBe('714.96'); // 8 × 89.37, exactly
    expect(d.actions).toEqual(expect.arrayContaining(['update', 'move', 'delete', 'createChild', 'listUnits']));
  });

  it('creates estate → building → unit and reads the area back exactly', async () => {
    const estate = await staff.post('/api/org/nodes', { kind: 'estate', parentId: c1().id, name: '新建小区', address: '和平路1号' });
    expect(estate.statusCode).toBe(201);
    const building = await staff.post('/api/org/nodes', {
      kind: 'building',
      parentId: estate.json().id,
      name: '1号楼',
      gridId: c1().grids[1],
    });
    expect(building.statusCode).toBe(201);
    expect(building.json().gridId).toBe(c1().grids[1]);
    const unit = await staff.post('/api/units', {
      buildingId: building.json().id,
      entrance: '1单元',
      floor: 3,
      number: '301',
      area: '89.37',
      areaSource: 'surveyed',
    });
    expect(unit.statusCode).toBe(201);
    expect(unit.json()).toMatchObject({ area: '89.37', areaSource: 'surveyed', estateId: estate.json().id, actions: ['update', 'delete'] });
    const unit2 = await staff.post('/api/units', {
      buildingId: building.json().id,
      entrance: '1单元',
      floor: 3,
      number: '302',
      area: 120.1,
      areaSource: 'contract',
    });
    expect(unit2.json().area).toBe('120.10');
    const list = await staff.get(`/api/estates/${estate.json().id}/units`);
    expect(list.json()).toMatchObject({ total: 2, totalArea: '209.47' });
    // the grid worker of grid 2 now reaches the new building
    const row = await t.db
      .selectFrom('org_closure')
      .select('depth')
      .where('ancestor_id', '=', c1().grids[1]!)
      .where('descendant_id', '=', building.json().id)
      .executeTakeFirst();
    expect(row).toBeDefined();
  });

  it('units come in natural order (2号楼 before 10号楼, 201 before 1101) and actions fit the node kind', async () => {
    const estate = await admin.post('/api/org/nodes', { kind: 'estate', parentId: c1().id, name: '排序小区' });
    const b10 = await admin.post('/api/org/nodes', { kind: 'building', parentId: estate.json().id, name: '10号楼' });
    const b2 = await admin.post('/api/org/nodes', { kind: 'building', parentId: estate.json().id, name: '2号楼' });
    for (const [b, n] of [
      [b10, '101'],
      [b2, '1101'],
      [b2, '201'],
    ] as const) {
      expect(
        (await admin.post('/api/units', { buildingId: b.json().id, number: n, area: '50.00', areaSource: 'registered' })).statusCode,
      ).toBe(201);
    }
    const items = (await admin.get(`/api/estates/${estate.json().id}/units`)).json().items as { buildingName: string; number: string }[];
    expect(items.map((i) => `${i.buildingName}${i.number}`)).toEqual(['2号楼201', '2号楼1101', '10号楼101']);
    expect(b2.json().actions).not.toContain('createChild');
    const tree = (await admin.get('/api/org/tree')).json().nodes as { id: number; kind: string; actions: string[] }[];
    expect(tree.find((n) => n.kind === 'grid')!.actions).not.toContain('createChild');
    expect(tree.find((n) => n.kind === 'street')!.actions).not.toContain('move');
  });

  it('unit list: paging, building filter and room search', async () => {
    const estate = c1().estates[0]!;
    const page = await admin.get(`/api/estates/${estate.id}/units?limit=3&offset=0`);
    expect(page.json().items).toHaveLength(3);
    expect(page.json().total).toBe(8);
    const page3 = await admin.get(`/api/estates/${estate.id}/units?limit=3&offset=6`);
    expect(page3.json().items).toHaveLength(2);
    const pastEnd = await admin.get(`/api/estates/${estate.id}/units?limit=3&offset=30`);
    expect(pastEnd.json()).toMatchObject({ items: [], total: 8, totalArea: '714.96' });
    const byBuilding = await admin.get(`/api/estates/${estate.id}/units?buildingId=${estate.buildings[1]}`);
    expect(byBuilding.json().total).toBe(4);
    const search = await admin.get(`/api/estates/${estate.id}/units?q=20`);
    expect(search.json().total).toBe(4);
    const pct = await admin.get(`/api/estates/${estate.id}/units?q=%25`);
    expect(pct.json().total).toBe(0);
  });

  it('bad units: 3 decimals, zero, negative, wrong type, unknown field, missing source, duplicate room', async () => {
    const buildingId = c1().estates[0]!.buildings[0]!;
    const base = { buildingId, entrance: '1单元', floor: 9, number: '901', areaSource: 'registered' };
    await rejected(staff, 'post', '/api/units', { ...base, area: '89.375' }, /area.*最多保留两位小数/);
    await rejected(staff, 'post', '/api/units', { ...base, area: 0 }, /area.*大于 0/);
    await rejected(staff, 'post', '/api/units', { ...base, area: '-12.00' }, /area.*负数/);
    await rejected(staff, 'post', '/api/units', { ...base, area: true }, /area/);
    await rejected(staff, 'post', '/api/units', { ...base, area: '50', color: 'red' }, /color/);
    await rejected(staff, 'post', '/api/units', { buildingId, number: '901', area: '50' }, /areaSource.*面积来源/);
    await rejected(staff, 'post', '/api/units', { ...base, number: '101', area: '50' }, /1单元101室.*不能重复/, 409);
    await rejected(staff, 'post', '/api/units', { ...base, buildingId: c1().estates[0]!.id, area: '50' }, /只能建在楼栋之下/);
    await rejected(
      staff,
      'patch',
      `/api/units/${(await t.db.selectFrom('unit').select('id').where('building_id', '=', buildingId).orderBy('id').executeTakeFirstOrThrow()).id}`,
      { area: '1.001' },
      /最多保留两位小数/,
    );
  });

  it('an estate keeps its first delivery date as YYYY-MM-DD; impossible dates are refused', async () => {
    const estate = await staff.post('/api/org/nodes', { kind: 'estate', parentId: c1().id, name: '交付小区', deliveredOn: '2024-02-29' });
    expect(estate.statusCode).toBe(201);
    expect(estate.json().deliveredOn).toBe('2024-02-29');
    await rejected(staff, 'patch', `/api/org/nodes/${estate.json().id}`, { deliveredOn: '2025-02-30' }, /deliveredOn.*日期无效/);
    await rejected(staff, 'patch', `/api/org/nodes/${estate.json().id}`, { deliveredOn: '2025/03/01' }, /deliveredOn/);
    await rejected(staff, 'patch', `/api/org/nodes/${c1().grids[0]}`, { deliveredOn: '2025-03-01' }, /只有小区可以填写首次交付日期/);
    const ok = await staff.patch(`/api/org/nodes/${estate.json().id}`, { deliveredOn: '2025-03-01' });
    expect(ok.json().deliveredOn).toBe('2025-03-01');
    expect((await staff.get(`/api/org/nodes/${estate.json().id}`)).json().deliveredOn).toBe('2025-03-01');
  });

  it('bad nodes: wrong parent kind, empty name, duplicate name, invalid id, building grid elsewhere', async () => {
    await rejected(staff, 'post', '/api/org/nodes', { kind: 'building', parentId: c1().id, name: 'X' }, /楼栋只能建在小区之下/);
    await rejected(staff, 'post', '/api/org/nodes', { kind: 'grid', parentId: c1().id, name: '   ' }, /name.*名称不能为空/);
    await rejected(
      staff,
      'post',
      '/api/org/nodes',
      { kind: 'grid', parentId: c1().id, name: 'Org社区1网格1' },
      /已有名为「Org社区1网格1」的网格/,
      409,
    );
    await rejected(staff, 'post', '/api/org/nodes', { kind: 'street', parentId: c1().id, name: '新街道' }, /kind.*类型只能是/);
    await rejected(staff, 'post', '/api/org/nodes', { kind: 'grid', parentId: -3, name: 'x' }, /parentId.*正整数/);
    await rejected(staff, 'post', '/api/org/nodes', { kind: 'grid', parentId: '12abc', name: 'x' }, /parentId/);
    await rejected(staff, 'post', '/api/org/nodes', { kind: 'grid', parentId: c1().id, name: 'x'.repeat(101) }, /不能超过 100 个字/);
    // the other community's grid is outside the community staff's scope
    await rejected(
      staff,
      'post',
      '/api/org/nodes',
      { kind: 'building', parentId: c1().estates[0]!.id, name: '9号楼', gridId: s.communities[1]!.grids[0] },
      /网格不存在或您无权查看/,
      404,
    );
    await rejected(
      staff,
      'post',
      '/api/org/nodes',
      { kind: 'grid', parentId: c1().id, name: 'y', gridId: c1().grids[0] },
      /只有楼栋可以指定所属网格/,
    );
    const bad = await staff.get('/api/org/nodes/abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/id.*编号必须是正整数/);
    expect((await staff.get('/api/org/nodes/99999999999')).statusCode).toBe(400);
    expect((await staff.get('/api/org/nodes/987654')).statusCode).toBe(404);
  });

  it('moving: cycles and wrong parent kinds are refused', async () => {
    await rejected(admin, 'post', `/api/org/nodes/${c1().id}/move`, { parentId: c1().id }, /社区只能移到街道之下/);
    await rejected(admin, 'post', `/api/org/nodes/${c1().grids[0]}/move`, { parentId: c1().estates[0]!.id }, /网格只能移到社区之下/);
    await rejected(admin, 'post', `/api/org/nodes/${s.street}/move`, { parentId: c1().id }, /街道.*不能在此移动/);
    await rejected(admin, 'post', `/api/org/nodes/${s.district}/move`, { parentId: c1().id }, /节点不存在或您无权查看/, 404); // the district is above the street admin's scope
  });

  it('deleting: a node with children, units or posts is refused; an empty one goes', async () => {
    await rejected(admin, 'delete' as 'post', `/api/org/nodes/${c1().estates[1]!.id}`, undefined, /下级节点/, 409);
    await rejected(admin, 'delete' as 'post', `/api/org/nodes/${c1().grids[0]}`, undefined, /下级节点（或关联楼栋）/, 409);
    const empty = await staff.post('/api/org/nodes', { kind: 'grid', parentId: c1().id, name: '空网格' });
    const del = await staff.delete(`/api/org/nodes/${empty.json().id}`);
    expect(del.statusCode).toBe(200);
    expect((await staff.get(`/api/org/nodes/${empty.json().id}`)).statusCode).toBe(404);
  });

  it('malformed JSON, wrong content type, oversize bodies: 4xx in Chinese, nothing written', async () => {
    const before = await auditCount(t.db);
    const malformed = await staff.raw({
      method: 'POST',
      url: '/api/org/nodes',
      headers: { 'content-type': 'application/json', 'x-csrf-token': staff.csrf },
      payload: '{"kind":"grid",',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().message).toMatch(/JSON/);
    const text = await staff.raw({
      method: 'POST',
      url: '/api/org/nodes',
      headers: { 'content-type': 'text/plain', 'x-csrf-token': staff.csrf },
      payload: 'hello',
    });
    expect(text.statusCode).toBe(415);
    expect(text.json().message).toMatch(/不支持的内容类型/);
    const huge = await staff.raw({
      method: 'POST',
      url: '/api/org/nodes',
      headers: { 'content-type': 'application/json', 'x-csrf-token': staff.csrf },
      payload: JSON.stringify({ kind: 'grid', parentId: c1().id, name: 'x', address: 'y'.repeat(2 * 1024 * 1024) }),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().message).toMatch(/请求体过大/);
    const arr = await staff.post('/api/org/nodes', [1, 2]);
    expect(arr.statusCode).toBe(400);
    expect(await auditCount(t.db)).toBe(before);
  });

  it('every change writes its audit entry with before and after', async () => {
    const grid = await staff.post('/api/org/nodes', { kind: 'grid', parentId: c1().id, name: '审计网格' });
    await staff.patch(`/api/org/nodes/${grid.json().id}`, { name: '审计网格（改）' });
    const entries = await t.db
      .selectFrom('audit_entry')
      .selectAll()
      .where('entity_id', '=', String(grid.json().id))
      .orderBy('id')
      .execute();
    expect(entries.map((e) => e.action)).toEqual(['org.create', 'org.update']);
    expect(entries[1]!.actor_id).toBe(s.accounts.staff1!.id);
    expect((entries[1]!.before as { name: string }).name).toBe('审计网格');
    expect((entries[1]!.after as { name: string }).name).toBe('审计网格（改）');
    expect(entries[1]!.request_id).toBeTruthy();
    expect(entries[1]!.ip).toBeTruthy();
  });

  it('concurrent requests: every successful write lands, every refused one leaves nothing', async () => {
    const buildingId = c1().estates[1]!.buildings[0]!;
    const before = await t.db.selectFrom('unit').select('id').where('building_id', '=', buildingId).execute();
    const auditsBefore = await auditCount(t.db);
    const good = Array.from({ length: 12 }, (_, i) =>
      staff.post('/api/units', {
        buildingId,
        entrance: '2单元',
        floor: 5,
        number: `5${String(i).padStart(2, '0')}`,
        area: '66.66',
        areaSource: 'registered',
      }),
    );
    // each of these conflicts with a good one or with an existing unit and is rolled back
    const bad = Array.from({ length: 6 }, () =>
      staff.post('/api/units', { buildingId, entrance: '1单元', floor: 1, number: '101', area: '66.66', areaSource: 'registered' }),
    );
    const results = await Promise.all([...good, ...bad]);
    expect(results.slice(0, 12).map((r) => r.statusCode)).toEqual(Array(12).fill(201));
    expect(results.slice(12).map((r) => r.statusCode)).toEqual(Array(6).fill(409));
    const after = await t.db.selectFrom('unit').select('id').where('building_id', '=', buildingId).execute();
    expect(after.length).toBe(before.length + 12);
    expect(await auditCount(t.db)).toBe(auditsBefore + 12);
  });
});
