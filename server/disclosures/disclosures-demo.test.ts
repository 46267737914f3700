import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCalendarFromPackage } from '../calendar/store.js';
import { ensureDemoData } from '../demo/load-demo.js';
import { createTestApp, login, type TestApp } from '../test/harness.js';

/** The demo street shows the supervision boards working (issue 15): every estate a mix of current, stale and missing. */
describe('demo street: 十公开', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedCalendarFromPackage(t.db);
    await ensureDemoData(t.db);
  });
  afterAll(() => t.close());

  it('every demo estate has its ten items; across the street current, stale and missing all occur; the roll-up and grades read them', async () => {
    const admin = await login(t.app, 'jiedao', 'Gongzhi@2026');
    const r = (await admin.get('/api/disclosures/rollup')).json();
    expect(r.estates.length).toBeGreaterThanOrEqual(20);
    for (const e of r.estates) expect(e.current + e.stale + e.missing).toBe(10);
    expect(r.total.current).toBeGreaterThan(0);
    expect(r.total.stale).toBeGreaterThan(0);
    expect(r.total.missing).toBeGreaterThan(0);
    // the demo estate of the company's login: mostly current, one item stale, one missing, questions answered and open
    const company = await login(t.app, 'wuye', 'Gongzhi@2026');
    const mine = (await company.get('/api/disclosures/my-estates'))
      .json()
      .items.sort((a: { id: number }, b: { id: number }) => a.id - b.id);
    const first = (await t.app.inject({ url: `/api/public/estates/${mine[0].id}/disclosures` })).json();
    const status = (k: string) => first.items.find((i: { key: string }) => i.key === k).status;
    expect(status('serviceStandard')).toBe('current');
    expect(status('feeStandard')).toBe('stale');
    expect(status('paidServices')).toBe('missing');
    expect(first.items.find((i: { key: string }) => i.key === 'publicIncome').income.rows.length).toBe(5);
    expect(first.items.flatMap((i: { questions: unknown[] }) => i.questions).length).toBe(3);
    const district = await login(t.app, 'quzhujian', 'Gongzhi@2026');
    const grades = (await district.get('/api/credit/companies')).json().items;
    expect(grades.length).toBeGreaterThanOrEqual(2);
    for (const g of grades) expect(g.grade).toMatch(/^(AAA|AA|A|B|C)$/);
  });
});
