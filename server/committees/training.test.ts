import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateOf, dayIndex } from '../../core/workdays.js';
import { todayInChina } from '../clock.js';
import { auditCount, makeStreet, type TestStreet } from '../test/factories.js';
import { createTestApp, login, type Client, type Res, type TestApp } from '../test/harness.js';
import { kdb } from './tables.js';

const PDF = { fileName: '课件.pdf', contentType: 'application/pdf', dataBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64') };
const shift = (days: number) => dateOf(dayIndex(todayInChina()) + days);

/**
 * Issue 14 §5 (R41): who must attend comes from the posts (property-company heads of companies
 * serving the street's estates, PMC directors, owners'-committee directors, current during the year);
 * the street records trainings with materials and attendance; coverage per street and community,
 * the missing flagged in December; a community sees its own people.
 */
describe('committees: training coverage (R41)', () => {
  let t: TestApp;
  let s: TestStreet;
  let admin: Client;
  let staff: Client;
  let staff2: Client;
  const p: number[] = [];
  const year = Number(todayInChina().slice(0, 4));

  beforeAll(async () => {
    t = await createTestApp();
    s = await makeStreet(t.db, 'Trn');
    const person = async (name: string) =>
      (await t.db.insertInto('person').values({ street_id: s.street, node_id: s.street, name }).returning('id').executeTakeFirstOrThrow())
        .id;
    for (const n of ['企业负责人甲', '物管会主任乙', '业委会主任丙', '已离任丁']) p.push(await person(n));
    const e11 = s.communities[0]!.estates[0]!.id;
    const e21 = s.communities[1]!.estates[0]!.id;
    await t.db
      .insertInto('post')
      .values([
        { person_id: p[0]!, role: 'companyHead', node_id: s.company, started_on: shift(-800) },
        { person_id: p[1]!, role: 'propertyCommitteeDirector', node_id: e11, started_on: shift(-100) },
        { person_id: p[2]!, role: 'ownersCommitteeMember', node_id: e21, started_on: shift(-100), note: '业委会主任' },
        { person_id: p[3]!, role: 'companyHead', node_id: s.company, started_on: '2020-01-01', ended_on: `${year - 1}-06-30` },
      ])
      .execute();
    admin = await login(t.app, s.accounts.admin!.username);
    staff = await login(t.app, s.accounts.staff1!.username);
    staff2 = await login(t.app, s.accounts.staff2!.username);
  });
  afterAll(() => t.close());

  async function refused(send: () => Promise<Res>, status: number, text?: RegExp) {
    const before = { audits: await auditCount(t.db), n: await kdb(t.db).selectFrom('training').select('id').execute() };
    const r = await send();
    expect(r.statusCode, r.body).toBe(status);
    if (text) expect(r.json().message).toMatch(text);
    expect({ audits: await auditCount(t.db), n: await kdb(t.db).selectFrom('training').select('id').execute() }).toEqual(before);
  }

  it('the street records a training; coverage per community from the posts; the missing flagged in December', async () => {
    const body = { streetId: s.street, heldOn: todayInChina(), topic: '物业管理条例解读', attendeeIds: [p[0]], materials: [PDF] };
    await refused(() => staff.post('/api/trainings', body), 403);
    await refused(() => admin.post('/api/trainings', { ...body, heldOn: shift(1) }), 400, /晚于今天/);
    await refused(() => admin.post('/api/trainings', { ...body, streetId: s.communities[0]!.id }), 400, /街道/);
    await refused(() => admin.post('/api/trainings', { ...body, attendeeIds: [999999] }), 400, /不属于本街道/);
    const r = await admin.post('/api/trainings', body);
    expect(r.statusCode, r.body).toBe(201);
    const dbg = await admin.get(`/api/trainings?nodeId=${s.street}&year=${year}`);
    expect(dbg.statusCode, dbg.body).toBe(200);
    const c = dbg.json();
    expect(c).toMatchObject({ required: 3, attended: 1 });
    expect(c.people.map((x: { name: string }) => x.name).sort()).toEqual(['业委会主任丙', '企业负责人甲', '物管会主任乙'].sort());
    expect(c.communities.find((x: { id: number }) => x.id === s.communities[0]!.id)).toMatchObject({ required: 2, attended: 1 });
    expect(c.communities.find((x: { id: number }) => x.id === s.communities[1]!.id)).toMatchObject({ required: 1, attended: 0 });
    const december = todayInChina() >= `${year}-12-01`;
    expect(c.people.find((x: { name: string }) => x.name === '物管会主任乙').flagged).toBe(december);
    expect(c.trainings[0].materials).toHaveLength(1);
    // a community sees its own people, not the street's
    expect((await staff2.get(`/api/trainings?nodeId=${s.street}&year=${year}`)).statusCode).toBe(404);
    const mine = (await staff2.get(`/api/trainings?nodeId=${s.communities[1]!.id}&year=${year}`)).json();
    expect(mine.people.map((x: { name: string }) => x.name)).toEqual(['业委会主任丙']);
    // attendance corrected
    expect((await admin.put(`/api/trainings/${r.json().id}/attendance`, { personIds: [p[0], p[1], p[2]] })).statusCode).toBe(200);
    expect((await admin.get(`/api/trainings?nodeId=${s.street}&year=${year}`)).json()).toMatchObject({ required: 3, attended: 3 });
    // last year: the head who left mid-year was required then
    const last = (await admin.get(`/api/trainings?nodeId=${s.street}&year=${year - 1}`)).json();
    expect(last.people.map((x: { name: string }) => x.name)).toContain('已离任丁');
  });
});
