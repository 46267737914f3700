import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckChar } from '../../core/identity.js';
import { auditCount, makeStreet, type TestStreet } from '../test/factories.js';
import { createTestApp, login, type Client, type TestApp } from '../test/harness.js';

/** A valid 18-digit ID number for a test person (checksum per GB 11643). */
const idOf = (n: number) => {
  const first17 = `110105198001${String(10 + (n % 18)).padStart(2, '0')}${String(n).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
};

describe('owner roll (R1–R4, R37) and owner accounts', () => {
  let t: TestApp;
  let s: TestStreet;
  let admin: Client;
  let staff: Client;
  let staff2: Client;
  let grid: Client;
  let owner: Client;
  let units: { id: number; number: string; building_id: number }[];
  beforeAll(async () => {
    t = await createTestApp();
    s = await makeStreet(t.db, 'Roll');
    admin = await login(t.app, s.accounts.admin!.username);
    staff = await login(t.app, s.accounts.staff1!.username);
    staff2 = await login(t.app, s.accounts.staff2!.username);
    grid = await login(t.app, s.accounts.grid!.username);
    owner = await login(t.app, s.accounts.owner!.username);
    units = await t.db
      .selectFrom('unit')
      .select(['id', 'number', 'building_id'])
      .where('estate_id', '=', estate())
      .orderBy('building_id')
      .orderBy('number')
      .execute();
  });
  afterAll(() => t.close());

  const estate = () => s.communities[0]!.estates[0]!.id;
  const u = (i: number) => units[i]!.id;
  const roll = async (c: Client = staff, query = '') => (await c.get(`/api/roll?estateId=${estate()}${query}`)).json();

  /** A new owner account of the estate (an owner role only: no staff role, issue 13). */
  async function ownerAccount(username: string) {
    const hash = (await t.db.selectFrom('account').select('password_hash').where('id', '=', s.accounts.owner!.id).executeTakeFirstOrThrow())
      .password_hash;
    const a = await t.db
      .insertInto('account')
      .values({ username, display_name: username, password_hash: hash, mobile: null })
      .returning(['id', 'username'])
      .executeTakeFirstOrThrow();
    await t.db.insertInto('role_assignment').values({ account_id: a.id, role: 'owner', node_id: estate() }).execute();
    return a;
  }

  async function unchanged<T>(fn: () => Promise<T>): Promise<T> {
    const snapshot = async () => ({
      people: await t.db.selectFrom('person').selectAll().orderBy('id').execute(),
      ownership: await t.db.selectFrom('ownership').selectAll().orderBy('id').execute(),
      units: await t.db.selectFrom('unit').selectAll().orderBy('id').execute(),
      audits: await auditCount(t.db),
    });
    const before = await snapshot();
    const out = await fn();
    expect(await snapshot()).toEqual(before);
    return out;
  }

  it('R3: a multi-unit owner is one head, co-owners one head per unit, all developer stock one head — next to the naive count', async () => {
    const a = { kind: 'natural', name: '张三', idNumber: idOf(1), mobile: '13900000001' };
    let r = await staff.post(`/api/roll/units/${u(0)}/owners`, { owner: { person: a }, startedOn: '2020-05-01' });
    expect(r.statusCode, r.body).toBe(201);
    // The same ID number again is the same person (matched, not duplicated).
    r = await staff.post(`/api/roll/units/${u(1)}/owners`, { owner: { person: a }, startedOn: '2021-05-01' });
    expect(r.statusCode, r.body).toBe(201);
    expect(await t.db.selectFrom('person').select('id').where('name', '=', '张三').execute()).toHaveLength(1);
    // Co-owners of unit 2, no designated voter yet (R4).
    for (const [i, name] of [
      [2, '李四'],
      [3, '王五'],
    ] as const) {
      r = await staff.post(`/api/roll/units/${u(2)}/owners`, {
        owner: { person: { name, idNumber: idOf(i), mobile: `1390000000${i}` } },
        startedOn: '2019-01-01',
      });
      expect(r.statusCode, r.body).toBe(201);
    }
    // Two developer-stock units (R3).
    for (const i of [3, 4]) expect((await staff.patch(`/api/roll/units/${u(i)}`, { developerStock: true })).statusCode).toBe(200);

    const c = (await roll()).counts;
    // 8 units: 张三 ×2 (1 head), 李四+王五 (1 head), developer ×2 (1 head), 3 unowned (3 heads) = 6 heads.
    expect(c).toMatchObject({
      units: 8,
      heads: 6,
      area: '714.96',
      developerStockUnits: 2,
      developerStockArea: '178.74',
      multiUnitOwners: 1,
      unownedUnits: 3,
      coOwnedWithoutVoter: 1,
    });
  });

  it('R4: the designated voter must be a current co-owner; designating them never merges their own unit into the co-owned one (R3)', async () => {
    const detail = (await staff.get(`/api/roll/units/${u(2)}`)).json();
    const lisi = detail.owners.find((o: { person: { name: string } }) => o.person.name === '李四').person.id;
    const zhangsan = (await t.db.selectFrom('person').select('id').where('name', '=', '张三').executeTakeFirstOrThrow()).id;
    await unchanged(async () => {
      const bad = await staff.put(`/api/roll/units/${u(2)}/voter`, { personId: zhangsan });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().message).toContain('R4');
    });
    const ok = await staff.put(`/api/roll/units/${u(2)}/voter`, { personId: lisi });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().owners[0]).toMatchObject({ designatedVoter: true, person: { name: '李四' } });
    // 李四 also owns unit 5 alone: 李四 alone and 李四+王五 are two buyers (两个买受人), two heads,
    // although 李四 casts both ballots (issue 13: the designation once merged them into one head).
    const r = await staff.post(`/api/roll/units/${u(5)}/owners`, { owner: { personId: lisi }, startedOn: '2022-01-01' });
    expect(r.statusCode, r.body).toBe(201);
    const c = (await roll()).counts;
    // 张三 ×2 (1), 李四+王五 (1), 李四 alone (1), developer ×2 (1), 2 unowned (2) = 6 heads
    expect(c).toMatchObject({ units: 8, heads: 6, multiUnitOwners: 1, unownedUnits: 2, coOwnedWithoutVoter: 0 });
  });

  it('never returns a full ID number or another person’s full mobile in the roll, the unit detail or the export', async () => {
    const body = JSON.stringify(await roll()) + (await staff.get(`/api/roll/units/${u(2)}`)).body;
    expect(body).not.toContain(idOf(1));
    expect(body).not.toContain('13900000001');
    expect(body).toContain('1101**********');
    expect(body).toContain('139****0001');
    const x = await staff.raw({ method: 'GET', url: `/api/roll/export.xlsx?estateId=${estate()}` });
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(6).value).toBe('业主');
    const cells = JSON.stringify(ws.getSheetValues());
    expect(cells).toContain('张三');
    expect(cells).not.toContain(idOf(1));
  });

  it('rejects an invalid ID number, a duplicate owner and a name that does not match the ID, changing nothing', async () => {
    await unchanged(async () => {
      const badCheck = idOf(9).slice(0, 17) + (idOf(9).endsWith('1') ? '2' : '1');
      let r = await staff.post(`/api/roll/units/${u(6)}/owners`, {
        owner: { person: { name: '赵六', idNumber: badCheck } },
        startedOn: '2020-01-01',
      });
      expect(r.statusCode).toBe(400);
      expect(r.json().message).toContain('校验位');
      r = await staff.post(`/api/roll/units/${u(6)}/owners`, {
        owner: { person: { name: '赵六', idNumber: '110105198002301234' } },
        startedOn: '2020-01-01',
      });
      expect(r.statusCode).toBe(400);
      expect(r.json().message).toContain('出生日期');
      r = await staff.post(`/api/roll/units/${u(0)}/owners`, {
        owner: { person: { name: '张三', idNumber: idOf(1) } },
        startedOn: '2020-01-01',
      });
      expect(r.statusCode).toBe(409);
      r = await staff.post(`/api/roll/units/${u(6)}/owners`, {
        owner: { person: { name: '张叁', idNumber: idOf(1) } },
        startedOn: '2020-01-01',
      });
      expect(r.statusCode).toBe(400);
      expect(r.json().message).toContain('张三');
      r = await staff.post(`/api/roll/units/${u(6)}/owners`, { owner: {}, startedOn: '2020-01-01' });
      expect(r.statusCode).toBe(400);
    });
  });

  it('a transfer ends the old tenure on the transfer date and keeps the history', async () => {
    await unchanged(async () => {
      const r = await staff.post(`/api/roll/units/${u(0)}/transfer`, {
        owners: [{ person: { name: '钱七', idNumber: idOf(7), mobile: '13900000007' } }],
        date: '2020-04-30',
      });
      expect(r.statusCode).toBe(400);
      expect(r.json().message).toContain('2020-05-01');
    });
    const r = await staff.post(`/api/roll/units/${u(0)}/transfer`, {
      owners: [{ person: { name: '钱七', idNumber: idOf(7), mobile: '13900000007' } }],
      date: '2025-06-01',
      basis: 'registered',
    });
    expect(r.statusCode, r.body).toBe(200);
    const d = r.json();
    expect(d.owners).toHaveLength(1);
    expect(d.owners[0]).toMatchObject({ person: { name: '钱七' }, startedOn: '2025-06-01', endedOn: null });
    expect(d.history).toEqual([
      expect.objectContaining({ person: expect.objectContaining({ name: '张三' }), startedOn: '2020-05-01', endedOn: '2025-06-01' }),
    ]);
    // A developer-stock unit sold and delivered is no longer developer stock (R3).
    const dev = await staff.post(`/api/roll/units/${u(3)}/transfer`, {
      owners: [{ person: { name: '孙八', idNumber: idOf(8) } }],
      date: '2025-06-01',
    });
    expect(dev.statusCode).toBe(200);
    expect(dev.json().developerStock).toBe(false);
  });

  it('R37: fee arrears need a start date; a paid-up unit carries no arrears', async () => {
    await unchanged(async () => {
      expect((await staff.patch(`/api/roll/units/${u(1)}`, { feeStatus: 'arrears' })).statusCode).toBe(400);
      expect((await staff.patch(`/api/roll/units/${u(1)}`, { feeStatus: 'paidUp', feeArrears: '10.00' })).statusCode).toBe(400);
      expect((await staff.patch(`/api/roll/units/${u(1)}`, { feeStatus: 'arrears', feeArrearsSince: '2099-01-01' })).statusCode).toBe(400);
      expect(
        (await staff.patch(`/api/roll/units/${u(1)}`, { feeStatus: 'arrears', feeArrearsSince: '2024-01-01', feeArrears: '1.234' }))
          .statusCode,
      ).toBe(400);
    });
    const r = await staff.patch(`/api/roll/units/${u(1)}`, { feeStatus: 'arrears', feeArrearsSince: '2024-01-01', feeArrears: '1280.5' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ feeStatus: 'arrears', feeArrearsSince: '2024-01-01', feeArrears: '1280.50' });
    const arrears = await roll(staff, '&filter=arrears');
    expect(arrears.items.map((i: { id: number }) => i.id)).toEqual([u(1)]);
  });

  it('scope: another community sees nothing (404), a grid worker reads but cannot change (403), an owner has no roll', async () => {
    expect((await staff2.get(`/api/roll?estateId=${estate()}`)).statusCode).toBe(404);
    expect((await staff2.get(`/api/roll/units/${u(0)}`)).statusCode).toBe(404);
    await unchanged(async () => {
      expect((await staff2.patch(`/api/roll/units/${u(0)}`, { developerStock: true })).statusCode).toBe(404);
      expect((await grid.patch(`/api/roll/units/${u(0)}`, { developerStock: true })).statusCode).toBe(403);
      expect((await owner.patch(`/api/roll/units/${u(0)}`, { developerStock: true })).statusCode).toBe(403);
    });
    // A grid worker's scope is the buildings their grid serves: both buildings of estate 1, none of estate 2.
    const g = await grid.get(`/api/roll?estateId=${estate()}`);
    expect(g.statusCode).toBe(200);
    expect(g.json().counts.units).toBe(8);
    expect((await grid.get(`/api/roll?estateId=${s.communities[0]!.estates[1]!.id}`)).statusCode).toBe(404);
    expect((await owner.get(`/api/roll?estateId=${estate()}`)).statusCode).toBe(403);
  });

  it('an owner binds their account by ID number + mobile (not by declaration); wrong data is refused and, after five tries, locked', async () => {
    expect((await owner.get('/api/me/units')).json()).toMatchObject({ bound: false, units: [] });
    await unchanged(async () => {
      const r = await owner.post('/api/me/owner-binding', { idNumber: idOf(2), mobile: '13900000099' });
      expect(r.statusCode).toBe(400);
      expect(r.json().message).toContain('未在业主名册中找到');
    });
    const ok = await owner.post('/api/me/owner-binding', { idNumber: idOf(2), mobile: '13900000002' });
    expect(ok.statusCode, ok.body).toBe(200);
    const mine = ok.json();
    expect(mine.bound).toBe(true);
    // 李四: co-owner and voter of unit 2, sole owner of unit 5; own view shows the own mobile.
    expect(mine.units.map((x: { id: number }) => x.id).sort()).toEqual([u(2), u(5)].sort());
    expect(mine.units.find((x: { id: number }) => x.id === u(2))).toMatchObject({
      iVote: true,
      coOwners: [{ name: '王五', designatedVoter: false }],
    });
    expect(mine.totalArea).toBe('178.74');
    expect(mine.persons[0].mobile).toBe('13900000002');

    const other = await login(t.app, s.accounts.member!.username);
    expect((await other.post('/api/me/owner-binding', { idNumber: idOf(3), mobile: '13900000003' })).statusCode).toBe(403);
    // Lockout after five failures within the hour (another owner account of the estate).
    const d = await login(t.app, (await ownerAccount('roll_owner_lock')).username);
    for (let i = 0; i < 5; i++)
      expect((await d.post('/api/me/owner-binding', { idNumber: idOf(3), mobile: '13900000098' })).statusCode).toBe(400);
    const locked = await d.post('/api/me/owner-binding', { idNumber: idOf(3), mobile: '13900000003' });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().message).toContain('次数过多');
  });

  it('staff confirm a binding for an owner of their community only', async () => {
    const wangwu = (await t.db.selectFrom('person').select('id').where('name', '=', '王五').executeTakeFirstOrThrow()).id;
    const account = await ownerAccount('roll_owner_wang');
    await unchanged(async () => {
      expect((await staff2.post('/api/roll/bindings', { login: account.username, personId: wangwu })).statusCode).toBe(404);
      expect((await staff.post('/api/roll/bindings', { login: 'nobody-here', personId: wangwu })).statusCode).toBe(400);
    });
    const r = await staff.post('/api/roll/bindings', { login: account.username, personId: wangwu });
    expect(r.statusCode, r.body).toBe(201);
    const member = await login(t.app, account.username);
    const mine = (await member.get('/api/me/units')).json();
    expect(mine.units.map((x: { id: number }) => x.id)).toEqual([u(2)]);
    expect(mine.units[0].iVote).toBe(false);
    expect((await staff.post('/api/roll/bindings', { login: account.username, personId: wangwu })).statusCode).toBe(409);
    void admin;
  });
});
