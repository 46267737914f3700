import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateOf, dayIndex } from '../../core/workdays.js';
import { seedCalendarFromPackage } from '../calendar/store.js';
import { todayInChina } from '../clock.js';
import { LoggingChannel } from '../notifications/channel.js';
import { auditCount, makeStreet, type TestStreet } from '../test/factories.js';
import { createTestApp, login, type Client, type Res, type TestApp } from '../test/harness.js';
import { remindTaskDeadlines } from './task-deadlines.js';
import { sdb } from '../tickets/tables.js';
import { cdb } from './tables.js';

const PDF = { fileName: '办结材料.pdf', contentType: 'application/pdf', dataBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64') };
const shift = (days: number) => dateOf(dayIndex(todayInChina()) + days);

/**
 * Issue 17: the loop from a problem to a meeting to a task to done — a dispute and an overdue task on
 * a 四位一体 agenda, attendance and a resolution, a task to the property company with a working-day
 * deadline, overdue onto the street's 联席会议 agenda, given to a district department, done and
 * confirmed by the convenor only; the register of disputes; the monthly 情况通报.
 */
describe('coordination: 四位一体, 联席会议, disputes and tasks', () => {
  let t: TestApp;
  let s: TestStreet;
  let admin: Client;
  let staff: Client;
  let staff2: Client;
  let company: Client;
  let dept: Client;
  let party: Client;
  let owner: Client;
  const community = () => s.communities[0]!.id;
  const estate = () => s.communities[0]!.estates[0]!.id;
  const sent = new LoggingChannel(() => {});

  beforeAll(async () => {
    t = await createTestApp({ outbound: sent });
    await seedCalendarFromPackage(t.db);
    s = await makeStreet(t.db, 'Coord');
    admin = await login(t.app, s.accounts.admin!.username);
    staff = await login(t.app, s.accounts.staff1!.username);
    staff2 = await login(t.app, s.accounts.staff2!.username);
    company = await login(t.app, s.accounts.company!.username);
    dept = await login(t.app, s.accounts.district!.username);
    party = await login(t.app, s.accounts.party!.username);
    owner = await login(t.app, s.accounts.owner!.username);
  });
  afterAll(() => t.close());

  const snapshot = async () => ({
    audits: await auditCount(t.db),
    tasks: await cdb(t.db).selectFrom('coordination_task').selectAll().orderBy('id').execute(),
    meetings: await cdb(t.db).selectFrom('coordination_meeting').selectAll().orderBy('id').execute(),
    agenda: await cdb(t.db).selectFrom('coordination_agenda').selectAll().orderBy('id').execute(),
    disputes: await cdb(t.db).selectFrom('dispute').selectAll().orderBy('id').execute(),
    requests: await cdb(t.db).selectFrom('coordination_request').selectAll().orderBy('id').execute(),
  });
  /** 4xx with a Chinese message, and nothing changed. */
  async function refused(send: () => Promise<Res>, status: number, text?: RegExp) {
    const before = await snapshot();
    const r = await send();
    expect(r.statusCode, r.body).toBe(status);
    expect(r.json().message).toMatch(/[\u4e00-\u9fa5]/);
    if (text) expect(r.json().message).toMatch(text);
    expect(await snapshot()).toEqual(before);
    return r;
  }

  let fourInOne: number;
  let joint: number;
  let dispute: number;
  let companyTask: number;

  it('bodies: a community’s 四位一体 seats the company serving its estate; the street’s 联席会议 its departments', async () => {
    await refused(() => staff.post('/api/coordination/bodies', { kind: 'jointMeeting', nodeId: s.street }), 404);
    await refused(() => staff.post('/api/coordination/bodies', { kind: 'fourInOne', nodeId: estate() }), 400, /设在社区/);
    await refused(() => staff2.post('/api/coordination/bodies', { kind: 'fourInOne', nodeId: community() }), 404);
    let r = await staff.post('/api/coordination/bodies', { kind: 'fourInOne', nodeId: community() });
    expect(r.statusCode, r.body).toBe(201);
    fourInOne = r.json().id;
    await refused(() => staff.post('/api/coordination/bodies', { kind: 'fourInOne', nodeId: community() }), 409, /已设立/);
    r = await admin.post('/api/coordination/bodies', { kind: 'jointMeeting', nodeId: s.street });
    expect(r.statusCode, r.body).toBe(201);
    joint = r.json().id;
    const bodies = (await admin.get('/api/coordination/bodies')).json().items;
    const four = bodies.find((b: { id: number }) => b.id === fourInOne);
    expect(four.members.map((m: { kind: string }) => m.kind)).toEqual(['communityPartyOrg', 'residentsCommittee', 'committee', 'company']);
    expect(four.members[3].companyId).toBe(s.company);
    // the street sets who represents the housing department: its user carries the department's tasks
    const jointMembers = bodies.find((b: { id: number }) => b.id === joint).members;
    const members = jointMembers.map((m: { id: number; kind: string; organisation: string }) => ({
      id: m.id,
      kind: m.kind,
      organisation: m.organisation,
      ...(m.organisation === '区住房和城乡建设局' ? { representative: '王科长', accountLogin: s.accounts.district!.username } : {}),
    }));
    expect((await admin.put(`/api/coordination/bodies/${joint}/members`, { members })).statusCode).toBe(200);
    await refused(() => admin.put(`/api/coordination/bodies/${joint}/members`, { members: [...members, members[0]] }), 400, /重复/);
    // staff of another community do not see the body; the district department sees no body at all
    expect((await staff2.get('/api/coordination/bodies')).json().items).toHaveLength(0);
    expect((await dept.get('/api/coordination/bodies')).statusCode).toBe(403);
  });

  it('disputes: registered with parties, mediated, and offered to the community’s agenda', async () => {
    await refused(
      () =>
        staff.post('/api/disputes', {
          estateId: estate(),
          category: 'parking',
          title: '地库车位占用',
          description: '业主甲长期占用他人车位',
          parties: [{ kind: 'resident', name: '业主甲' }],
          occurredOn: shift(1),
        }),
      400,
      /不能晚于今天/,
    );
    await refused(
      () =>
        staff2.post('/api/disputes', {
          estateId: estate(),
          category: 'parking',
          title: 'x',
          description: 'x',
          parties: [{ kind: 'resident', name: '甲' }],
          occurredOn: shift(-1),
        }),
      404,
    );
    const r = await staff.post('/api/disputes', {
      estateId: estate(),
      category: 'parking',
      title: '地库车位占用',
      description: '业主甲长期占用他人车位，双方多次争执',
      parties: [
        { kind: 'resident', name: '业主甲' },
        { kind: 'company', name: '物业公司' },
      ],
      occurredOn: shift(-10),
    });
    expect(r.statusCode, r.body).toBe(201);
    dispute = r.json().id;
    await refused(
      () => staff.post(`/api/disputes/${dispute}/mediations`, { mediatedOn: shift(-11), mediator: '楼栋长老张', record: '调解' }),
      400,
      /早于纠纷发生日期/,
    );
    expect(
      (
        await staff.post(`/api/disputes/${dispute}/mediations`, {
          mediatedOn: shift(-5),
          mediator: '党员楼栋长老张',
          record: '双方同意各退一步，未达成协议',
        })
      ).statusCode,
    ).toBe(200);
    const list = (await staff.get('/api/disputes')).json().items;
    expect(list[0]).toMatchObject({ id: dispute, state: 'open', mediations: [{ mediator: '党员楼栋长老张' }] });
    expect((await staff2.get('/api/disputes')).json().items).toHaveLength(0);
  });

  it('a 四位一体 meeting: dispute on the agenda, attendance and minutes, a resolution giving the company a task due in working days', async () => {
    let r = await staff.post('/api/coordination/meetings', {
      bodyId: fourInOne,
      title: '10月四位一体协调会',
      heldOn: '2025-09-26',
      location: '社区会议室',
    });
    expect(r.statusCode, r.body).toBe(201);
    const meeting = r.json();
    const candidates = (await staff.get(`/api/coordination/meetings/${meeting.id}/candidates`)).json().items;
    expect(candidates.some((c: { source: string; sourceId: number }) => c.source === 'dispute' && c.sourceId === dispute)).toBe(true);
    // only what the lists offer: a made-up source id is refused
    await refused(
      () => staff.post(`/api/coordination/meetings/${meeting.id}/agenda`, { source: 'dispute', sourceId: 999999, title: '伪造' }),
      400,
      /清单/,
    );
    r = await staff.post(`/api/coordination/meetings/${meeting.id}/agenda`, {
      source: 'dispute',
      sourceId: dispute,
      title: '地库车位占用纠纷',
    });
    expect(r.statusCode, r.body).toBe(201);
    await refused(
      () => staff.post(`/api/coordination/meetings/${meeting.id}/agenda`, { source: 'dispute', sourceId: dispute, title: '再列一次' }),
      400,
    );
    // resolutions come after the meeting is held
    await refused(() => staff.post(`/api/coordination/meetings/${meeting.id}/resolutions`, { text: '决议', tasks: [] }), 409, /尚未召开/);
    const members = r.json().members as { id: number; kind: string }[];
    const companyMember = members.find((m) => m.kind === 'company')!.id;
    await refused(
      () =>
        staff.post(`/api/coordination/meetings/${meeting.id}/record`, {
          attendance: members.map((m) => ({ memberId: m.id, present: false })),
          minutes: '纪要',
        }),
      400,
      /出席/,
    );
    r = await staff.post(`/api/coordination/meetings/${meeting.id}/record`, {
      attendance: members.map((m) => ({
        memberId: m.id,
        present: m.kind !== 'committee',
        attendee: m.kind === 'company' ? '项目经理李' : null,
      })),
      minutes: '会议听取了车位纠纷情况，议定由物业公司清理占用车位。',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ state: 'held', actions: ['record', 'resolve'] });
    await refused(
      () => staff.post(`/api/coordination/meetings/${meeting.id}/agenda`, { source: 'typed', title: '补充议题' }),
      409,
      /已召开/,
    );
    r = await staff.post(`/api/coordination/meetings/${meeting.id}/resolutions`, {
      text: '由物业公司清理地库被占用车位并建立巡查制度',
      agendaId: r.json().agenda[0].id,
      tasks: [{ memberId: companyMember, assignee: '项目经理李', title: '清理地库被占用车位', dueWorkdays: 5 }],
    });
    expect(r.statusCode, r.body).toBe(201);
    const task = r.json().resolutions[0].tasks[0];
    companyTask = task.id;
    // 5 working days from Friday 2025-09-26: the National Day holidays and the make-up Saturday 10-11 counted by the calendar
    expect(task).toMatchObject({ dueOn: '2025-10-10', state: 'open', overdue: true, organisation: expect.any(String) });
    // the company's staff were told, in the app and through the outbound channel
    const notes = await t.db.selectFrom('notification').select('title').where('account_id', '=', s.accounts.company!.id).execute();
    expect(notes.some((n) => n.title === '新的议事协调任务')).toBe(true);
    // minutes as an official document
    const doc = await staff.raw({ method: 'GET', url: `/api/coordination/meetings/${meeting.id}/minutes.docx` });
    expect(doc.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(doc.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).toContain('清理地库被占用车位');
    expect(xml).toContain('会议纪要');
  });

  it('who sees the task: the company’s staff and the community, not another community, an owner or the department', async () => {
    const mine = (c: Client) =>
      c.get('/api/coordination/tasks').then((r) => r.json().items?.map((x: { id: number }) => x.id) ?? r.statusCode);
    expect(await mine(company)).toEqual([companyTask]);
    expect(await mine(staff)).toContain(companyTask);
    expect(await mine(admin)).toContain(companyTask);
    expect(await mine(party)).toContain(companyTask);
    expect(await mine(staff2)).toEqual([]);
    expect(await mine(dept)).toEqual([]);
    expect(await mine(owner)).toBe(403);
    expect((await staff2.post(`/api/coordination/tasks/${companyTask}/notes`, { note: '越权' })).statusCode).toBe(404);
  });

  it('overdue: the job flags it once and tells the company and the convenor; the street’s next 联席会议 takes it onto its agenda and gives it to the department', async () => {
    const first = await remindTaskDeadlines(t.db, todayInChina(), sent);
    expect(first.overdue).toBeGreaterThanOrEqual(1);
    expect((await remindTaskDeadlines(t.db, todayInChina(), sent)).overdue).toBe(0);
    let r = await admin.post('/api/coordination/meetings', { bodyId: joint, title: '第四季度物业管理联席会议', heldOn: todayInChina() });
    expect(r.statusCode, r.body).toBe(201);
    const meeting = r.json();
    const item = meeting.agenda.find((a: { source: string; sourceId: number }) => a.source === 'overdueTask' && a.sourceId === companyTask);
    expect(item).toBeTruthy();
    const housing = meeting.members.find((m: { organisation: string }) => m.organisation === '区住房和城乡建设局');
    r = await admin.post(`/api/coordination/meetings/${meeting.id}/record`, {
      attendance: meeting.members.map((m: { id: number }) => ({ memberId: m.id, present: true })),
      minutes: '联席会议研究了逾期未办结的车位清理问题。',
    });
    expect(r.statusCode, r.body).toBe(200);
    // a task of another body's agenda item cannot be taken over by naming any id
    await refused(
      () =>
        admin.post(`/api/coordination/meetings/${meeting.id}/resolutions`, {
          text: '转交',
          tasks: [{ memberId: housing.id, title: 'x', dueWorkdays: 3, originTaskId: 999999 }],
        }),
      400,
      /逾期任务/,
    );
    r = await admin.post(`/api/coordination/meetings/${meeting.id}/resolutions`, {
      text: '车位清理问题交区住建局督办',
      agendaId: item.id,
      tasks: [{ memberId: housing.id, title: '督促物业公司清理地库车位', dueWorkdays: 10, originTaskId: companyTask }],
    });
    expect(r.statusCode, r.body).toBe(201);
    const deptTask = r.json().resolutions[0].tasks[0].id;
    const old = await cdb(t.db).selectFrom('coordination_task').select('state').where('id', '=', companyTask).executeTakeFirstOrThrow();
    expect(old.state).toBe('transferred');
    // the department sees its task — and nothing else of the street
    expect((await dept.get('/api/coordination/tasks')).json().items.map((x: { id: number }) => x.id)).toEqual([deptTask]);
    expect((await dept.get(`/api/coordination/meetings/${meeting.id}`)).statusCode).toBe(403);
    expect((await dept.get('/api/disputes')).statusCode).toBe(403);
    // it reports progress, then done with evidence
    expect((await dept.post(`/api/coordination/tasks/${deptTask}/notes`, { note: '已约谈物业公司' })).statusCode).toBe(200);
    await refused(() => dept.post(`/api/coordination/tasks/${deptTask}/confirm`), 403, /召集人/);
    await refused(
      () => dept.post(`/api/coordination/tasks/${deptTask}/finish`, { note: '已清理', evidence: { ...PDF, contentType: 'image/png' } }),
      400,
      /PNG/,
    );
    r = await dept.post(`/api/coordination/tasks/${deptTask}/finish`, { note: '车位已清理，建立每周巡查', evidence: PDF });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ state: 'done', hasEvidence: true, actions: [] });
    // only the convenor confirms: not the community staff, not the department
    await refused(() => staff.post(`/api/coordination/tasks/${deptTask}/confirm`), 404);
    await refused(() => dept.post(`/api/coordination/tasks/${deptTask}/confirm`), 403, /召集人/);
    r = await admin.post(`/api/coordination/tasks/${deptTask}/confirm`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().state).toBe('confirmed');
    await refused(() => admin.post(`/api/coordination/tasks/${deptTask}/confirm`), 409);
  });

  it('the monthly 情况通报 lists the meetings and the tasks by organisation, as .docx and .xlsx', async () => {
    const b = (await admin.get(`/api/coordination/briefing?streetId=${s.street}&month=2025-10`)).json();
    expect(b.meetings).toHaveLength(0); // the 四位一体 meeting was on 2025-09-26
    const sept = (await admin.get(`/api/coordination/briefing?streetId=${s.street}&month=2025-09`)).json();
    expect(sept.meetings).toHaveLength(1);
    expect(sept.tasks.byOrganisation).toHaveLength(1);
    const now = (await admin.get(`/api/coordination/briefing?streetId=${s.street}&month=${todayInChina().slice(0, 7)}`)).json();
    expect(now.meetings.map((m: { title: string }) => m.title)).toContain('第四季度物业管理联席会议');
    expect(now.tasks.byOrganisation.find((o: { organisation: string }) => o.organisation === '区住房和城乡建设局')).toMatchObject({
      assigned: 1,
      done: 1,
    });
    expect(now.disputes.open).toBe(1);
    const docx = await admin.raw({
      method: 'GET',
      url: `/api/coordination/briefing.docx?streetId=${s.street}&month=${todayInChina().slice(0, 7)}`,
    });
    expect(docx.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).toContain('区住房和城乡建设局');
    const xlsx = await admin.raw({
      method: 'GET',
      url: `/api/coordination/briefing.xlsx?streetId=${s.street}&month=${todayInChina().slice(0, 7)}`,
    });
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect((await admin.get(`/api/coordination/briefing?streetId=${s.street}&month=2099-01`)).statusCode).toBe(400);
    expect((await staff2.get(`/api/coordination/briefing?streetId=${s.street}&month=2025-09`)).statusCode).toBe(404);
  });

  it('tickets the grid and the company could not settle are offered to the community’s agenda: escalated to the community or street, or rated 不满意', async () => {
    const std = await staff.post(`/api/communities/${community()}/service-kinds/standard`, {
      departmentAccountId: s.accounts.district!.id,
    });
    expect(std.statusCode, std.body).toBe(201);
    const kind = std.json().kinds.find((k: { name: string }) => k.name === '停车').id as number;
    const raise = async (title: string) => {
      const r = await staff.post('/api/tickets', {
        kindId: kind,
        title,
        description: '来电反映',
        channel: 'phone',
        callerName: '王先生',
        estateId: estate(),
        place: '3号楼消防通道',
      });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as number;
    };
    const [atGrid, atCommunity, atStreet] = [await raise('占道一'), await raise('占道二'), await raise('占道三')];
    // the escalation job keeps escalation_level current (server/tickets); here its outcome is set directly
    const tdb = sdb(t.db);
    await tdb.updateTable('ticket').set({ escalation_level: 1 }).where('id', '=', atGrid).execute();
    await tdb.updateTable('ticket').set({ escalation_level: 2 }).where('id', '=', atCommunity).execute();
    await tdb.updateTable('ticket').set({ escalation_level: 3 }).where('id', '=', atStreet).execute();
    const meeting = (
      await staff.post('/api/coordination/meetings', {
        bodyId: fourInOne,
        title: '停车问题协调会',
        heldOn: shift(3),
        location: '社区会议室',
      })
    ).json();
    const offered = (await staff.get(`/api/coordination/meetings/${meeting.id}/candidates`)).json().items as {
      source: string;
      sourceId: number;
      title: string;
      detail: string;
    }[];
    // the supervision board of each estate in reach with stale or missing items (R38): nothing is posted in this street
    const board = offered.filter((c) => c.source === 'boardFlag');
    expect(board.map((c) => c.sourceId).sort((a, b) => a - b)).toEqual(s.communities[0]!.estates.map((e) => e.id).sort((a, b) => a - b));
    expect(board.find((c) => c.sourceId === estate())!.detail).toMatch(/未公开：服务标准、服务内容、收费标准.*（R38）$/);
    const tickets = offered.filter((c) => c.source === 'ticket');
    // escalated only to the grid: the grid still handles it; the community (2) and street (3) levels are offered
    expect(tickets.map((c) => c.sourceId).sort((a, b) => a - b)).toEqual([atCommunity, atStreet].sort((a, b) => a - b));
    expect(tickets.find((c) => c.sourceId === atStreet)!.detail).toMatch(/^已升级至街道，处理期限\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    // another community's staff are not offered them (their meeting is not in reach at all)
    expect((await staff2.get(`/api/coordination/meetings/${meeting.id}/candidates`)).statusCode).toBe(404);
    // once on the agenda, it is no longer offered
    const put = await staff.post(`/api/coordination/meetings/${meeting.id}/agenda`, {
      source: 'ticket',
      sourceId: atCommunity,
      title: '占道二',
    });
    expect(put.statusCode, put.body).toBeLessThan(300);
    const again = (await staff.get(`/api/coordination/meetings/${meeting.id}/candidates`)).json().items as {
      source: string;
      sourceId: number;
    }[];
    expect(again.filter((c) => c.source === 'ticket').map((c) => c.sourceId)).toEqual([atStreet]);
  });

  it('a committee asks its community’s 四位一体 meeting to take up a matter (提请事项): only its own estate; the community is told and can put it on the agenda; withdrawn only before that', async () => {
    const director = await login(t.app, s.accounts.director!.username);
    const member = await login(t.app, s.accounts.member!.username);
    const otherEstate = s.communities[0]!.estates[1]!.id;
    // not the committee of that estate, not a committee at all: refused, nothing written
    await refused(
      () => director.post('/api/coordination/requests', { estateId: otherEstate, title: '外墙脱落', content: '2号楼外墙' }),
      404,
    );
    await refused(() => company.post('/api/coordination/requests', { estateId: estate(), title: '外墙脱落', content: '2号楼外墙' }), 403);
    await refused(() => director.post('/api/coordination/requests', { estateId: estate(), title: '', content: '2号楼外墙' }), 400);
    const r = await director.post('/api/coordination/requests', {
      estateId: estate(),
      title: '地下车库渗水维修分歧',
      content: '物业与业主对维修资金使用有分歧，请四位一体会议协调',
    });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id as number;
    const told = await t.db
      .selectFrom('notification')
      .select('body')
      .where('account_id', '=', s.accounts.staff1!.id)
      .where('title', '=', '委员会提请协调事项')
      .execute();
    expect(told.map((n) => n.body)).toEqual([expect.stringContaining('地下车库渗水维修分歧')]);
    // the committee and the community see it; another community and an owner do not
    expect((await member.get('/api/coordination/requests')).json().items.map((x: { id: number }) => x.id)).toContain(id);
    expect((await staff.get('/api/coordination/requests')).json().items.find((x: { id: number }) => x.id === id)).toMatchObject({
      stateLabel: '待列入议程',
    });
    expect((await staff2.get('/api/coordination/requests')).json().items).toEqual([]);
    expect((await owner.get('/api/coordination/requests')).json().items).toEqual([]);
    // only its author withdraws it
    await refused(() => member.post(`/api/coordination/requests/${id}/withdraw`), 403, /只有提出该事项的委员/);
    // offered on the community's agenda; once taken, the committee sees the meeting and cannot withdraw
    const meeting = (
      await staff.post('/api/coordination/meetings', {
        bodyId: fourInOne,
        title: '车库渗水协调会',
        heldOn: shift(5),
        location: '社区会议室',
      })
    ).json();
    const offered = (await staff.get(`/api/coordination/meetings/${meeting.id}/candidates`)).json().items as {
      source: string;
      sourceId: number;
    }[];
    expect(offered.filter((c) => c.source === 'committeeRequest').map((c) => c.sourceId)).toContain(id);
    // a made-up request id is not on the list
    await refused(
      () =>
        staff.post(`/api/coordination/meetings/${meeting.id}/agenda`, { source: 'committeeRequest', sourceId: id + 1000, title: '假的' }),
      400,
    );
    expect(
      (
        await staff.post(`/api/coordination/meetings/${meeting.id}/agenda`, {
          source: 'committeeRequest',
          sourceId: id,
          title: '地下车库渗水维修分歧',
        })
      ).statusCode,
    ).toBe(201);
    const mine = (await director.get('/api/coordination/requests')).json().items.find((x: { id: number }) => x.id === id);
    expect(mine).toMatchObject({ state: 'onAgenda', meeting: { id: meeting.id, title: '车库渗水协调会' }, canWithdraw: false });
    await refused(() => director.post(`/api/coordination/requests/${id}/withdraw`), 409, /已列入会议议程/);
    // a request not yet taken is withdrawn once, and no longer offered
    const second = (
      await director.post('/api/coordination/requests', { estateId: estate(), title: '电梯年检', content: '年检逾期' })
    ).json().id;
    expect((await director.post(`/api/coordination/requests/${second}/withdraw`)).statusCode).toBe(200);
    await refused(() => director.post(`/api/coordination/requests/${second}/withdraw`), 409, /已撤回/);
    const after = (await staff.get(`/api/coordination/meetings/${meeting.id}/candidates`)).json().items as {
      source: string;
      sourceId: number;
    }[];
    expect(after.filter((c) => c.source === 'committeeRequest').map((c) => c.sourceId)).toEqual([]);
  });

  it('a dispute is settled once', async () => {
    expect((await staff.post(`/api/disputes/${dispute}/close`, { outcome: 'resolved', text: '车位已清理，双方和解' })).statusCode).toBe(
      200,
    );
    await refused(() => staff.post(`/api/disputes/${dispute}/close`, { outcome: 'resolved', text: '再办一次' }), 409);
    await refused(() => staff.post(`/api/disputes/${dispute}/mediations`, { mediatedOn: shift(-1), mediator: '甲', record: '乙' }), 409);
  });
});
