import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateOf, dayIndex } from '../../core/workdays.js';
import { loadCalendar, seedCalendarFromPackage } from '../calendar/store.js';
import { todayInChina } from '../clock.js';
import { auditCount, makeStreet, type TestStreet } from '../test/factories.js';
import { createTestApp, login, type Client, type Res, type TestApp } from '../test/harness.js';
import { kdb } from './tables.js';

const PDF = { fileName: '整改照片.pdf', contentType: 'application/pdf', dataBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64') };
const shift = (days: number) => dateOf(dayIndex(todayInChina()) + days);

/**
 * Issue 14 §4 (R36): the 述职 opens an evaluation window; owners evaluate on their phones once per
 * R3 head (co-owners once, a multi-unit owner once), counted by heads and by area exactly; the
 * result is published after the window; opinions become rectification items with working-day
 * deadlines, go overdue, are done with evidence, and the feedback is published.
 */
describe('committees: 述职, owner evaluation and rectification (R36)', () => {
  let t: TestApp;
  let s: TestStreet;
  let staff: Client;
  let staff2: Client;
  let director: Client;
  let owner: Client;
  let coOwner: Client;
  let pmc: number;
  let memberId: number;
  const estate = () => s.communities[0]!.estates[0]!.id;

  beforeAll(async () => {
    t = await createTestApp();
    await seedCalendarFromPackage(t.db);
    s = await makeStreet(t.db, 'Eval');
    pmc = (
      await t.db
        .insertInto('property_committee')
        .values({ estate_id: estate(), certificate_no: 'Eval物管证〔2026〕1号', established_on: shift(-300) })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const person = async (name: string) =>
      (await t.db.insertInto('person').values({ street_id: s.street, node_id: estate(), name }).returning('id').executeTakeFirstOrThrow())
        .id;
    const dir = await person('主任');
    memberId = (
      await kdb(t.db)
        .insertInto('committee_member')
        .values({
          committee_kind: 'pmc',
          committee_id: pmc,
          estate_id: estate(),
          person_id: dir,
          seat: 'director',
          account_id: s.accounts.director!.id,
          started_on: shift(-300),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    // 8 units of 89.37 m²: A owns two alone (one head), A and B co-own a third (another head), C one unit
    const units = await t.db.selectFrom('unit').select('id').where('estate_id', '=', estate()).orderBy('id').execute();
    const [a, b, c] = [await person('业主甲'), await person('业主乙'), await person('业主丙')];
    const own = (unit: number, p: number) =>
      t.db
        .insertInto('ownership')
        .values({ unit_id: units[unit]!.id, person_id: p, started_on: shift(-500) })
        .execute();
    await own(0, a);
    await own(1, a);
    await own(2, a);
    await own(2, b);
    await own(3, c);
    // a second owner account for 乙
    const acct = await t.db
      .insertInto('account')
      .values({
        username: 'coowner_eval',
        display_name: '乙',
        password_hash: (
          await t.db.selectFrom('account').select('password_hash').where('id', '=', s.accounts.owner!.id).executeTakeFirstOrThrow()
        ).password_hash,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db.insertInto('role_assignment').values({ account_id: acct.id, role: 'owner', node_id: estate() }).execute();
    await t.db
      .insertInto('owner_binding')
      .values([
        { account_id: s.accounts.owner!.id, person_id: a, method: 'staff' },
        { account_id: acct.id, person_id: b, method: 'staff' },
      ])
      .execute();
    staff = await login(t.app, s.accounts.staff1!.username);
    staff2 = await login(t.app, s.accounts.staff2!.username);
    director = await login(t.app, s.accounts.director!.username);
    owner = await login(t.app, s.accounts.owner!.username);
    coOwner = await login(t.app, 'coowner_eval');
  });
  afterAll(() => t.close());

  const snapshot = async () => ({
    audits: await auditCount(t.db),
    evaluations: await kdb(t.db).selectFrom('committee_evaluation').select(['id', 'choice']).orderBy('id').execute(),
    items: await kdb(t.db).selectFrom('rectification').selectAll().orderBy('id').execute(),
    reports: await kdb(t.db).selectFrom('committee_report').selectAll().orderBy('id').execute(),
  });
  async function refused(send: () => Promise<Res>, status: number, text?: RegExp) {
    const before = await snapshot();
    const r = await send();
    expect(r.statusCode, r.body).toBe(status);
    expect(r.json().message).toMatch(/[\u4e00-\u9fa5]/);
    if (text) expect(r.json().message).toMatch(text);
    expect(await snapshot()).toEqual(before);
    return r;
  }

  let report: number;
  it('the 述职 opens a window; owners evaluate once per R3 head, co-owners once, counted by heads and area', async () => {
    const body = { year: 2026, text: '2026年度，委员会召开会议12次……', opensOn: todayInChina(), closesOn: shift(7) };
    await refused(() => staff2.post(`/api/committees/pmc/${pmc}/reports`, body), 404);
    await refused(() => director.post(`/api/committees/pmc/${pmc}/reports`, { ...body, opensOn: shift(-1) }), 400, /早于今天/);
    const r = await director.post(`/api/committees/pmc/${pmc}/reports`, body);
    expect(r.statusCode, r.body).toBe(201);
    report = r.json().id;
    await refused(() => director.post(`/api/committees/pmc/${pmc}/reports`, body), 409, /已提交/);
    expect((await owner.get('/api/owner/evaluations')).json().items[0]).toMatchObject({ id: report, heads: 2, evaluated: 0 });
    const e = await owner.post(`/api/committee-reports/${report}/evaluate`, { choice: 'dissatisfied', opinion: '地下车库照明长期不修' });
    expect(e.statusCode, e.body).toBe(201);
    expect(e.json()).toEqual({ heads: 2 }); // 甲 alone (units 1–2, one head) and 甲+乙 (unit 3)
    await refused(() => owner.post(`/api/committee-reports/${report}/evaluate`, { choice: 'satisfied' }), 409, /每户只评议一次（R3）/);
    await refused(() => coOwner.post(`/api/committee-reports/${report}/evaluate`, { choice: 'satisfied' }), 409, /共有/);
    await refused(() => staff.post(`/api/committee-reports/${report}/evaluate`, { choice: 'satisfied' }), 403);
    const d = (await staff.get(`/api/committee-reports/${report}`)).json();
    expect(d.result).toMatchObject({
      totalHeads: 7, // the roll's N_T (R3): three owned heads and four units with no owner on the roll yet
      totalAreaCenti: 8 * 8937,
      evaluatedHeads: 2,
      heads: { satisfied: 0, basic: 0, dissatisfied: 2 },
      areaCenti: { dissatisfied: 3 * 8937, satisfied: 0, basic: 0 },
    });
    expect(d.opinions).toHaveLength(2);
    await refused(() => director.post(`/api/committee-reports/${report}/result`), 400, /截止后才能公布/);
  });

  it('after the window the result is published; opinions become items that go overdue, are done with evidence, and the feedback is public', async () => {
    await kdb(t.db)
      .updateTable('committee_report')
      .set({ opens_on: shift(-10), closes_on: shift(-1) })
      .where('id', '=', report)
      .execute();
    await refused(() => owner.post(`/api/committee-reports/${report}/evaluate`, { choice: 'satisfied' }), 400, /截止/);
    const pub = await director.post(`/api/committee-reports/${report}/result`);
    expect(pub.statusCode, pub.body).toBe(201);
    const notice = await t.db
      .selectFrom('public_notice')
      .select(['body', 'kind'])
      .where('id', '=', pub.json().noticeId)
      .executeTakeFirstOrThrow();
    expect(notice.body).toMatch(/共7户，专有部分面积714\.96平方米；参加评议2户，面积268\.11平方米/);
    expect(notice.body).toMatch(/不满意：2户，专有部分面积268\.11平方米/);
    const opinion = (await staff.get(`/api/committee-reports/${report}`)).json().opinions[0];
    await refused(
      () => staff.post(`/api/committee-reports/${report}/rectifications`, { title: '修复车库照明', memberId: 999999, dueWorkdays: 5 }),
      400,
      /在任委员/,
    );
    const it1 = await staff.post(`/api/committee-reports/${report}/rectifications`, {
      title: '修复地下车库照明',
      memberId,
      dueWorkdays: 5,
      evaluationId: opinion.id,
    });
    expect(it1.statusCode, it1.body).toBe(201);
    const item = it1.json().id;
    let d = (await staff.get(`/api/committee-reports/${report}`)).json();
    expect(d.rectifications[0]).toMatchObject({
      dueOn: (await loadCalendar(t.db)).addWorkdays(todayInChina(), 5).date,
      overdue: false,
      state: 'open',
    });
    await kdb(t.db)
      .updateTable('rectification')
      .set({ due_on: shift(-1) })
      .where('id', '=', item)
      .execute();
    d = (await staff.get(`/api/committee-reports/${report}`)).json();
    expect(d.rectifications[0].overdue).toBe(true);
    expect((await staff.get(`/api/committees/pmc/${pmc}`)).json().annualReports[0].overdueItems).toBe(1);
    await refused(() => owner.post(`/api/rectifications/${item}/steps`, { note: '进展', done: false }), 403);
    expect((await director.post(`/api/rectifications/${item}/steps`, { note: '已联系维修单位' })).statusCode).toBe(200);
    await refused(() => director.post(`/api/rectifications/${item}/steps`, { note: '已完成', done: true }), 400, /证明材料/);
    expect(
      (await director.post(`/api/rectifications/${item}/steps`, { note: '已更换全部灯具', done: true, evidence: PDF })).statusCode,
    ).toBe(200);
    d = (await staff.get(`/api/committee-reports/${report}`)).json();
    expect(d.rectifications[0]).toMatchObject({ state: 'done', overdue: false, doneOn: todayInChina() });
    expect(d.rectifications[0].progress).toHaveLength(2);
    const fb = await staff.post(`/api/committee-reports/${report}/feedback`);
    expect(fb.statusCode, fb.body).toBe(201);
    const fbNotice = await t.db.selectFrom('public_notice').selectAll().where('id', '=', fb.json().noticeId).executeTakeFirstOrThrow();
    expect(fbNotice).toMatchObject({ status: 'published', node_id: estate() });
    expect(fbNotice.body).toMatch(/修复地下车库照明.*已于.*完成。已更换全部灯具（逾期完成）/);
  });
});
