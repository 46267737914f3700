import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStreet, type TestStreet } from '../test/factories.js';
import { createTestApp, login, type Client, type TestApp } from '../test/harness.js';

/**
 * Issue 13: buildings sorted as text put 10号楼 before 1号楼 on the roll. Every list of buildings,
 * entrances and rooms is in natural order: 1号楼, 2号楼, 10号楼; room 201 before 1101.
 */
describe('buildings, entrances and rooms in natural order', () => {
  let t: TestApp;
  let s: TestStreet;
  let staff: Client;
  const estate = () => s.communities[0]!.estates[0]!.id;
  beforeAll(async () => {
    t = await createTestApp();
    s = await makeStreet(t.db, 'Nat');
    staff = await login(t.app, s.accounts.staff1!.username);
    const b10 = await staff.post('/api/org/nodes', { kind: 'building', parentId: estate(), name: '10号楼' });
    expect(b10.statusCode).toBe(201);
    for (const [entrance, number] of [
      ['2单元', '1101'],
      ['10单元', '201'],
      ['2单元', '201'],
    ] as const) {
      const u = await staff.post('/api/units', {
        buildingId: b10.json().id,
        entrance,
        number,
        floor: null,
        area: '90.00',
        areaSource: 'registered',
      });
      expect(u.statusCode, number).toBe(201);
    }
  });
  afterAll(() => t.close());

  const order = ['1号楼', '2号楼', '10号楼'];
  const tenth = ['2单元 201', '2单元 1101', '10单元 201'];

  it('the owner roll', async () => {
    const roll = (await staff.get(`/api/roll?estateId=${estate()}&pageSize=200`)).json();
    const items = roll.items as { buildingName: string; entrance: string; number: string }[];
    expect([...new Set(items.map((u) => u.buildingName))]).toEqual(order);
    expect(items.filter((u) => u.buildingName === '10号楼').map((u) => `${u.entrance} ${u.number}`)).toEqual(tenth);
  });

  it('the units of an estate', async () => {
    const list = (await staff.get(`/api/estates/${estate()}/units?limit=200`)).json();
    const items = list.items as { buildingName: string; entrance: string; number: string }[];
    expect([...new Set(items.map((u) => u.buildingName))]).toEqual(order);
    expect(items.filter((u) => u.buildingName === '10号楼').map((u) => `${u.entrance} ${u.number}`)).toEqual(tenth);
  });

  it('the children of an estate', async () => {
    const d = (await staff.get(`/api/org/nodes/${estate()}`)).json();
    expect(d.children.map((c: { name: string }) => c.name)).toEqual(order);
  });
});
