import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateOf, dayIndex } from '../../core/workdays.js';
import { seedCalendarFromPackage } from '../calendar/store.js';
import { todayInChina } from '../clock.js';
import { auditCount, makeStreet, type TestStreet } from '../test/factories.js';
import { createTestApp, login, type Client, type Res, type TestApp } from '../test/harness.js';
import { LoggingChannel } from '../notifications/channel.js';
import { remindOverdueRectifications } from './jobs.js';
import { remindAnnualReports } from './street-setting.js';
import { kdb } from './tables.js';
import { OWNERS_ROSTER_BACKFILL } from '../db/migrations/20261207_0035_committee_work.js';
import { runStatements } from '../db/run-statements.js';

const PDF = { fileName: '议题材料.pdf', contentType: 'application/pdf', dataBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64') };
const shift = (days: number) => dateOf(dayIndex(todayInChina()) + days);

/**
 * Issue 14, the committee at work beyond §1–§5: an owners' committee (业委会) on the same machinery,
 * meeting files per agenda item, cancellation before the meeting (state machine in core), the 述职
 * meeting with invited owner representatives (R36), the street's 述职 month and its reminder, the
 * overdue rectification reminder (once per overdue period), and a committee's own training (R41).
 */
describe('committees at work: 业委会, cancellation, files, 述职 meeting, settings, reminders', () => {
  let t: TestApp;
  let s: TestStreet;
  let admin: Client;
  let staff: Client;
  let staff2: Client;
  let director: Client;
  let member: Client;
  let owner: Client;
  let pmc: number;
  let ownersId: number;
  const ids: number[] = []; // PMC members: director, member, owner representative (bound to the owner login)
  const persons: number[] = [];
  const ownerPersons: number[] = []; // owners of the second estate
  const estate = () => s.communities[0]!.estates[0]!.id;
  const estate2 = () => s.communities[0]!.estates[1]!.id;
  const base = () => `/api/committees/pmc/${pmc}`;

  beforeAll(async () => {
    t = await createTestApp();
    await seedCalendarFromPackage(t.db);
    s = await makeStreet(t.db, 'Work');
    const person = async (name: string, node: number) =>
      (await t.db.insertInto('person').values({ street_id: s.street, node_id: node, name }).returning('id').executeTakeFirstOrThrow()).id;
    pmc = (
      await t.db
        .insertInto('property_committee')
        .values({ estate_id: estate(), certificate_no: 'Work物管证〔2026〕1号', established_on: shift(-200) })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const seats = [
      { name: '主任甲', seat: 'director' as const, owner: false, account: s.accounts.director!.id },
      { name: '委员乙', seat: 'member' as const, owner: false, account: s.accounts.member!.id },
      { name: '业主丙', seat: 'member' as const, owner: true, account: null },
    ];
    const units = await t.db.selectFrom('unit').select(['id', 'estate_id']).orderBy('id').execute();
    for (const x of seats) {
      const pid = await person(x.name, estate());
      persons.push(pid);
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
    }
    // two owners of the first estate: 业主丙 (on the committee) and 业主丁 (bound to the owner login, a guest to invite)
    const e1 = units.filter((u) => u.estate_id === estate());
    const ding = await person('业主丁', estate());
    persons.push(ding);
    await t.db
      .insertInto('ownership')
      .values({ unit_id: e1[0]!.id, person_id: persons[2]!, started_on: shift(-500) })
      .execute();
    await t.db
      .insertInto('ownership')
      .values({ unit_id: e1[1]!.id, person_id: ding, started_on: shift(-500) })
      .execute();
    await t.db.insertInto('owner_binding').values({ account_id: s.accounts.owner!.id, person_id: ding, method: 'staff' }).execute();
    // five owners of the second estate, the 业委会 to be
    const e2 = units.filter((u) => u.estate_id === estate2());
    for (const [i, n] of ['赵一', '钱二', '孙三', '李四', '周五'].entries()) {
      const pid = await person(n, estate2());
      ownerPersons.push(pid);
      await t.db
        .insertInto('ownership')
        .values({ unit_id: e2[i]!.id, person_id: pid, started_on: shift(-500) })
        .execute();
    }
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
    meetings: await kdb(t.db).selectFrom('committee_meeting').selectAll().orderBy('id').execute(),
    files: await kdb(t.db).selectFrom('committee_meeting_file').select(['meeting_id', 'file_id', 'agenda_index']).execute(),
    guests: await kdb(t.db).selectFrom('committee_meeting_guest').selectAll().execute(),
    settings: await kdb(t.db).selectFrom('committee_street_setting').select(['street_id', 'report_month']).execute(),
    members: await kdb(t.db).selectFrom('committee_member').select(['id', 'ended_on']).orderBy('id').execute(),
    notifications: await t.db.selectFrom('notification').select('id').execute(),
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

  it('an owners’ committee (业委会) entered by the street is seated as a roster, listed and meets like a PMC; another community does not see it', async () => {
    const members = ownerPersons.map((p, i) => ({
      personId: p,
      name: ['赵一', '钱二', '孙三', '李四', '周五'][i]!,
      seat: ['主任', '副主任', '委员', '委员', '委员'][i]!,
    }));
    const r = await admin.post(`/api/governance/estates/${estate2()}/owners-committee`, {
      source: 'entered',
      producedOn: shift(-10),
      members,
    });
    expect(r.statusCode, r.body).toBe(201);
    ownersId = r.json().id;
    for (const c of [admin, staff]) {
      const items = (await c.get('/api/committees')).json().items as { kind: string; id: number; members: number; kindLabel: string }[];
      expect(items.find((x) => x.kind === 'owners' && x.id === ownersId)).toMatchObject({ kindLabel: '业主委员会', members: 5 });
      expect(items.find((x) => x.kind === 'pmc' && x.id === pmc)).toBeTruthy();
    }
    expect((await staff2.get('/api/committees')).json().items).toEqual([]);
    await refused(() => staff2.get(`/api/committees/owners/${ownersId}`), 404);
    const d = (await staff.get(`/api/committees/owners/${ownersId}`)).json();
    expect(d).toMatchObject({ kind: 'owners', kindLabel: '业主委员会', active: true, canManage: true });
    expect(d.members.map((m: { seat: string }) => m.seat)).toEqual(['director', 'deputyDirector', 'member', 'member', 'member']);
    expect(d.members.every((m: { ownerRepresentative: boolean }) => m.ownerRepresentative)).toBe(true);
    // each seat is a post on the people registry (R41 reads the director from it)
    const posts = await t.db.selectFrom('post').select(['person_id', 'note']).where('role', '=', 'ownersCommitteeMember').execute();
    expect(posts).toHaveLength(5);
    // it meets: 3 of 5 owner representatives are a quorum (R32), 2 are not
    const m = await staff.post(`/api/committees/owners/${ownersId}/meetings`, {
      title: '业委会例会',
      heldOn: todayInChina(),
      agenda: ['物业服务'],
    });
    expect(m.statusCode, m.body).toBe(201);
    const att = (n: number) =>
      staff.put(`/api/committee-meetings/${m.json().id}/attendance`, {
        attendance: d.members.slice(0, n).map((x: { id: number }) => ({ memberId: x.id, mode: 'inPerson' })),
      });
    expect((await att(2)).json().quorum).toMatchObject({ quorate: false, members: 5, ownerRepresentatives: 5 });
    expect((await att(3)).json().quorum).toMatchObject({ quorate: true, present: 3 });
    // no composition flag: R22–R25 are the PMC's
    expect(d.compliance.ok).toBe(true);
  });

  it('a new owners’ committee of the estate ends the former one’s roster, which can no longer act (R34)', async () => {
    const r = await admin.post(`/api/governance/estates/${estate2()}/owners-committee`, {
      source: 'entered',
      producedOn: todayInChina(),
      members: [
        { personId: ownerPersons[0]!, name: '赵一', seat: '主任' },
        { personId: ownerPersons[1]!, name: '钱二', seat: '委员' },
      ],
    });
    expect(r.statusCode, r.body).toBe(201);
    const old = (await staff.get(`/api/committees/owners/${ownersId}`)).json();
    expect(old).toMatchObject({ active: false, members: [] });
    await refused(
      () => staff.post(`/api/committees/owners/${ownersId}/meetings`, { title: 'x', heldOn: todayInChina(), agenda: ['x'] }),
      403,
      /解散/,
    );
    const items = (await admin.get('/api/committees')).json().items as { kind: string; id: number; members: number }[];
    expect(items.filter((x) => x.kind === 'owners')).toEqual([expect.objectContaining({ id: r.json().id, members: 2 })]);
    expect(
      await t.db.selectFrom('post').select('id').where('role', '=', 'ownersCommitteeMember').where('ended_on', 'is', null).execute(),
    ).toHaveLength(2);
  });

  let meeting: number;
  it('取消会议: before it is held, with a reason; members told, audited; refused to others, without a reason, and after holding', async () => {
    const r = await director.post(`${base()}/meetings`, { title: '物业费调整讨论', heldOn: shift(1), agenda: ['物业费', '停车'] });
    expect(r.statusCode, r.body).toBe(201);
    meeting = r.json().id;
    await refused(() => member.post(`/api/committee-meetings/${meeting}/cancel`, { reason: '临时有事' }), 403);
    await refused(() => staff2.post(`/api/committee-meetings/${meeting}/cancel`, { reason: '临时有事' }), 404);
    await refused(() => director.post(`/api/committee-meetings/${meeting}/cancel`, { reason: '  ' }), 400, /取消原因/);
    const audits = await auditCount(t.db);
    const c = await director.post(`/api/committee-meetings/${meeting}/cancel`, { reason: '主任出差，改期另行通知' });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json()).toMatchObject({ state: 'cancelled', cancelled: { reason: '主任出差，改期另行通知', on: todayInChina() } });
    expect(await auditCount(t.db)).toBe(audits + 1);
    const told = await t.db.selectFrom('notification').select('account_id').where('title', '=', '会议取消：物业费调整讨论').execute();
    expect(told.map((n) => n.account_id).sort()).toEqual([s.accounts.director!.id, s.accounts.member!.id].sort());
    await refused(() => director.post(`/api/committee-meetings/${meeting}/cancel`, { reason: '再取消' }), 409, /会议已取消/);
    await refused(() => director.post(`/api/committee-meetings/${meeting}/hold`, { minutes: '纪要' }), 409, /已取消/);
    // a held meeting cannot be cancelled
    const h = (await director.post(`${base()}/meetings`, { title: '例会', heldOn: todayInChina(), agenda: ['x'] })).json().id;
    expect((await director.post(`/api/committee-meetings/${h}/hold`, { minutes: '会议纪要' })).statusCode).toBe(200);
    await refused(() => director.post(`/api/committee-meetings/${h}/cancel`, { reason: '误录' }), 409, /已经召开，不能再取消/);
    expect((await staff.get(base())).json().meetings.find((x: { id: number }) => x.id === meeting)).toMatchObject({
      state: 'cancelled',
      cancelReason: '主任出差，改期另行通知',
    });
  });

  it('meeting files: attached to an agenda item or the meeting, listed and downloaded; bad index, wrong role, bad file refused', async () => {
    const m = (await director.post(`${base()}/meetings`, { title: '材料会议', heldOn: shift(2), agenda: ['预算', '维修'] })).json().id;
    await refused(() => director.post(`/api/committee-meetings/${m}/files`, { file: PDF, agendaIndex: 2 }), 400, /只有2个议题/);
    await refused(() => member.post(`/api/committee-meetings/${m}/files`, { file: PDF }), 403);
    await refused(() => owner.post(`/api/committee-meetings/${m}/files`, { file: PDF }), 403);
    await refused(() => director.post(`/api/committee-meetings/${m}/files`, { file: { ...PDF, dataBase64: '!!!' } }), 400);
    await refused(() => director.post(`/api/committee-meetings/${meeting}/files`, { file: PDF }), 409, /已取消/);
    let r = await director.post(`/api/committee-meetings/${m}/files`, { file: PDF, agendaIndex: 1 });
    expect(r.statusCode, r.body).toBe(201);
    r = await staff.post(`/api/committee-meetings/${m}/files`, { file: { ...PDF, fileName: '会议通知.pdf' } });
    expect(r.statusCode, r.body).toBe(201);
    const files = (await member.get(`/api/committee-meetings/${m}`)).json().files as {
      id: number;
      fileName: string;
      agendaIndex: number | null;
    }[];
    expect(files.map((f) => [f.fileName, f.agendaIndex])).toEqual([
      ['议题材料.pdf', 1],
      ['会议通知.pdf', null],
    ]);
    const dl = await member.get(`/api/committee-meetings/${m}/files/${files[0]!.id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.body).toContain('%PDF-1.4');
    // a file of one meeting is not downloadable through another
    expect((await member.get(`/api/committee-meetings/${meeting}/files/${files[0]!.id}`)).statusCode).toBe(404);
  });

  it('the 述职 meeting invites owner representatives (R36): owners of the estate, not members; the invited are told', async () => {
    const body = { title: '2026年度述职会议', heldOn: shift(3), agenda: ['年度述职'], purpose: 'annualReport' };
    await refused(() => director.post(`${base()}/meetings`, body), 400, /至少选择一名本小区业主/);
    await refused(() => director.post(`${base()}/meetings`, { ...body, guestIds: [ownerPersons[0]!] }), 400, /不是本小区业主/);
    await refused(() => director.post(`${base()}/meetings`, { ...body, guestIds: [persons[2]!] }), 400, /委员无需邀请/);
    await refused(() => director.post(`${base()}/meetings`, { ...body, purpose: 'regular', guestIds: [persons[3]!] }), 400, /只有述职会议/);
    const r = await director.post(`${base()}/meetings`, { ...body, guestIds: [persons[3]!] });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ purpose: 'annualReport', guests: [{ personId: persons[3], name: '业主丁' }] });
    const told = (
      await sql<{
        account_id: number;
        event: string;
      }>`select account_id, event from outbound_message where event = 'committee.invited'`.execute(t.db)
    ).rows;
    expect(told).toEqual([{ account_id: s.accounts.owner!.id, event: 'committee.invited' }]);
    // cancelling the 述职 meeting tells the invited too
    expect((await director.post(`/api/committee-meetings/${r.json().id}/cancel`, { reason: '改期' })).statusCode).toBe(200);
    const cancelled = (
      await sql<{
        account_id: number;
      }>`select account_id from outbound_message where once_key = ${`committee.cancelled:${r.json().id}`}`.execute(t.db)
    ).rows;
    expect(cancelled).toEqual([{ account_id: s.accounts.owner!.id }]);
    // the owner candidates the form offers: owners of the estate not on the committee
    const c = (await director.get(`${base()}/owner-candidates?q=业主`)).json().items as { personId: number }[];
    expect(c.map((x) => x.personId)).toEqual([persons[3]]);
  });

  it('the street sets its 述职 month (1–12); community staff may not; the job reminds in that month, once a year', async () => {
    await refused(() => staff.put(`/api/committee-settings/${s.street}`, { reportMonth: 3 }), 403);
    await refused(() => admin.put(`/api/committee-settings/${s.street}`, { reportMonth: 13 }), 400, /1至12月/);
    await refused(() => admin.put(`/api/committee-settings/${s.street}`, { reportMonth: 0 }), 400, /1至12月/);
    expect((await admin.get('/api/committee-settings')).json().items).toEqual([
      expect.objectContaining({ streetId: s.street, reportMonth: 12, canManage: true }),
    ]);
    expect((await admin.put(`/api/committee-settings/${s.street}`, { reportMonth: 3 })).statusCode).toBe(200);
    expect((await staff.get('/api/committee-settings')).json().items).toEqual([]);
    expect((await staff.get(base())).json().reportMonth).toBe(3);
    const channel = new LoggingChannel();
    // December is no longer the month: nothing; March: the PMC and the 业委会 (no 2026 report yet)
    expect(await remindAnnualReports(t.db, '2027-12-02', channel)).toBe(0);
    expect(await remindAnnualReports(t.db, '2027-03-02', channel)).toBe(2);
    expect(await remindAnnualReports(t.db, '2027-03-20', channel)).toBe(0);
    const told = await t.db.selectFrom('notification').select('account_id').where('title', '=', '请提交2026年度述职报告').execute();
    expect(told.map((n) => n.account_id)).toContain(s.accounts.staff1!.id);
    expect(told.map((n) => n.account_id)).toContain(s.accounts.director!.id);
  });

  it('an overdue rectification item is reminded to the committee and the community once per overdue period (R36)', async () => {
    const report = await kdb(t.db)
      .insertInto('committee_report')
      .values({
        committee_kind: 'pmc',
        committee_id: pmc,
        estate_id: estate(),
        year: 2025,
        text: '述职',
        submitted_on: shift(-60),
        opens_on: shift(-60),
        closes_on: shift(-50),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const item = (due: string, state: 'open' | 'done', title: string) =>
      kdb(t.db)
        .insertInto('rectification')
        .values({ report_id: report.id, title, member_id: ids[1]!, due_workdays: 5, due_on: due, state, progress: '[]' })
        .returning('id')
        .executeTakeFirstOrThrow();
    const late = await item(shift(-1), 'open', '修复照明');
    await item(shift(-3), 'done', '已完成的事项');
    await item(todayInChina(), 'open', '今天到期');
    const channel = new LoggingChannel();
    const audits = await auditCount(t.db);
    expect(await remindOverdueRectifications(t.db, todayInChina(), channel)).toBe(1);
    expect(await remindOverdueRectifications(t.db, todayInChina(), channel)).toBe(0);
    expect(await auditCount(t.db)).toBe(audits + 1);
    const told = await t.db.selectFrom('notification').select('account_id').where('title', '=', '整改事项逾期未完成：修复照明').execute();
    expect(told.map((n) => n.account_id).sort()).toEqual([s.accounts.staff1!.id, s.accounts.director!.id, s.accounts.member!.id].sort());
    // a new deadline that passes again is a new overdue period: told once more
    await kdb(t.db)
      .updateTable('rectification')
      .set({ due_on: shift(-2) })
      .where('id', '=', late.id)
      .execute();
    expect(await remindOverdueRectifications(t.db, todayInChina(), channel)).toBe(1);
    expect(await remindOverdueRectifications(t.db, todayInChina(), channel)).toBe(0);
  });

  it('a committee’s own training page (R41): the street’s trainings of the year, the director required, who attended', async () => {
    const year = Number(todayInChina().slice(0, 4));
    const tr = await kdb(t.db)
      .insertInto('training')
      .values({ street_id: s.street, held_on: `${year}-01-02`, topic: '物管会运行实务' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await kdb(t.db).insertInto('training_attendance').values({ training_id: tr.id, person_id: persons[1]! }).execute();
    const r = await staff.get(`${base()}/trainings?year=${year}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      required: 1,
      requiredAttended: 0,
      attended: 1,
      trainings: [{ topic: '物管会运行实务', attendees: ['委员乙'] }],
    });
    expect(r.json().members.find((m: { seat: string }) => m.seat === 'director')).toMatchObject({ required: true, attended: false });
    await refused(() => staff2.get(`${base()}/trainings?year=${year}`), 404);
    // the street's list: the 业委会's director must attend (R41), its deputy director not
    const cov = (await admin.get(`/api/trainings?nodeId=${s.street}&year=${year}`)).json();
    expect(cov.people.filter((p: { role: string }) => p.role === 'ownersCommitteeDirector').map((p: { name: string }) => p.name)).toEqual([
      '赵一',
    ]);
    await refused(() => staff.get(`${base()}/trainings?year=1999`), 400);
  });

  it('migration 0035 seats the roster of an owners’ committee produced before issue 14, once, only the estate’s current one', async () => {
    const estate3 = s.communities[1]!.estates[0]!.id;
    const p = async (name: string) =>
      (await t.db.insertInto('person').values({ street_id: s.street, node_id: estate3, name }).returning('id').executeTakeFirstOrThrow())
        .id;
    const [a, b] = [await p('老主任'), await p('老委员')];
    const old = await t.db
      .insertInto('owners_committee')
      .values({
        estate_id: estate3,
        source: 'entered',
        produced_on: '2024-06-01',
        members: JSON.stringify([
          { personId: a, name: '老主任', seat: '主任' },
          { personId: b, name: '老委员', seat: '委员' },
          { personId: null, name: '未登记的人', seat: '委员' },
        ]),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db.insertInto('estate_governance').values({ estate_id: estate3, status: 'ownersCommittee' }).execute();
    await runStatements(t.db, OWNERS_ROSTER_BACKFILL);
    await runStatements(t.db, OWNERS_ROSTER_BACKFILL); // a second run adds nothing
    const rows = await kdb(t.db)
      .selectFrom('committee_member')
      .select(['person_id', 'seat', 'owner_representative', 'started_on'])
      .where('committee_kind', '=', 'owners')
      .where('committee_id', '=', old.id)
      .orderBy('person_id')
      .execute();
    expect(rows).toEqual([
      { person_id: a, seat: 'director', owner_representative: true, started_on: '2024-06-01' },
      { person_id: b, seat: 'member', owner_representative: true, started_on: '2024-06-01' },
    ]);
  });
});
