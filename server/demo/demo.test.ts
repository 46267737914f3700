import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../core/access.js';
import { createTestApp, login, type TestApp } from '../test/harness.js';
import { DEMO_OPTIONS, generate, LARGE_OPTIONS } from './generate.js';
import { DEMO_PASSWORD, demoLogins, ensureDemoData } from './load-demo.js';

describe('demo street', () => {
  it('the generator is deterministic and big enough', () => {
    const a = generate(DEMO_OPTIONS);
    expect(JSON.stringify(generate(DEMO_OPTIONS))).toBe(JSON.stringify(a));
    const street = a[0]!;
    const estates = street.communities.flatMap((c) => c.estates);
    const units = estates.flatMap((e) => e.buildings.flatMap((b) => b.units));
    expect(street.communities).toHaveLength(4);
    expect(street.communities.flatMap((c) => c.grids).length).toBeGreaterThanOrEqual(12);
    expect(estates.length).toBeGreaterThanOrEqual(20);
    expect(units.length).toBeGreaterThanOrEqual(5000);
    expect(estates.some((e) => e.buildings.reduce((n, b) => n + b.units.length, 0) >= 1000)).toBe(true);
    // realistic areas: 30–250 m², exact hundredths
    for (const u of units) {
      expect(Number.isInteger(u.areaCenti)).toBe(true);
      expect(u.areaCenti).toBeGreaterThan(3000);
      expect(u.areaCenti).toBeLessThan(25000);
    }
  });

  it('the same generator makes the benchmark data set: 10 streets, 300 estates, ≥ 300,000 units', () => {
    const streets = generate(LARGE_OPTIONS);
    const estates = streets.flatMap((s) => s.communities.flatMap((c) => c.estates));
    expect(streets).toHaveLength(10);
    expect(estates).toHaveLength(300);
    expect(estates.reduce((n, e) => n + e.buildings.reduce((m, b) => m + b.units.length, 0), 0)).toBeGreaterThanOrEqual(300_000);
  });

  describe('loaded into a database', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t.close());

    it('loads once; a second start changes nothing', async () => {
      expect(await ensureDemoData(t.db)).toEqual({ loaded: true, present: true });
      const count = await t.db
        .selectFrom('unit')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(count.n).toBeGreaterThanOrEqual(5000);
      expect(await ensureDemoData(t.db)).toEqual({ loaded: false, present: true });
      const again = await t.db
        .selectFrom('unit')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(again.n).toBe(count.n);
    });

    it('has a login for every role', async () => {
      const roles = await t.db.selectFrom('role_assignment').select('role').distinct().execute();
      expect(new Set(roles.map((r) => r.role))).toEqual(new Set(ROLES));
      const c = await login(t.app, 'jiedao', DEMO_PASSWORD);
      const tree = (await c.get('/api/org/tree')).json().nodes as { kind: string }[];
      expect(tree.filter((n) => n.kind === 'estate').length).toBeGreaterThanOrEqual(20);
      expect((await c.get('/api/audit/verify')).json().ok).toBe(true);
    });

    it('issue 13: the demo street hangs under a district whose admin (quguanli) keeps the calendar', async () => {
      const districts = await t.db.selectFrom('org_node').select(['id', 'name', 'parent_id']).where('kind', '=', 'district').execute();
      expect(districts).toEqual([{ id: expect.any(Number), name: '演示区', parent_id: null }]);
      const streets = await t.db.selectFrom('org_node').select('parent_id').where('kind', '=', 'street').execute();
      expect(streets.map((s) => s.parent_id)).toEqual([districts[0]!.id]);
      expect(demoLogins().map((l) => l.username)).toContain('quguanli');
      const qu = await login(t.app, 'quguanli', DEMO_PASSWORD);
      const me = (await qu.get('/api/auth/me')).json();
      expect(me.roles).toEqual([{ role: 'districtAdmin', nodeId: districts[0]!.id, nodeName: '演示区', nodeKind: 'district' }]);
      expect(me.permissions).toContain('calendar.manage');
      const jiedao = await login(t.app, 'jiedao', DEMO_PASSWORD);
      expect((await jiedao.get('/api/auth/me')).json().permissions).not.toContain('calendar.manage');
    });

    it('issue 13: the demo is coherent — no doubled names, nobody registered at a bare building', async () => {
      // "青禾社区青禾社区第一网格党支部": a name must not repeat the community (or anything else) twice in a row
      const doubled = /(.{2,}(社区|网格))\1/;
      const names = [
        ...(await t.db.selectFrom('org_node').select('name').execute()).map((r) => r.name),
        ...(await t.db.selectFrom('party_org').select('name').execute()).map((r) => r.name),
        ...(await t.db.selectFrom('person').select('address').execute()).map((r) => r.address ?? ''),
      ];
      expect(names.filter((n) => doubled.test(n))).toEqual([]);
      // a building's party group is named with its estate: "晴康里1号楼党小组", not just "1号楼党小组"
      const groups = await t.db
        .selectFrom('party_org as o')
        .innerJoin('org_node as b', 'b.id', 'o.node_id')
        .innerJoin('org_node as e', 'e.id', 'b.parent_id')
        .select(['o.name', 'e.name as estate'])
        .where('o.kind', '=', 'group')
        .execute();
      expect(groups.length).toBeGreaterThan(0);
      for (const g of groups) expect(g.name.startsWith(g.estate)).toBe(true);
      // a resident is registered at their estate, the address naming the building
      const atBuilding = await t.db
        .selectFrom('person as p')
        .innerJoin('org_node as n', 'n.id', 'p.node_id')
        .select(['p.name', 'n.name as node'])
        .where('n.kind', '=', 'building')
        .execute();
      expect(atBuilding).toEqual([]);
    });

    it('has an owner roll with the cases of R3/R4/R37, and the demo owner bound to two units', async () => {
      const yezhu = await login(t.app, 'yezhu', DEMO_PASSWORD);
      const mine = (await yezhu.get('/api/me/units')).json();
      expect(mine.bound).toBe(true);
      expect(mine.units).toHaveLength(2);
      const staff = await login(t.app, 'shequ', DEMO_PASSWORD);
      const roll = (await staff.get(`/api/roll?estateId=${mine.units[0].estateId}`)).json();
      const c = roll.counts;
      expect(c.units).toBeGreaterThanOrEqual(1000);
      expect(c.heads).toBeLessThan(c.units);
      expect(c.developerStockUnits).toBeGreaterThanOrEqual(2);
      expect(c.multiUnitOwners).toBeGreaterThan(0);
      expect(c.coOwnedWithoutVoter).toBeGreaterThan(0);
      expect(c.unownedUnits).toBe(0);
      expect((await staff.get(`/api/roll?estateId=${mine.units[0].estateId}&filter=arrears`)).json().total).toBeGreaterThan(0);
    });

    it('has a governance picture: the plan (R42), statuses with R26 reasons, a running PMC in the first estate', async () => {
      const admin = await login(t.app, 'jiedao', DEMO_PASSWORD);
      const g = (await admin.get('/api/governance')).json();
      expect(g.plan).toMatchObject({ deadline: '2027-06-30' });
      expect(g.summary.pending).toBeGreaterThan(0);
      const running = g.estates.filter((e: { status: string }) => e.status === 'pmcRunning');
      expect(running).toHaveLength(1);
      expect(running[0].committee.certificateNo).toContain('物管证');
      // issue 13: the running committee's progress shows its (finished) case, not 未启动
      expect(running[0].committee.caseId).toEqual(expect.any(Number));
      const kase = (await admin.get(`/api/formation/cases/${running[0].committee.caseId}`)).json();
      expect(kase.state).toBe('established');
      // the certificate is the demo street's own (和睦街道 → 和睦物管证), not another street's
      const street = (await t.db.selectFrom('org_node').select('name').where('kind', '=', 'street').executeTakeFirstOrThrow()).name;
      expect(running[0].committee.certificateNo.startsWith(street.slice(0, 2))).toBe(true);
      expect(g.estates.every((e: { status: string; reason: string | null }) => e.status !== 'pending' || e.reason)).toBe(true);
    });
  });
});
