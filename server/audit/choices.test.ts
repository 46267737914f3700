import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HIDDEN_CHOICES } from '../../core/audit-actions.js';
import { dateOf, dayIndex } from '../../core/workdays.js';
import { todayInChina } from '../clock.js';
import { ddb } from '../decisions/tables.js';
import { makeStreet, type TestStreet } from '../test/factories.js';
import { announcedOn } from '../test/history.js';
import { createTestApp, login, type Client, type TestApp } from '../test/harness.js';

const PDF = { fileName: '表决票.pdf', contentType: 'application/pdf', dataBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64') };
const shift = (days: number) => dateOf(dayIndex(todayInChina()) + days);

interface Item {
  action: string;
  actionLabel: string;
  before: unknown;
  after: { decisionId?: number; answers?: unknown } | null;
  choicesHidden: boolean;
  object: { label: string; href: string | null };
}

/**
 * Nobody reads a room's choices before the count is published (R19, R21 keep them in the trail):
 * the audit read hides the `answers` of ballot.cast / ballot.paper.* entries while the decision is
 * not yet published, shows them afterwards, and never changes what is stored — the chain verifies.
 */
describe('audit: choices are hidden until the result is published', () => {
  let t: TestApp;
  let s: TestStreet;
  let admin: Client;
  let director: Client;
  let decisionId: number;

  const ballotEntries = async () => {
    const res = await admin.get('/api/audit?limit=200');
    expect(res.statusCode).toBe(200);
    return (res.json().items as Item[]).filter((i) => i.after?.decisionId === decisionId && /^ballot\./.test(i.action));
  };

  beforeAll(async () => {
    t = await createTestApp();
    s = await makeStreet(t.db, 'Hide');
    admin = await login(t.app, s.accounts.admin!.username);
    director = await login(t.app, s.accounts.director!.username);
    const staff = await login(t.app, s.accounts.staff1!.username);
    const owner = await login(t.app, s.accounts.owner!.username);
    const estate = s.communities[0]!.estates[0]!;
    const units = await t.db.selectFrom('unit').select('id').where('building_id', '=', estate.buildings[0]!).orderBy('number').execute();
    const [a, b] = await Promise.all(
      ['甲', '乙'].map(
        async (name) =>
          (
            await t.db
              .insertInto('person')
              .values({ street_id: s.street, node_id: estate.id, name })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id,
      ),
    );
    await t.db.insertInto('ownership').values({ unit_id: units[0]!.id, person_id: a!, started_on: '2020-01-01' }).execute();
    await t.db.insertInto('ownership').values({ unit_id: units[1]!.id, person_id: b!, started_on: '2020-01-01' }).execute();
    await t.db.insertInto('owner_binding').values({ account_id: s.accounts.owner!.id, person_id: a!, method: 'staff' }).execute();

    const r = await director.post('/api/decisions', {
      estateId: estate.id,
      buildingIds: [estate.buildings[0]],
      title: '选聘物业服务企业',
      organiser: '物业管理委员会',
      motions: [{ title: '选聘物业服务企业', item: 4 }],
      opensOn: shift(0),
      closesOn: shift(9),
    });
    expect(r.statusCode, r.body).toBe(201);
    decisionId = r.json().id as number;
    await announcedOn(t.db, decisionId, shift(-15));
    expect((await director.post(`/api/decisions/${decisionId}/open`)).statusCode).toBe(200);
    expect((await owner.post(`/api/decisions/${decisionId}/vote`, { answers: { m1: 'yes' } })).statusCode).toBe(201);
    const paper = await staff.post(`/api/decisions/${decisionId}/paper`, { unitId: units[1]!.id, answers: { m1: 'no' }, scan: PDF });
    expect(paper.statusCode, paper.body).toBe(201);
  });
  afterAll(() => t.close());

  it('during voting the street admin reads who voted, never how: no answers in any ballot entry', async () => {
    const entries = await ballotEntries();
    expect(entries.map((e) => e.action).sort()).toEqual(['ballot.cast', 'ballot.paper.first']);
    for (const e of entries) {
      expect(e.choicesHidden).toBe(true);
      expect(e.after!.answers).toBe(HIDDEN_CHOICES);
      expect(JSON.stringify(e)).not.toMatch(/"(yes|no|abstain)"/);
      expect(e.object.href).toBe(`/decisions/${decisionId}`);
      expect(e.object.label).toContain('《选聘物业服务企业》');
    }
    expect(entries.map((e) => e.actionLabel).sort()).toEqual(['业主在线投票', '录入纸质表决票']);
    // what is stored is unchanged: the choices are there, and the chain holds
    const stored = await t.db.selectFrom('audit_entry').select('after').where('action', '=', 'ballot.cast').executeTakeFirstOrThrow();
    expect((stored.after as { answers: unknown }).answers).toEqual({ m1: 'yes' });
    expect((await admin.get('/api/audit/verify')).json()).toMatchObject({ ok: true, firstBroken: null });
  });

  it('still hidden once voting has closed but the result is not yet published', async () => {
    await ddb(t.db)
      .updateTable('decision')
      .set({ opens_on: shift(-10), closes_on: shift(-1) })
      .where('id', '=', decisionId)
      .execute();
    expect((await director.post(`/api/decisions/${decisionId}/close`)).statusCode).toBe(200);
    for (const e of await ballotEntries()) expect(e.after!.answers).toBe(HIDDEN_CHOICES);
  });

  it('after publication the choices are shown, and the chain still verifies', async () => {
    const published = await director.post(`/api/decisions/${decisionId}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    const entries = await ballotEntries();
    const answers = Object.fromEntries(entries.map((e) => [e.action, e.after!.answers]));
    expect(answers).toEqual({ 'ballot.cast': { m1: 'yes' }, 'ballot.paper.first': { m1: 'no' } });
    for (const e of entries) expect(e.choicesHidden).toBe(false);
    expect((await admin.get('/api/audit/verify')).json()).toMatchObject({ ok: true, firstBroken: null });
  });
});
