import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateOf, dayIndex } from '../../core/workdays.js';
import { loadCalendar, seedCalendarFromPackage } from '../calendar/store.js';
import { todayInChina } from '../clock.js';
import { LoggingChannel } from '../notifications/channel.js';
import { auditCount, makeStreet, type TestStreet } from '../test/factories.js';
import { createTestApp, login, type Client, type Res, type TestApp } from '../test/harness.js';
import { listArrearsCandidates } from './jobs.js';
import { kdb } from './tables.js';

const PDF = { fileName: '证据.pdf', contentType: 'application/pdf', dataBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64') };
const shift = (days: number) => dateOf(dayIndex(todayInChina()) + days);

/**
 * Issue 14 §3 (R35, R37): the negative list as data (a street adds items), the community's report
 * with evidence, the street's decision within its working days with reasons; upheld → suspended
 * from that day (refused everywhere, citing R35), a notice to all owners (board, .docx per building,
 * messages to bound owners), the composition re-run flags the committee below R23 with a deadline;
 * lifting clears it; the monthly R37 job lists owner representatives in arrears, suspending nobody.
 */
describe('committees: negative list, suspension and member changes (R35, R37, R28–R30)', () => {
  let t: TestApp;
  let s: TestStreet;
  let admin: Client;
  let staff: Client;
  let staff2: Client;
  let director: Client;
  let member: Client;
  let owner: Client;
  let pmc: number;
  const ids: number[] = [];
  const persons: number[] = [];
  const estate = () => s.communities[0]!.estates[0]!.id;
  const base = () => `/api/committees/pmc/${pmc}`;

  beforeAll(async () => {
    t = await createTestApp();
    await seedCalendarFromPackage(t.db);
    s = await makeStreet(t.db, 'Neg');
    const community = s.communities[0]!.id;
    const po = await t.db
      .insertInto('party_org')
      .values({ street_id: s.street, kind: 'committee', name: 'Neg社区党委', node_id: community })
      .returning('id')
      .executeTakeFirstOrThrow();
    pmc = (
      await t.db
        .insertInto('property_committee')
        .values({ estate_id: estate(), certificate_no: 'Neg物管证〔2026〕1号', established_on: shift(-100) })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const seats = [
      { name: '书记甲', seat: 'director' as const, owner: false, party: true, account: s.accounts.director!.id },
      { name: '委员乙', seat: 'member' as const, owner: false, party: true, account: s.accounts.member!.id },
      { name: '委员丙', seat: 'member' as const, owner: false, party: true, account: null },
      { name: '业主丁', seat: 'deputyDirector' as const, owner: true, party: true, account: null },
      { name: '业主戊', seat: 'member' as const, owner: true, party: false, account: null },
      { name: '业主己', seat: 'member' as const, owner: true, party: false, account: null },
      { name: '业主庚', seat: 'member' as const, owner: true, party: false, account: null },
    ];
    for (const x of seats) {
      const pid = (
        await t.db
          .insertInto('person')
          .values({ street_id: s.street, node_id: estate(), name: x.name, party_status: x.party ? 'full' : 'none' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      persons.push(pid);
      if (x.seat === 'director')
        await t.db
          .insertInto('post')
          .values({ person_id: pid, role: 'partySecretary', node_id: community, party_org_id: po.id, started_on: shift(-400) })
          .execute();
      const row = await kdb(t.db)
        .insertInto('committee_member')
        .values({
          committee_kind: 'pmc',
          committee_id: pmc,
          estate_id: estate(),
          person_id: pid,
          seat: x.seat,
          owner_representative: x.owner,
          account_id: x.account,
          started_on: shift(-100),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    // 业主庚 owns 1号楼101; the owner login is bound to him; another owner login is bound to a neighbour
    const unit = await t.db.selectFrom('unit').select('id').where('estate_id', '=', estate()).orderBy('id').executeTakeFirstOrThrow();
    await t.db
      .insertInto('ownership')
      .values({ unit_id: unit.id, person_id: persons[6]!, started_on: shift(-400) })
      .execute();
    await t.db.insertInto('owner_binding').values({ account_id: s.accounts.owner!.id, person_id: persons[6]!, method: 'staff' }).execute();
    admin = await login(t.app, s.accounts.admin!.username);
    staff = await login(t.app, s.accounts.staff1!.username);
    staff2 = await login(t.app, s.accounts.staff2!.username);
    director = await login(t.app, s.accounts.director!.username);
    member = await login(t.app, s.accounts.member!.username);
    owner = await login(t.app, s.accounts.owner!.username);
  });
  afterAll(() => t.close());

  const snapshot = async () => ({
    audits: await auditCount(t.db),
    reports: await kdb(t.db).selectFrom('negative_report').selectAll().orderBy('id').execute(),
    members: await kdb(t.db).selectFrom('committee_member').select(['id', 'suspended_on', 'ended_on']).orderBy('id').execute(),
    items: await kdb(t.db).selectFrom('negative_item').select('id').execute(),
    notices: await t.db.selectFrom('public_notice').select('id').execute(),
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

  let itemId: number;
  it('the list is data: R35’s items for every street, and items a street adds for itself', async () => {
    const items = (await staff.get(`/api/negative-items?streetId=${s.street}`)).json().items;
    expect(items.map((i: { label: string }) => i.label)).toContain('被列为失信被执行人');
    expect(items).toHaveLength(10);
    await refused(() => staff.post('/api/negative-items', { streetId: s.street, label: '拒不参加培训' }), 403);
    await refused(() => admin.post('/api/negative-items', { streetId: s.communities[0]!.id, label: '拒不参加培训' }), 400, /街道/);
    const r = await admin.post('/api/negative-items', { streetId: s.street, label: '无正当理由拒不参加集中培训' });
    expect(r.statusCode, r.body).toBe(201);
    expect((await staff.get(`/api/negative-items?streetId=${s.street}`)).json().items).toHaveLength(11);
    itemId = items.find((i: { code: string }) => i.code === 'dishonest').id;
  });

  let report: number;
  it('the community reports a member with evidence; the street must decide within 5 working days', async () => {
    const body = { memberId: ids[6], itemId, facts: '经查询，该委员被人民法院列为失信被执行人。', evidence: [PDF] };
    await refused(() => staff.post(`${base()}/negative-reports`, { ...body, evidence: [] }), 400, /证据/);
    await refused(() => director.post(`${base()}/negative-reports`, body), 403, /社区/);
    await refused(() => staff2.post(`${base()}/negative-reports`, body), 404);
    await refused(() => staff.post(`${base()}/negative-reports`, { ...body, memberId: 999999 }), 400, /在任委员/);
    const r = await staff.post(`${base()}/negative-reports`, body);
    expect(r.statusCode, r.body).toBe(201);
    report = r.json().id;
    await refused(() => staff.post(`${base()}/negative-reports`, body), 409, /待街道认定/);
    const d = (await admin.get(`/api/negative-reports/${report}`)).json();
    expect(d).toMatchObject({ state: 'pending', overdue: false, decideBy: (await loadCalendar(t.db)).addWorkdays(todayInChina(), 5).date });
    expect(d.evidence).toHaveLength(1);
    await kdb(t.db)
      .updateTable('negative_report')
      .set({ decide_by: shift(-1) })
      .where('id', '=', report)
      .execute();
    expect((await admin.get('/api/committees')).json().items[0]).toMatchObject({ pendingReports: 1, overdueReports: 1 });
    await kdb(t.db)
      .updateTable('negative_report')
      .set({ decide_by: shift(5) })
      .where('id', '=', report)
      .execute();
  });

  it('upheld: suspended from that day, refused everywhere (R35), owners told, and the committee flagged below R23', async () => {
    await refused(() => staff.post(`/api/negative-reports/${report}/decide`, { upheld: true, reason: '属实' }), 403);
    expect((await staff.get(base())).json().compliance.ok).toBe(true);
    const r = await admin.post(`/api/negative-reports/${report}/decide`, {
      upheld: true,
      reason: '经核实，法院失信被执行人名单中有该委员。',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().compliance.failures.map((f: { rule: string }) => f.rule)).toEqual(['R23']);
    await refused(() => admin.post(`/api/negative-reports/${report}/decide`, { upheld: false, reason: 'x' }), 409, /已认定/);
    const m = await kdb(t.db).selectFrom('committee_member').select('suspended_on').where('id', '=', ids[6]!).executeTakeFirstOrThrow();
    expect(m.suspended_on).toBe(todayInChina());
    // the notice on the estate's board, and a message to the bound owner
    const notice = await t.db.selectFrom('public_notice').selectAll().where('id', '=', r.json().noticeId).executeTakeFirstOrThrow();
    expect(notice).toMatchObject({ kind: 'suspension', node_id: estate(), status: 'published' });
    expect(notice.body).toMatch(/暂停业主庚履行物业管理委员会委员职责/);
    const told = await t.db.selectFrom('notification').select('title').where('account_id', '=', s.accounts.owner!.id).execute();
    expect(told.map((x) => x.title).join()).toMatch(/暂停业主庚/);
    // printable for each building's board
    const building = s.communities[0]!.estates[0]!.buildings[1]!;
    const doc = await staff.get(`/api/negative-reports/${report}/notice.docx?buildingId=${building}`);
    expect(doc.statusCode).toBe(200);
    expect(doc.rawPayload.subarray(0, 2).toString()).toBe('PK');
    await refused(
      () => staff.get(`/api/negative-reports/${report}/notice.docx?buildingId=${s.communities[1]!.estates[0]!.buildings[0]}`),
      400,
      /楼栋/,
    );
    // the committee: 构成不合规 with the rule and a deadline of 20 working days
    const c = (await staff.get(base())).json();
    expect(c.compliance).toMatchObject({
      ok: false,
      since: todayInChina(),
      deadline: (await loadCalendar(t.db)).addWorkdays(todayInChina(), 20).date,
    });
    expect(c.compliance.failures[0].message).toMatch(/业主代表3人，应不少于委员人数的二分之一（7人中至少4人）（R23）/);
    expect((await admin.get('/api/committees')).json().items[0].nonCompliant.failures[0].rule).toBe('R23');
    // and on the governance page: the estate's committee and the overdue list
    const gov = (await admin.get('/api/governance')).json();
    expect(gov.estates.find((e: { id: number }) => e.id === estate()).committee.nonCompliant.failures[0].rule).toBe('R23');
    expect(gov.overdue.map((o: { what: string }) => o.what)).toContain('物管会构成不合规（R23），应限期整改');
    // the suspended member can do nothing for the committee
    const meeting = (await director.post(`${base()}/meetings`, { title: '例会', heldOn: todayInChina(), agenda: ['例行'] })).json();
    await refused(() => owner.post(`${base()}/demands`, { reason: '开会' }), 403, /暂停履行委员职责.*R35/);
    await refused(
      () => staff.put(`/api/committee-meetings/${meeting.id}/attendance`, { attendance: [{ memberId: ids[6], mode: 'inPerson' }] }),
      400,
      /暂停履行职责，不能出席会议（R35）/,
    );
    const mine = (await owner.get('/api/committees/mine')).json().items[0];
    expect(mine.suspendedOn).toBe(todayInChina());
  });

  it('a staff login acting for a suspended member changes nothing (R35), while reading still works', async () => {
    await kdb(t.db).updateTable('committee_member').set({ suspended_on: todayInChina() }).where('id', '=', ids[1]!).execute();
    await refused(() => member.post(`${base()}/demands`, { reason: '开会' }), 403, /R35/);
    const r = await member.get(base());
    expect(r.statusCode).toBe(200);
    await kdb(t.db).updateTable('committee_member').set({ suspended_on: null }).where('id', '=', ids[1]!).execute();
  });

  it('lifting the suspension is recorded and the composition is right again; a removal ends the seat', async () => {
    await refused(() => staff.post(`/api/negative-reports/${report}/outcome`, { outcome: 'lifted', reason: '已移出失信名单' }), 403);
    const r = await admin.post(`/api/negative-reports/${report}/outcome`, { outcome: 'lifted', reason: '已履行判决，移出失信名单' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().compliance.failures).toEqual([]);
    expect((await staff.get(base())).json().compliance.ok).toBe(true);
    await refused(() => admin.post(`/api/negative-reports/${report}/outcome`, { outcome: 'removed', reason: 'x' }), 409, /已办结/);
    // not upheld: nothing happens to the member
    const r2 = await staff.post(`${base()}/negative-reports`, { memberId: ids[5], itemId, facts: '群众反映', evidence: [PDF] });
    const d = await admin.post(`/api/negative-reports/${r2.json().id}/decide`, { upheld: false, reason: '经核查不属实' });
    expect(d.json()).toMatchObject({ noticeId: null, compliance: null });
    const m = await kdb(t.db).selectFrom('committee_member').select('suspended_on').where('id', '=', ids[5]!).executeTakeFirstOrThrow();
    expect(m.suspended_on).toBeNull();
  });

  it('R37 monthly: an owner representative in arrears is listed once a month for the community; nobody is suspended', async () => {
    const unit = await t.db.selectFrom('unit').select('id').where('estate_id', '=', estate()).orderBy('id').executeTakeFirstOrThrow();
    await t.db.updateTable('unit').set({ fee_status: 'arrears' }).where('id', '=', unit.id).execute();
    const sent = new LoggingChannel(() => {});
    expect(await listArrearsCandidates(t.db, todayInChina(), sent)).toBe(1);
    expect(await listArrearsCandidates(t.db, todayInChina(), sent)).toBe(0);
    const c = (await staff.get(base())).json();
    expect(c.candidates).toHaveLength(1);
    expect(c.candidates[0]).toMatchObject({ memberId: ids[6], month: todayInChina().slice(0, 7) });
    expect(c.candidates[0].reason).toMatch(/业主庚.*欠缴物业费（R37）/);
    expect(c.members.find((m: { id: number }) => m.id === ids[6]).suspended).toBe(false);
    const told = await t.db.selectFrom('notification').select('title').where('account_id', '=', s.accounts.staff1!.id).execute();
    expect(told.map((x) => x.title).join()).toMatch(/负面清单线索/);
  });

  let replacement: number;
  it('§1 a resignation ends the seat, posts a 成员变更公告 and flags R22; removal is the street’s', async () => {
    const end = (c: Client, memberId: number, body: object) => c.post(`${base()}/members/${memberId}/end`, body);
    await refused(() => member.post(`${base()}/members/${ids[5]}/end`, { kind: 'resigned', reason: '搬离小区' }), 403);
    await refused(() => director.post(`${base()}/members/${ids[5]}/end`, { kind: 'resigned', reason: '搬离小区' }), 403, /工作人员/);
    await refused(() => staff.post(`${base()}/members/${ids[5]}/end`, { kind: 'removed', reason: '违反承诺' }), 403);
    await refused(() => staff2.post(`${base()}/members/${ids[5]}/end`, { kind: 'resigned', reason: '搬离小区' }), 404);
    const r = await end(staff, ids[5]!, { kind: 'resigned', reason: '搬离小区' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().compliance.failures.map((f: { rule: string }) => f.rule)).toEqual(['R22']);
    const notice = await t.db.selectFrom('public_notice').selectAll().where('id', '=', r.json().noticeId).executeTakeFirstOrThrow();
    expect(notice.title).toMatch(/成员变更公告/);
    expect(notice.body).toMatch(/业主己因个人原因辞去委员职务/);
    const c = (await staff.get(base())).json();
    expect(c.members).toHaveLength(6);
    expect(c.changes[0]).toMatchObject({ kind: 'resigned', name: '业主己' });
    await refused(() => end(staff, ids[5]!, { kind: 'resigned', reason: '再次' }), 404);
  });

  it('§1 a replacement owner representative: nomination (R28, R37), vetting, publicity with objections (R29, R30), the seat restores the composition', async () => {
    const units = await t.db.selectFrom('unit').select('id').where('estate_id', '=', estate()).orderBy('id').execute();
    const person = async (name: string, unitId: number | null) => {
      const id = (
        await t.db
          .insertInto('person')
          .values({ street_id: s.street, node_id: estate(), name, occupation: '教师', address: '2号楼' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      if (unitId)
        await t.db
          .insertInto('ownership')
          .values({ unit_id: unitId, person_id: id, started_on: shift(-300) })
          .execute();
      return id;
    };
    const outsider = await person('外人', null);
    const inArrears = await person('欠费业主', units[0]!.id);
    const good = await person('新业主', units[3]!.id);
    await refused(() => staff.post(`${base()}/replacements`, { personId: outsider, channel: 'self' }), 400, /不是本小区业主/);
    await refused(() => staff.post(`${base()}/replacements`, { personId: inArrears, channel: 'self' }), 400, /欠缴物业费.*R37/);
    await refused(
      () => staff.post(`${base()}/replacements`, { personId: good, channel: 'jointOwners', signerIds: [inArrears] }),
      400,
      /10名以上.*R28/,
    );
    await refused(() => staff.post(`${base()}/replacements`, { personId: persons[6], channel: 'self' }), 409, /已是本委员会委员/);
    const r = await staff.post(`${base()}/replacements`, { personId: good, channel: 'residentsCommittee', vacatedMemberId: ids[5] });
    expect(r.statusCode, r.body).toBe(201);
    replacement = r.json().id;
    await refused(() => staff.post(`/api/committee-replacements/${replacement}/publicize`), 409, /审核通过后/);
    await refused(() => staff.post(`/api/committee-replacements/${replacement}/vet`, { passed: true, reason: '符合条件' }), 403);
    expect((await admin.post(`/api/committee-replacements/${replacement}/vet`, { passed: true, reason: '符合条件' })).statusCode).toBe(200);
    const p = await staff.post(`/api/committee-replacements/${replacement}/publicize`);
    expect(p.statusCode, p.body).toBe(201);
    expect(p.json().endDate).toBe((await loadCalendar(t.db)).addWorkdays(todayInChina(), 5).date);
    const notice = await t.db.selectFrom('public_notice').selectAll().where('id', '=', p.json().noticeId).executeTakeFirstOrThrow();
    expect(notice).toMatchObject({ kind: 'memberList', accepts_objections: true });
    expect(notice.body).toMatch(/新业主，职业：教师，住址：2号楼/);
    await refused(() => admin.post(`/api/committee-replacements/${replacement}/seat`), 400, /公示期.*届满后才能就任（R29）/);
    await t.db
      .updateTable('public_notice')
      .set({ end_date: shift(-1) })
      .where('id', '=', notice.id)
      .execute();
    const objection = await t.db
      .insertInto('objection')
      .values({
        notice_id: notice.id,
        objector_name: '业主甲',
        content: '反对',
        channel: 'paper',
        received_on: todayInChina(),
        verify_due: shift(5),
        verify_due_complete: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await refused(() => admin.post(`/api/committee-replacements/${replacement}/seat`), 400, /异议未核查完毕.*R30/);
    await t.db.updateTable('objection').set({ status: 'rejected', finding: '不成立' }).where('id', '=', objection.id).execute();
    const seated = await admin.post(`/api/committee-replacements/${replacement}/seat`);
    expect(seated.statusCode, seated.body).toBe(200);
    expect(seated.json().compliance.failures).toEqual([]);
    const c = (await staff.get(base())).json();
    expect(c.members).toHaveLength(7);
    expect(c.compliance.ok).toBe(true);
    expect(c.members.find((m: { name: string }) => m.name === '新业主')).toMatchObject({ ownerRepresentative: true, seat: 'member' });
    expect(c.changes[0]).toMatchObject({ kind: 'seated', name: '新业主' });
    const post = await t.db.selectFrom('post').selectAll().where('person_id', '=', good).executeTakeFirstOrThrow();
    expect(post).toMatchObject({ role: 'propertyCommitteeMember', node_id: estate(), note: '业主代表' });
    await refused(() => admin.post(`/api/committee-replacements/${replacement}/seat`), 409);
  });
});
