import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCalendarFromPackage } from '../calendar/store.js';
import { ensureDemoData } from '../demo/load-demo.js';
import { createTestApp, login, type TestApp } from '../test/harness.js';

/** The demo street's survey and classes (issue 18 §1): every estate surveyed and classed, pilots, an override. */
describe('demo street: 调查摸底 and 分类管理', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedCalendarFromPackage(t.db);
    await ensureDemoData(t.db);
  });
  afterAll(() => t.close());

  it('every demo estate has a survey and a class with its reason; two pilots; one override; every class used', async () => {
    const admin = await login(t.app, 'jiedao', 'Gongzhi@2026');
    const c = (await admin.get('/api/survey/classification')).json();
    expect(c.estates.length).toBe(24);
    for (const e of c.estates) {
      expect(e.surveyedOn).toMatch(/^2026-10-/);
      expect(e.reason.length).toBeGreaterThan(0);
    }
    expect(c.pilots).toHaveLength(2);
    expect(c.estates.filter((e: { overridden: boolean }) => e.overridden)).toHaveLength(1);
    for (const k of c.counts) expect(k.estates, k.label).toBeGreaterThan(0);
    // the community login fills its estates' surveys; the history shows who
    const shequ = await login(t.app, 'shequ', 'Gongzhi@2026');
    const mine = (await shequ.get('/api/survey/classification')).json().estates;
    const page = (await shequ.get(`/api/estates/${mine[1].id}/survey`)).json();
    expect(page.canFill).toBe(true);
    expect(page.history[0].by).toBe('社区干部 张丽');
  });
});
