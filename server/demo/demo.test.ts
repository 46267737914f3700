import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../core/access.js';
import { createTestApp, login, type TestApp } from '../test/harness.js';
import { DEMO_OPTIONS, generate, LARGE_OPTIONS } from './generate.js';
import { DEMO_PASSWORD, ensureDemoData } from './load-demo.js';

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
      expect(g.estates.every((e: { status: string; reason: string | null }) => e.status !== 'pending' || e.reason)).toBe(true);
    });
  });
});
