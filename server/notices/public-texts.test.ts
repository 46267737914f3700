import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, ensureDemoData } from '../demo/load-demo.js';
import { createTestApp, login, type TestApp } from '../test/harness.js';

/** What a resident must never meet: an internal rule id (R1…R42) or a developer's command. */
const INTERNAL = /R\d{1,2}\b|npx/;

const docxText = async (body: Buffer) => {
  const zip = await JSZip.loadAsync(body);
  return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
};

/**
 * Residents read the law cited by its name and article, never the rule ids the code uses: every
 * notice of the demo street (formation, member list, objection results, decisions, dissolution …),
 * the public estate board and its decisions, the official documents (.docx, print, certificate).
 */
describe('public texts of the demo street carry no rule ids and no developer commands', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await ensureDemoData(t.db);
  });
  afterAll(() => t.close());

  it('every notice, its print version and its .docx', async () => {
    const notices = await t.db.selectFrom('public_notice').select(['id', 'title', 'body', 'status', 'kind']).execute();
    // the demo's decisions posted their topics, their roll totals and their results; its committee its
    // minutes and a suspension (issue 14); its supervision boards their notices (issue 15): every kind is read
    expect(notices.length).toBeGreaterThanOrEqual(5);
    expect(new Set(notices.map((n) => n.kind))).toEqual(new Set(['other', 'decisionResult', 'suspension', 'disclosure']));
    const bad = notices
      .filter((n) => INTERNAL.test(n.title) || INTERNAL.test(n.body))
      .map((n) => `${n.title}: ${n.body.match(/.{0,30}(R\d{1,2}\b|npx).{0,10}/)?.[0]}`);
    expect(bad).toEqual([]);
    for (const n of notices.filter((x) => x.status !== 'draft')) {
      const print = await t.app.inject({ method: 'GET', url: `/api/public/notices/${n.id}/print` });
      expect(print.statusCode).toBe(200);
      expect(print.body.replace(/<[^>]+>/g, '')).not.toMatch(INTERNAL);
      const docx = await t.app.inject({ method: 'GET', url: `/api/public/notices/${n.id}/document.docx` });
      expect(await docxText(docx.rawPayload)).not.toMatch(INTERNAL);
    }
  });

  it('the public estate board, its published decisions and their result documents', async () => {
    const estates = await t.db.selectFrom('org_node').select('id').where('kind', '=', 'estate').execute();
    let decisions = 0;
    for (const e of estates) {
      const board = await t.app.inject({ method: 'GET', url: `/api/public/estates/${e.id}/notices` });
      expect(board.statusCode).toBe(200);
      expect(board.body).not.toMatch(INTERNAL);
      const ds = await t.app.inject({ method: 'GET', url: `/api/public/estates/${e.id}/decisions` });
      expect(ds.body).not.toMatch(INTERNAL);
      for (const d of ds.json().items as { id: number }[]) {
        decisions++;
        const doc = await t.app.inject({ method: 'GET', url: `/api/public/decisions/${d.id}/result.docx` });
        expect(doc.statusCode).toBe(200);
        expect(await docxText(doc.rawPayload)).not.toMatch(INTERNAL);
      }
    }
    expect(decisions).toBeGreaterThan(0);
  });

  it('the establishment certificate of every established committee', async () => {
    const c = await login(t.app, 'jiedao', DEMO_PASSWORD);
    const cases = await t.db.selectFrom('formation_case').select('id').where('certificate_no', 'is not', null).execute();
    expect(cases.length).toBeGreaterThan(0);
    for (const k of cases) {
      const res = await c.get(`/api/formation/cases/${k.id}/certificate.docx`);
      expect(res.statusCode, res.body).toBe(200);
      const text = await docxText(res.rawPayload);
      expect(text).toContain('特此证明');
      expect(text).not.toMatch(INTERNAL);
    }
  });
});
