import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ASSESSMENT } from '../../core/assessment.js';
import { DEMO_PASSWORD, ensureDemoData } from '../demo/load-demo.js';
import { createTestApp, login, type Client, type TestApp } from '../test/harness.js';

describe('社区目标考核 and reports (issue 18 §3)', () => {
  let t: TestApp;
  let street: Client;
  let streetId: number;
  beforeAll(async () => {
    t = await createTestApp();
    await ensureDemoData(t.db);
    street = await login(t.app, 'jiedao', DEMO_PASSWORD);
    streetId = (await street.get('/api/overview')).json().node.id;
  }, 120_000);
  afterAll(() => t.close());

  it('scores every community from the overview figures, each item explained', async () => {
    const a = (await street.get(`/api/assessment?nodeId=${streetId}`)).json();
    const o = (await street.get('/api/overview')).json();
    expect(a.custom).toBe(false);
    expect(a.communities.map((c: any) => c.id)).toEqual(o.children.map((c: any) => c.id));
    for (const c of a.communities) {
      for (const i of c.items) {
        const k = o.figures.find((f: any) => f.code === i.figure).byChild.find((x: any) => x.id === c.id);
        expect({ value: i.value, of: i.of }).toEqual({ value: k.value, of: k.of });
        expect(i.explanation).toBeTruthy();
      }
      expect(c.total).toBeGreaterThanOrEqual(0);
      expect(c.total).toBeLessThanOrEqual(100);
    }
    expect(new Set(a.communities.map((c: any) => c.rank)).size).toBeGreaterThan(0);
  });

  it('the street changes the weights (audited); a community and a bad sum are refused, nothing changed', async () => {
    const shequ = await login(t.app, 'shequ', DEMO_PASSWORD);
    const next = { items: [{ figure: 'coverage', mode: 'rate', weight: 100 }], overdueDeduction: 0, overdueCap: 0 };
    expect((await shequ.put(`/api/assessment/settings?nodeId=${streetId}`, next)).statusCode).toBe(403);
    const bad = await street.put(`/api/assessment/settings?nodeId=${streetId}`, {
      ...next,
      items: [{ figure: 'coverage', mode: 'rate', weight: 99 }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('各项分值合计应为100分，现为99分');
    expect((await street.get(`/api/assessment?nodeId=${streetId}`)).json().settings).toEqual(DEFAULT_ASSESSMENT);
    expect((await street.put(`/api/assessment/settings?nodeId=${streetId}`, next)).statusCode).toBe(200);
    const a = (await street.get(`/api/assessment?nodeId=${streetId}`)).json();
    expect(a.custom).toBe(true);
    const o = (await street.get('/api/overview')).json();
    const cov = o.figures.find((f: any) => f.code === 'coverage');
    for (const c of a.communities) {
      const k = cov.byChild.find((x: any) => x.id === c.id);
      expect(c.total).toBe(k.of ? Math.floor((k.value * 10000 * 2 + k.of) / (2 * k.of)) / 100 : 0);
    }
    const audit = await t.db.selectFrom('audit_entry').select(['action', 'node_id']).where('action', '=', 'assessment.settings').execute();
    expect(audit).toEqual([{ action: 'assessment.settings', node_id: streetId }]);
  });

  it('exports the assessment and writes the monthly 通报 and the year-end summary as .docx', async () => {
    const x = await street.get(`/api/assessment/export.xlsx?nodeId=${streetId}`);
    expect(x.statusCode).toBe(200);
    for (const kind of ['monthly', 'annual']) {
      const d = await street.get(`/api/overview/report.docx?kind=${kind}`);
      expect(d.statusCode).toBe(200);
      expect(d.rawPayload.subarray(0, 2).toString()).toBe('PK');
    }
    expect((await street.get(`/api/overview/report.docx?kind=weekly`)).statusCode).toBe(400);
    const community = (await street.get('/api/overview')).json().children[0].id;
    expect((await street.get(`/api/assessment?nodeId=${community}`)).statusCode).toBe(400);
  });
});
