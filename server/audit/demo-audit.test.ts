import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAuditAction } from '../../core/audit-actions.js';
import { DEMO_PASSWORD, ensureDemoData } from '../demo/load-demo.js';
import { createTestApp, login, type Client, type TestApp } from '../test/harness.js';

const RAW_CODE = /^[a-z]+(\.[a-zA-Z]+)+$/;

interface Item {
  id: number;
  action: string;
  actionLabel: string;
  entityType: string;
  entityLabel: string;
  after: { decisionId?: number } | null;
  object: { label: string; href: string | null };
}

/** The demo street's whole audit log, as its street admin reads it. */
describe('audit log of the demo street', () => {
  let t: TestApp;
  let admin: Client;
  let items: Item[];
  beforeAll(async () => {
    t = await createTestApp();
    await ensureDemoData(t.db);
    admin = await login(t.app, 'jiedao', DEMO_PASSWORD);
    items = [];
    for (let beforeId: number | undefined; ;) {
      const page = (await admin.get(`/api/audit?limit=500${beforeId ? `&beforeId=${beforeId}` : ''}`)).json().items as Item[];
      items.push(...page);
      if (page.length < 500) break;
      beforeId = page.at(-1)!.id;
    }
  });
  afterAll(() => t.close());

  it('every entry: a registered action with its Chinese label, its object named in words, never a code', async () => {
    expect(items.length).toBeGreaterThan(100);
    for (const i of items) {
      expect(isAuditAction(i.action), i.action).toBe(true);
      expect(i.actionLabel).not.toMatch(RAW_CODE);
      expect(i.entityLabel).not.toMatch(/^[a-z_]+$/);
      expect(i.object.label, `${i.action} ${i.entityType}`).not.toMatch(/^[a-z_]+ #?\d+$|#\d+/);
    }
  });

  it('objects link to their pages: notices, decisions (also from a ballot), the street', async () => {
    const links = (type: string) => items.filter((i) => i.entityType === type).map((i) => i.object.href);
    expect(links('public_notice').every((h) => /^\/notices\/\d+$/.test(h ?? ''))).toBe(true);
    for (const type of ['decision', 'paper_entry']) {
      expect(links(type).length, type).toBeGreaterThan(0);
      expect(links(type).every((h) => /^\/decisions\/\d+$/.test(h ?? ''))).toBe(true);
    }
    const paper = items.find((i) => i.entityType === 'paper_entry')!;
    expect(paper.object.href).toBe(`/decisions/${paper.after!.decisionId}`);
    expect(links('street')).toEqual([expect.stringMatching(/^\/org\/\d+$/)]);
  });

  it('the filter selects each action the demo wrote, the formerly unlabelled ones included', async () => {
    const actions = [...new Set(items.map((i) => i.action))];
    expect(actions).toEqual(expect.arrayContaining(['decision.publish', 'ballot.paper.first', 'notice.post']));
    for (const action of actions) {
      const res = await admin.get(`/api/audit?limit=5&action=${action}`);
      expect(res.statusCode).toBe(200);
      const got = res.json().items as Item[];
      expect(got.length).toBeGreaterThan(0);
      expect(new Set(got.map((i) => i.action))).toEqual(new Set([action]));
    }
  });
});
