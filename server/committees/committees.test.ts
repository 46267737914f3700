import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateOf, dayIndex } from '../../core/workdays.js';
import { loadCalendar, seedCalendarFromPackage } from '../calendar/store.js';
import { todayInChina } from '../clock.js';
import { auditCount, makeStreet, type TestStreet } from '../test/factories.js';
import { createTestApp, login, type Client, type Res, type TestApp } from '../test/harness.js';
import { ddb } from '../decisions/tables.js';
import { LoggingChannel } from '../notifications/channel.js';
import { remindMinutes } from './jobs.js';
import { kdb } from './tables.js';

const PDF = { fileName: '签字页.pdf', contentType: 'application/pdf', dataBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64') };
const shift = (days: number) => dateOf(dayIndex(todayInChina()) + days);

/**
 * Issue 14 §2 (R32): a PMC of seven (four owner representatives) meets and decides — written demands
 * of a third, the director convening, attendance without proxies for owner representatives, the
 * live quorum of members AND owner representatives, resolutions adopted by more than half of ALL
 * members (exactly half is not), signed in the app or from paper, 278 matters handed to the owners,
 * minutes posted for 10 working days with their deadline flagged; a suspended member refused.
 */
describe('committees: meetings and resolutions (R32)', () => {
  let t: TestApp;
  let s: TestStreet;
  let admin: Client;
  let staff: Client;
  let staff2: Client;
  let director: Client;
  let member: Client;
  let owner: Client;
  let district: Client;
  let pmc: number;
  const ids: number[] = []; // committee_member ids: [director, member, other, owner reps ×4]
  const estate = () => s.communities[0]!.estates[0]!.id;
  const base = () => `/api/committees/pmc/${pmc}`;

  beforeAll(async () => {
    t = await createTestApp();
    await seedCalendarFromPackage(t.db);
    s = await makeStreet(t.db, 'Cmte');
    const person = async (name: string) =>
      (await t.db.insertInto('person').values({ street_id: s.street, node_id: estate(), name }).returning('id').executeTakeFirstOrThrow())
        .id;
    const c = await t.db
      .insertInto('property_committee')
      .values({ estate_id: estate(), certificate_no: 'Cmte物管证〔2026〕1号', established_on: shift(-200) })
      .returning('id')
      .executeTakeFirstOrThrow();
    pmc = c.id;
    const seats = [
      { name: '主任甲', seat: 'director' as const, owner: false, account: s.accounts.director!.id },
      { name: '委员乙', seat: 'member' as const, owner: false, account: s.accounts.member!.id },
      { name: '委员丙', seat: 'member' as const, owner: false, account: null },
      { name: '业主丁', seat: 'deputyDirector' as const, owner: true, account: null },
      { name: '业主戊', seat: 'member' as const, owner: true, account: null },
      { name: '业主己', seat: 'member' as const, owner: true, account: null },
      { name: '业主庚', seat: 'member' as const, owner: true, account: null },
    ];
    for (const x of seats) {
      const pid = await person(x.name);
      const row = await kdb(t.db)
        .insertInto('committee_member')
        .values({
          committee_kind: 'pmc',
          committee_id: pmc,
          estate_id: estate(),
          person_id: pid,
          seat: x.seat,
          owner_representative: x.owner,
          sent_by: x.owner ? 'owners' : 'residentsCommittee',
          account_id: x.account,
          started_on: shift(-200),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(row.id);
      // the owner login is bound to 业主庚 on the roll: it signs for them on a phone
      if (x.name === '业主庚')
        await t.db.insertInto('owner_binding').values({ account_id: s.accounts.owner!.id, person_id: pid, method: 'staff' }).execute();
    }
    admin = await login(t.app, s.accounts.admin!.username);
    staff = await login(t.app, s.accounts.staff1!.username);
    staff2 = await login(t.app, s.accounts.staff2!.username);
    director = await login(t.app, s.accounts.director!.username);
    member = await login(t.app, s.accounts.member!.username);
    owner = await login(t.app, s.accounts.owner!.username);
    district = await login(t.app, s.accounts.districtAdmin!.username);
  });
  afterAll(() => t.close());

  const snapshot = async () => ({
    audits: await auditCount(t.db),
    meetings: await kdb(t.db).selectFrom('committee_meeting').selectAll().orderBy('id').execute(),
    attendance: await kdb(t.db)
      .selectFrom('committee_attendance')
      .select(['meeting_id', 'member_id', 'mode'])
      .orderBy('member_id')
      .execute(),
    resolutions: await kdb(t.db).selectFrom('committee_resolution').selectAll().orderBy('id').execute(),
    signatures: await kdb(t.db).selectFrom('committee_signature').select(['resolution_id', 'member_id']).orderBy('member_id').execute(),
    demands: await kdb(t.db).selectFrom('committee_demand').selectAll().orderBy('id').execute(),
    decisions: await ddb(t.db).selectFrom('decision').select('id').execute(),
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

  it('scope: street, community and district see the committee; another community does not; a member sees their own', async () => {
    for (const c of [admin, staff, district, director, member]) {
      const r = await c.get('/api/committees');
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().items.map((x: { id: number }) => x.id)).toContain(pmc);
    }
    expect((await staff2.get('/api/committees')).json().items).toEqual([]);
    await refused(() => staff2.get(base()), 404);
    const d = (await staff.get(base())).json();
    expect(d.members).toHaveLength(7);
    expect(d.canManage).toBe(true);
    expect((await district.get(base())).json().canManage).toBe(false);
    const mine = (await owner.get('/api/committees/mine')).json().items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ committeeId: pmc, memberId: ids[6] });
  });

  let demand: number;
  it('a written demand stands at a third of all members (3 of 7), then the meeting must be convened within the set working days', async () => {
    let r = await member.post(`${base()}/demands`, { reason: '讨论电梯更新' });
    expect(r.statusCode, r.body).toBe(201);
    demand = r.json().id;
    await refused(() => member.post(`/api/committee-demands/${demand}/sign`), 409, /已在该提议上签名/);
    await refused(() => staff2.post(`/api/committee-demands/${demand}/sign`), 403);
    await refused(
      () => director.post(`${base()}/meetings`, { title: '临时会议', heldOn: todayInChina(), agenda: ['电梯更新'], demandId: demand }),
      400,
      /1名委员签名.*至少3人.*R32/,
    );
    r = await owner.post(`/api/committee-demands/${demand}/sign`);
    expect(r.json()).toMatchObject({ signers: 2, standing: false });
    r = await director.post(`/api/committee-demands/${demand}/sign`);
    expect(r.json()).toMatchObject({ signers: 3, standing: true });
    const due = (await loadCalendar(t.db)).addWorkdays(todayInChina(), 5).date;
    const d = (await staff.get(base())).json().demands[0];
    expect(d).toMatchObject({ deadline: due, overdue: false, signers: [ids[0]!, ids[1]!, ids[6]!].sort((a, b) => a - b) });
    // paper demands are recorded by staff with the scan
    await refused(() => staff.post(`${base()}/demands/paper`, { reason: '纸质提议', memberIds: [ids[2]] }), 400, /扫描件/);
    await refused(() => member.post(`${base()}/demands/paper`, { reason: '纸质提议', memberIds: [ids[2]], scan: PDF }), 403);
    // overdue when not convened by the deadline
    await kdb(t.db)
      .updateTable('committee_demand')
      .set({ deadline: shift(-1) })
      .where('id', '=', demand)
      .execute();
    expect((await staff.get(base())).json().demands[0].overdue).toBe(true);
    expect((await admin.get('/api/committees')).json().items[0].overdueDemands).toBe(1);
  });

  let meeting: number;
  it('the director convenes with an agenda and members are notified; members and owners cannot convene', async () => {
    await refused(() => member.post(`${base()}/meetings`, { title: '例会', heldOn: todayInChina(), agenda: ['x'] }), 403);
    await refused(() => owner.post(`${base()}/meetings`, { title: '例会', heldOn: todayInChina(), agenda: ['x'] }), 403);
    await refused(() => director.post(`${base()}/meetings`, { title: '例会', heldOn: todayInChina(), agenda: [] }), 400, /议题/);
    await refused(() => director.post(`${base()}/meetings`, { title: '例会', heldOn: shift(-1), agenda: ['x'] }), 400, /早于今天/);
    const r = await director.post(`${base()}/meetings`, {
      title: '电梯更新专题会',
      heldOn: todayInChina(),
      agenda: ['电梯更新', '选聘物业'],
      demandId: demand,
    });
    expect(r.statusCode, r.body).toBe(201);
    meeting = r.json().id;
    expect(r.json()).toMatchObject({
      convenedBy: 'demand',
      state: 'convened',
      quorum: { quorate: false, members: 7, ownerRepresentatives: 4 },
    });
    const notes = await t.db.selectFrom('notification').select('account_id').where('title', 'like', '会议通知：电梯更新专题会').execute();
    expect(notes.map((n) => n.account_id).sort()).toEqual([s.accounts.director!.id, s.accounts.member!.id, s.accounts.owner!.id].sort());
    expect((await staff.get(base())).json().demands[0]).toMatchObject({ meetingId: meeting, overdue: false });
  });

  it('quorum is live: a majority of all members AND of the owner representatives; owner representatives send no proxy', async () => {
    const put = (rows: { memberId: number; mode?: string; proxy?: string }[]) =>
      staff.put(`/api/committee-meetings/${meeting}/attendance`, { attendance: rows.map((x) => ({ mode: 'inPerson', ...x })) });
    await refused(() => put([{ memberId: ids[3]!, proxy: '王某' }]), 400, /业主代表委员，不得委托.*R32/);
    await refused(() => member.put(`/api/committee-meetings/${meeting}/attendance`, { attendance: [] }), 403);
    // 4 of 7 members, but only 2 of 4 owner representatives: not quorate
    let r = await put([{ memberId: ids[0]! }, { memberId: ids[1]! }, { memberId: ids[3]! }, { memberId: ids[4]!, mode: 'online' }]);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().quorum).toMatchObject({ quorate: false, present: 4, ownerRepresentativesPresent: 2 });
    expect(r.json().quorum.reasons.join()).toMatch(/业主代表2人，未过业主代表4人的半数（至少3人）/);
    // 3 of 7 members with 3 owner representatives: the members' majority fails
    r = await put([{ memberId: ids[3]! }, { memberId: ids[4]! }, { memberId: ids[5]! }]);
    expect(r.json().quorum.reasons.join()).toMatch(/出席委员3人，未过全体委员7人的半数（至少4人）/);
    // a non-owner member may be represented
    r = await put([{ memberId: ids[2]!, proxy: '丙的代理人' }, { memberId: ids[3]! }, { memberId: ids[4]! }, { memberId: ids[5]! }]);
    expect(r.json().quorum).toMatchObject({ quorate: true, present: 4, ownerRepresentativesPresent: 3, reasons: [] });
  });

  let res1: number;
  let res278: number;
  it('resolutions come after the meeting is held and quorate; adopted by more than half of ALL members', async () => {
    await refused(
      () => staff.post(`/api/committee-meetings/${meeting}/resolutions`, { title: '决议', text: '内容' }),
      409,
      /召开并登记纪要/,
    );
    let r = await director.post(`/api/committee-meetings/${meeting}/hold`, { minutes: '会议讨论了电梯更新。' });
    expect(r.statusCode, r.body).toBe(200);
    r = await director.post(`/api/committee-meetings/${meeting}/resolutions`, {
      title: '委托电梯安全评估',
      text: '委托第三方评估电梯安全状况。',
    });
    expect(r.statusCode, r.body).toBe(201);
    res1 = r.json().resolutions[0].id;
    r = await director.post(`/api/committee-meetings/${meeting}/resolutions`, {
      title: '选聘新物业服务企业',
      text: '解聘现物业，选聘新物业。',
      items: [4],
    });
    res278 = r.json().resolutions[1].id;
    expect(r.json().resolutions[1]).toMatchObject({ items: [4], state: 'open' });
    // the phone lists the ordinary resolution for signature, never the 278 matter
    const toSign = (await owner.get('/api/committees/mine')).json().items[0].toSign.map((x: { id: number }) => x.id);
    expect(toSign).toEqual([res1]);

    for (const c of [director, member, owner]) expect((await c.post(`/api/committee-resolutions/${res1}/sign`)).statusCode).toBe(200);
    await refused(() => owner.post(`/api/committee-resolutions/${res1}/sign`), 409, /已在该决议上签字/);
    await refused(() => staff2.post(`/api/committee-resolutions/${res1}/sign`), 403);
    await refused(() => staff.post(`/api/committee-resolutions/${res1}/sign`), 403);
    // paper: only staff, with the scan
    await refused(() => director.post(`/api/committee-resolutions/${res1}/paper`, { memberIds: [ids[2]], scan: PDF }), 403, /工作人员/);
    r = await staff.get(`/api/committee-meetings/${meeting}`);
    expect(r.json().resolutions[0].adoption).toMatchObject({ adopted: false, signed: 3, needed: 4 });
    r = await staff.post(`/api/committee-resolutions/${res1}/paper`, { memberIds: [ids[2]], scan: PDF });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().adoption).toMatchObject({ adopted: true, signed: 4, members: 7 });
    const row = await kdb(t.db).selectFrom('committee_resolution').selectAll().where('id', '=', res1).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'adopted', adopted_on: todayInChina() });
    await refused(() => staff.post(`/api/committee-resolutions/${res1}/paper`, { memberIds: [ids[3]], scan: PDF }), 409, /已通过/);
  });

  it('a 民法典 278 matter cannot be adopted: it becomes an owners’ decision draft carrying its items', async () => {
    await refused(() => director.post(`/api/committee-resolutions/${res278}/sign`), 400, /业主共同决定.*第二百七十八条/);
    await refused(() => director.post(`/api/committee-resolutions/${res1}/to-owners`), 400, /不涉及/);
    const r = await staff.post(`/api/committee-resolutions/${res278}/to-owners`);
    expect(r.statusCode, r.body).toBe(201);
    const decision = await ddb(t.db).selectFrom('decision').selectAll().where('id', '=', r.json().decisionId).executeTakeFirstOrThrow();
    expect(decision).toMatchObject({ state: 'draft', estate_id: estate(), organiser: '物业管理委员会', title: '选聘新物业服务企业' });
    const motions = await ddb(t.db)
      .selectFrom('decision_motion')
      .select(['item', 'kind', 'title'])
      .where('decision_id', '=', decision.id)
      .execute();
    expect(motions).toEqual([{ item: 4, kind: 'choice', title: '选聘新物业服务企业' }]);
    await refused(() => staff.post(`/api/committee-resolutions/${res278}/to-owners`), 409, /已转为/);
  });

  it('exactly half of all members is not adopted (a seat vacant: 3 of 6), one more signature adopts', async () => {
    await kdb(t.db)
      .updateTable('committee_member')
      .set({ ended_on: todayInChina(), end_reason: '辞职' })
      .where('id', '=', ids[1]!)
      .execute();
    const r0 = await director.post(`/api/committee-meetings/${meeting}/resolutions`, {
      title: '增设充电桩',
      text: '同意在地面停车场增设充电桩。',
    });
    expect(r0.statusCode, r0.body).toBe(201);
    const res = r0.json().resolutions[2].id;
    await refused(() => member.post(`/api/committee-resolutions/${res}/sign`), 403, /在任委员/);
    for (const c of [director, owner]) await c.post(`/api/committee-resolutions/${res}/sign`);
    const r = await staff.post(`/api/committee-resolutions/${res}/paper`, { memberIds: [ids[3]], scan: PDF });
    expect(r.json().adoption).toMatchObject({ adopted: false, signed: 3, members: 6, needed: 4 });
    const r2 = await staff.post(`/api/committee-resolutions/${res}/paper`, { memberIds: [ids[4]], scan: PDF });
    expect(r2.json().adoption).toMatchObject({ adopted: true, signed: 4, members: 6 });
    await kdb(t.db).updateTable('committee_member').set({ ended_on: null, end_reason: null }).where('id', '=', ids[1]!).execute();
  });

  it('a suspended member can neither attend nor sign nor demand (R35); counted in the denominator by default', async () => {
    const r0 = await director.post(`/api/committee-meetings/${meeting}/resolutions`, { title: '公共收益公示', text: '按季度公示。' });
    const res = r0.json().resolutions[3].id;
    await kdb(t.db).updateTable('committee_member').set({ suspended_on: todayInChina() }).where('id', '=', ids[6]!).execute();
    await refused(() => owner.post(`/api/committee-resolutions/${res}/sign`), 403, /暂停履行委员职责.*R35/);
    await refused(() => owner.post(`${base()}/demands`, { reason: '再开会' }), 403, /R35/);
    await refused(
      () => staff.post(`/api/committee-resolutions/${res}/paper`, { memberIds: [ids[6]], scan: PDF }),
      400,
      /暂停履行职责.*R35/,
    );
    const m = (await staff.get(`/api/committee-meetings/${meeting}`)).json();
    expect(m.quorum.members).toBe(7);
    await kdb(t.db).updateTable('committee_member').set({ suspended_on: null }).where('id', '=', ids[6]!).execute();
  });

  it('minutes are posted within 3 days for 10 working days, with the .docx; a meeting not posted in time is flagged', async () => {
    const docx = await staff.get(`/api/committee-meetings/${meeting}/minutes.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    await refused(() => staff.post(`/api/committee-meetings/${meeting}/publish`, { publishDate: shift(1) }), 400, /晚于今天/);
    await refused(() => staff.post(`/api/committee-meetings/${meeting}/publish`, { publishDate: shift(-1) }), 400, /早于会议日期/);
    await refused(() => member.post(`/api/committee-meetings/${meeting}/publish`, {}), 403);
    const r = await staff.post(`/api/committee-meetings/${meeting}/publish`, {});
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().endDate).toBe((await loadCalendar(t.db)).addWorkdays(todayInChina(), 10).date);
    const notice = await t.db.selectFrom('public_notice').selectAll().where('id', '=', r.json().noticeId).executeTakeFirstOrThrow();
    expect(notice).toMatchObject({ kind: 'disclosure', status: 'published', node_id: estate(), period_days: 10, period_unit: 'workdays' });
    expect(notice.body).toMatch(/委托电梯安全评估.*已通过/);
    const att = await t.db.selectFrom('notice_attachment').select(['file_name']).where('notice_id', '=', notice.id).execute();
    expect(att[0]!.file_name).toMatch(/\.docx$/);
    await refused(() => staff.post(`/api/committee-meetings/${meeting}/publish`, {}), 409, /已公示/);
    expect((await staff.get(`/api/committee-meetings/${meeting}`)).json().minutesStatus.status).toBe('posted');

    // a meeting held 3 days ago is due today (reminded); 4 days ago, overdue
    const other = await director.post(`${base()}/meetings`, { title: '月例会', heldOn: todayInChina(), agenda: ['例行'] });
    const id = other.json().id;
    await director.post(`/api/committee-meetings/${id}/hold`, { minutes: '例行事项。' });
    await kdb(t.db)
      .updateTable('committee_meeting')
      .set({ held_on: shift(-3) })
      .where('id', '=', id)
      .execute();
    expect((await staff.get(`/api/committee-meetings/${id}`)).json().minutesStatus).toEqual({
      status: 'dueSoon',
      deadline: todayInChina(),
    });
    expect((await admin.get('/api/committees')).json().items[0].minutesOverdue).toBe(0);
    await kdb(t.db)
      .updateTable('committee_meeting')
      .set({ held_on: shift(-4) })
      .where('id', '=', id)
      .execute();
    expect((await staff.get(`/api/committee-meetings/${id}`)).json().minutesStatus.status).toBe('overdue');
    expect((await admin.get('/api/committees')).json().items[0].minutesOverdue).toBe(1);
  });

  it('the hourly job reminds the director and community staff once of minutes due or overdue (R32)', async () => {
    const sent = new LoggingChannel(() => {});
    expect(await remindMinutes(t.db, todayInChina(), sent)).toBe(1);
    expect(await remindMinutes(t.db, todayInChina(), sent)).toBe(0);
    const told = await t.db
      .selectFrom('notification')
      .select(['account_id', 'title'])
      .where('title', 'like', '会议纪要逾期未公示%')
      .execute();
    expect(told.map((x) => x.account_id).sort()).toEqual([s.accounts.staff1!.id, s.accounts.director!.id].sort());
  });
});
