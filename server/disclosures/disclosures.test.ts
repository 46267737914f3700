import { sql } from 'kysely';
import { addDays } from '../../core/dates.js';
import { kdb } from '../committees/tables.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, DISCLOSURE_ITEM_INFO, DISCLOSURE_ITEMS } from '../../core/disclosures.js';
import { loadCalendar, seedCalendarFromPackage } from '../calendar/store.js';
import { todayInChina } from '../clock.js';
import { newWorkbook } from '../documents/spreadsheet.js';
import { LoggingChannel } from '../notifications/channel.js';
import { makeStreet, type TestStreet } from '../test/factories.js';
import { createTestApp, login, type Client, type TestApp } from '../test/harness.js';
import { boundOwner } from '../tickets/test-support.js';
import { remindDisclosures } from './reminders.js';
import { ddb } from './tables.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 十公开 (issue 15, R38/R39): guards, versions, exact fen, the public board without personal data, questions, reminders, roll-up, credit. */
describe('disclosures: the ten public items of an estate', () => {
  let t: TestApp;
  let s: TestStreet;
  const channel = new LoggingChannel(() => {});
  let company: Client;
  let member: Client;
  let owner: Client;
  let stranger: Client;
  let staff1: Client;
  let staff2: Client;
  let admin: Client;
  let district: Client;
  const estate = () => s.communities[0]!.estates[0]!.id;
  const other = () => s.communities[0]!.estates[1]!.id;
  const pub = async (id = estate()) => (await t.app.inject({ url: `/api/public/estates/${id}/disclosures` })).json();
  const item = async (key: string) => (await pub()).items.find((i: { key: string }) => i.key === key);

  beforeAll(async () => {
    t = await createTestApp({ outbound: channel });
    await seedCalendarFromPackage(t.db);
    s = await makeStreet(t.db, 'Dis');
    const units = (await t.db.selectFrom('unit').select('id').where('estate_id', '=', estate()).orderBy('id').execute()).map((u) => u.id);
    await boundOwner(t.db, {
      streetId: s.street,
      estateId: estate(),
      unitId: units[0]!,
      name: '吴敏质询',
      accountId: s.accounts.owner!.id,
    });
    // an owner account of the estate that is not bound to the roll
    const unbound = await boundOwner(t.db, { streetId: s.street, estateId: other(), unitId: units[1]!, name: '未绑定' });
    await t.db.deleteFrom('owner_binding').where('account_id', '=', unbound.accountId).execute();
    await t.db.updateTable('role_assignment').set({ node_id: estate() }).where('account_id', '=', unbound.accountId).execute();
    company = await login(t.app, s.accounts.company!.username);
    member = await login(t.app, s.accounts.member!.username);
    owner = await login(t.app, s.accounts.owner!.username);
    stranger = await login(t.app, unbound.username);
    staff1 = await login(t.app, s.accounts.staff1!.username);
    staff2 = await login(t.app, s.accounts.staff2!.username);
    admin = await login(t.app, s.accounts.admin!.username);
    district = await login(t.app, s.accounts.district!.username);
  });
  afterAll(() => t.close());

  it('public: ten entries in the seed order, each missing with no date before anything is published', async () => {
    const res = await t.app.inject({ url: `/api/public/estates/${estate()}/disclosures` });
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.map((i: { item: string }) => i.item)).toEqual([
      '服务标准',
      '服务内容',
      '收费标准',
      '物业合同',
      '公共收益支出',
      '有偿服务内容',
      '物业监督电话',
      '业委会（物管会）成员',
      '物业服务人员',
      '小区党员承诺',
    ]);
    for (const i of items) expect(i).toMatchObject({ status: 'missing', updatedOn: null });
    expect((await t.app.inject({ url: `/api/public/estates/${s.communities[0]!.id}/disclosures` })).statusCode).toBe(404);
  });

  it('only the responsible party edits its items: the company its own, the committee its own; others are refused with nothing changed', async () => {
    expect(
      (await company.put(`/api/estates/${estate()}/disclosures/serviceStandard`, { body: '一级服务标准：保洁每日两次' })).statusCode,
    ).toBe(200);
    // the committee may not change the company's item, nor the company the committee's
    const r1 = await member.put(`/api/estates/${estate()}/disclosures/serviceStandard`, { body: '改写' });
    expect(r1.statusCode).toBe(403);
    expect(r1.json().message).toMatch(/物业服务企业负责/);
    expect((await company.put(`/api/estates/${estate()}/disclosures/partyPledges`, { body: '党员承诺' })).statusCode).toBe(403);
    expect((await member.put(`/api/estates/${estate()}/disclosures/partyPledges`, { body: '党员张某承诺每周巡楼一次' })).statusCode).toBe(
      200,
    );
    // an estate the company does not serve: not even its existence
    expect((await company.put(`/api/estates/${other()}/disclosures/serviceStandard`, { body: 'x' })).statusCode).toBe(404);
    // owners and community staff do not edit
    expect((await owner.put(`/api/estates/${estate()}/disclosures/serviceStandard`, { body: 'x' })).statusCode).toBe(403);
    expect((await staff1.put(`/api/estates/${estate()}/disclosures/serviceStandard`, { body: 'x' })).statusCode).toBe(403);
    // registry items are not typed again
    const reg = await company.put(`/api/estates/${estate()}/disclosures/contract`, { body: '合同' });
    expect(reg.statusCode).toBe(409);
    expect((await item('serviceStandard')).body).toBe('一级服务标准：保洁每日两次');
    expect((await item('serviceStandard')).version).toBe(1);
  });

  it('every version is kept: the public sees the current one and the history of all', async () => {
    expect((await company.put(`/api/estates/${estate()}/disclosures/feeStandard`, { body: '住宅 1.20 元/㎡·月' })).statusCode).toBe(200);
    expect(
      (await company.put(`/api/estates/${estate()}/disclosures/feeStandard`, { body: '住宅 1.35 元/㎡·月（业主共同决定调整）' }))
        .statusCode,
    ).toBe(200);
    expect(await item('feeStandard')).toMatchObject({
      version: 2,
      status: 'current',
      updatedOn: todayInChina(),
      body: '住宅 1.35 元/㎡·月（业主共同决定调整）',
    });
    const h = (await t.app.inject({ url: `/api/public/estates/${estate()}/disclosures/feeStandard/history` })).json();
    expect(h.versions.map((v: { version: number; body: string }) => [v.version, v.body])).toEqual([
      [2, '住宅 1.35 元/㎡·月（业主共同决定调整）'],
      [1, '住宅 1.20 元/㎡·月'],
    ]);
  });

  it('attachments are checked by content, kept into the next version on request, and public with the version', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF').toString('base64');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]).toString('base64');
    const url = `/api/estates/${estate()}/disclosures/serviceContent`;
    const fake = await company.put(url, {
      body: '服务内容',
      files: [{ fileName: '合同.pdf', contentType: 'application/pdf', dataBase64: png }],
    });
    expect(fake.statusCode).toBe(400);
    expect(fake.json().message).toMatch(/不是PDF/);
    const word = await company.put(url, {
      body: '服务内容',
      files: [{ fileName: 'a.docx', contentType: 'application/msword', dataBase64: pdf }],
    });
    expect(word.statusCode).toBe(400);
    expect((await item('serviceContent')).status).toBe('missing');
    expect(
      (
        await company.put(url, {
          body: '服务内容清单见附件',
          files: [{ fileName: '服务内容.pdf', contentType: 'application/pdf', dataBase64: pdf }],
        })
      ).statusCode,
    ).toBe(200);
    const v1 = await item('serviceContent');
    expect(v1.files.map((f: { name: string }) => f.name)).toEqual(['服务内容.pdf']);
    const file = await t.app.inject({ url: `/api/public/disclosure-files/${v1.files[0].id}` });
    expect(file.headers['content-type']).toBe('application/pdf');
    expect((await company.put(url, { body: '服务内容（修订）', keepFileIds: [v1.files[0].id] })).statusCode).toBe(200);
    expect((await item('serviceContent')).files.map((f: { name: string }) => f.name)).toEqual(['服务内容.pdf']);
    expect((await company.put(url, { body: '服务内容（再修订，附件撤下）' })).statusCode).toBe(200);
    expect((await item('serviceContent')).files).toEqual([]);
    const h = (await t.app.inject({ url: `/api/public/estates/${estate()}/disclosures/serviceContent/history` })).json();
    expect(h.versions.map((v: { files: unknown[] }) => v.files.length)).toEqual([0, 1, 1]);
  });

  it('公共收益支出: exact totals in fen, export and re-import of the same rows, a per-row error report', async () => {
    const rows = [
      { kind: 'income', date: '2026-07-03', title: '电梯广告收入', amountFen: 1_234_567 },
      { kind: 'income', date: '2026-08-15', title: '场地租赁', amountFen: 10 },
      { kind: 'income', date: '2026-09-01', title: '快递柜', amountFen: 20 },
      { kind: 'expense', date: '2026-09-20', title: '公共设施维修', amountFen: 999_999 },
    ];
    // a row outside the quarter is refused
    const bad = await company.put(`/api/estates/${estate()}/disclosures/publicIncome`, {
      period: '2026Q3',
      rows: [...rows, { kind: 'income', date: '2026-10-01', title: '越季', amountFen: 1 }],
    });
    expect(bad.statusCode).toBe(400);
    expect((await company.put(`/api/estates/${estate()}/disclosures/publicIncome`, { period: '2026Q3', rows })).statusCode).toBe(200);
    const i = await item('publicIncome');
    expect(i.income).toMatchObject({ incomeFen: 1_234_597, expenseFen: 999_999, balanceFen: 234_598, periodLabel: '2026年第3季度' });

    const x = await t.app.inject({ url: `/api/public/estates/${estate()}/disclosures/publicIncome.xlsx` });
    expect(x.statusCode).toBe(200);
    const back = await company.raw({
      method: 'POST',
      url: `/api/estates/${estate()}/disclosures/publicIncome/import`,
      headers: { 'content-type': XLSX, 'x-csrf-token': company.csrf },
      payload: x.rawPayload,
    });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toEqual({ rows: rows.map((r) => ({ ...r, note: null })), errors: [] });

    const wb = await newWorkbook();
    const ws = wb.addWorksheet('收支');
    ws.addRow(['收支', '日期', '项目', '金额（元）']);
    ws.addRow(['收入', '2026-07-01', '停车费分成', '100.5']);
    ws.addRow(['收益？', '2026-07-02', '广告', '1.234']);
    ws.addRow(['支出', '2026-02-30', '', '-3']);
    const rep = await company.raw({
      method: 'POST',
      url: `/api/estates/${estate()}/disclosures/publicIncome/import`,
      headers: { 'content-type': XLSX, 'x-csrf-token': company.csrf },
      payload: Buffer.from(await wb.xlsx.writeBuffer()),
    });
    expect(rep.json().rows).toEqual([{ kind: 'income', date: '2026-07-01', title: '停车费分成', amountFen: 10050, note: null }]);
    expect(rep.json().errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`)).toEqual([
      '3:收支',
      '3:金额（元）',
      '4:日期',
      '4:项目',
      '4:金额（元）',
    ]);
    // the committee may not import the company's statement
    const refused = await member.raw({
      method: 'POST',
      url: `/api/estates/${estate()}/disclosures/publicIncome/import`,
      headers: { 'content-type': XLSX, 'x-csrf-token': member.csrf },
      payload: x.rawPayload,
    });
    expect(refused.statusCode).toBe(403);
  });

  it('nothing personal leaks: staff and roster by name and post only, the supervision phone in full, no asker', async () => {
    const today = todayInChina();
    const person = async (name: string, mobile: string, idMasked: string, party: 'none' | 'full' = 'none') =>
      (
        await t.db
          .insertInto('person')
          .values({
            street_id: s.street,
            node_id: estate(),
            name,
            mobile,
            id_masked: idMasked,
            birth_date: '1980-05-06',
            address: '幸福路9号',
            tags: '[]',
            party_status: party,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const pm = await person('钱经理', '13912345678', '370602********1234', 'full');
    const seat = await person('孙委员', '13787654321', '370602********5678');
    await t.db
      .insertInto('post')
      .values({ person_id: pm, role: 'projectManager', node_id: s.company, estate_id: estate(), started_on: '2024-01-01' })
      .execute();
    const post = await t.db
      .insertInto('post')
      .values({ person_id: seat, role: 'propertyCommitteeMember', node_id: estate(), started_on: '2025-03-01' })
      .returning('id')
      .executeTakeFirstOrThrow();
    // the seat on the committee roster (issue 14), suspended by the street's decision (R35) from 2026-01-05
    await kdb(t.db)
      .insertInto('committee_member')
      .values({
        committee_kind: 'pmc',
        committee_id: 1,
        estate_id: estate(),
        person_id: seat,
        post_id: post.id,
        seat: 'member',
        owner_representative: true,
        sent_by: 'owners',
        started_on: '2025-03-01',
        suspended_on: '2026-01-05',
      })
      .execute();
    expect(
      (await company.put(`/api/estates/${estate()}/disclosures/supervisionPhone`, { phone: '0535-12345678', body: '工作日 9:00–17:00' }))
        .statusCode,
    ).toBe(200);
    expect(
      (await owner.post(`/api/estates/${estate()}/disclosures/feeStandard/questions`, { question: '收费标准调整是否经业主共同决定？' }))
        .statusCode,
    ).toBe(201);

    const body = (await t.app.inject({ url: `/api/public/estates/${estate()}/disclosures` })).body;
    const board = JSON.parse(body);
    const staff = board.items.find((i: { key: string }) => i.key === 'serviceStaff');
    expect(staff).toMatchObject({ status: 'current', source: 'registry', entries: [{ name: '钱经理', post: '项目经理' }] });
    const roster = board.items.find((i: { key: string }) => i.key === 'committeeMembers');
    expect(roster.entries).toEqual([
      {
        name: '孙委员',
        post: '物管会委员',
        suspended: today >= '2026-01-05',
        note: today >= '2026-01-05' ? '自2026-01-05起暂停履行职责' : null,
      },
    ]);
    expect(board.items.find((i: { key: string }) => i.key === 'supervisionPhone').phone).toBe('0535-12345678');
    for (const secret of ['13912345678', '13787654321', '370602', '1980-05-06', '幸福路', '吴敏', 'mobile', 'idMasked', 'asker'])
      expect(body.includes(secret), secret).toBe(false);
    // the history snapshot of a registry item (the daily pass) carries names and posts only as well
    await remindDisclosures(t.db, today, channel);
    const h = (await t.app.inject({ url: `/api/public/estates/${estate()}/disclosures/serviceStaff/history` })).body;
    expect(h).toContain('钱经理');
    expect(h.includes('13912345678')).toBe(false);
  });

  it('questions: only a bound owner asks; the answer is due in working days; the company answers, public without a name', async () => {
    expect(
      (await stranger.post(`/api/estates/${estate()}/disclosures/serviceStandard/questions`, { question: '保洁为什么少了一次？' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await company.post(`/api/estates/${estate()}/disclosures/serviceStandard/questions`, { question: '保洁为什么少了一次？' }))
        .statusCode,
    ).toBe(403);
    const asked = await owner.post(`/api/estates/${estate()}/disclosures/serviceStandard/questions`, {
      question: '保洁为什么每天只有一次？',
    });
    expect(asked.statusCode).toBe(201);
    const calendar = await loadCalendar(t.db);
    expect(asked.json().dueOn).toBe(calendar.addWorkdays(todayInChina(), 5).date);
    const id = asked.json().id;
    // the committee is not responsible for the company's item
    expect((await member.post(`/api/disclosure-questions/${id}/answer`, { answer: '我们来答' })).statusCode).toBe(403);
    expect((await company.post(`/api/disclosure-questions/${id}/answer`, { answer: '冬季改为每日一次，春季恢复两次。' })).statusCode).toBe(
      200,
    );
    expect((await company.post(`/api/disclosure-questions/${id}/answer`, { answer: '再答' })).statusCode).toBe(409);
    // the asker is told once, as owners are told (issue 19): in the app and recorded for the outbound channel
    const told = await sql<{ event: string }>`select event from outbound_message where title = '您的质询已答复'`.execute(t.db);
    expect(told.rows).toEqual([{ event: 'question.moved' }]);
    const q = (await item('serviceStandard')).questions.find((x: { id: number }) => x.id === id);
    expect(q).toMatchObject({
      question: '保洁为什么每天只有一次？',
      answer: '冬季改为每日一次，春季恢复两次。',
      answeredOn: todayInChina(),
      overdue: false,
    });
    expect(JSON.stringify(q).includes('吴敏')).toBe(false);
  });

  it('question period boundary: answered on the due day is on time, the day after is overdue; an open one is flagged and reminded once', async () => {
    const today = todayInChina();
    const yesterday = addDays(today, -1);
    const ask = async (text: string) =>
      (await owner.post(`/api/estates/${estate()}/disclosures/paidServices/questions`, { question: text })).json().id;
    const onTime = await ask('有偿服务的价格在哪里公示？');
    const late = await ask('上门维修收费依据是什么？');
    const open = await ask('开锁服务收费多少？');
    await ddb(t.db).updateTable('disclosure_question').set({ due_on: today }).where('id', '=', onTime).execute();
    await ddb(t.db).updateTable('disclosure_question').set({ due_on: yesterday }).where('id', 'in', [late, open]).execute();
    await company.post(`/api/disclosure-questions/${onTime}/answer`, { answer: '在物业服务中心公示栏及本页。' });
    await company.post(`/api/disclosure-questions/${late}/answer`, { answer: '依据有偿服务价目表。' });
    const qs = (await item('paidServices')).questions;
    const by = (id: number) => qs.find((x: { id: number }) => x.id === id);
    expect(by(onTime).overdue).toBe(false);
    expect(by(late).overdue).toBe(true);
    expect(by(open).overdue).toBe(true);
    const first = await remindDisclosures(t.db, today, channel);
    expect(first.questionsOverdue).toBe(1);
    expect((await remindDisclosures(t.db, today, channel)).questionsOverdue).toBe(0);
    const audit = await t.db
      .selectFrom('audit_entry')
      .select('action')
      .where('entity_type', '=', 'disclosure_question')
      .where('entity_id', '=', String(open))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['question.ask', 'question.overdue']);
  });

  it('staff hide an abusive question with a reason, audited; the public sees only that it was hidden; others may not', async () => {
    const id = (
      await owner.post(`/api/estates/${estate()}/disclosures/serviceContent/questions`, { question: '骂人的话骂人的话骂人的话' })
    ).json().id;
    expect((await owner.post(`/api/disclosure-questions/${id}/hide`, { reason: '含侮辱性语言' })).statusCode).toBe(403);
    expect((await staff2.post(`/api/disclosure-questions/${id}/hide`, { reason: '含侮辱性语言' })).statusCode).toBe(404);
    expect((await staff1.post(`/api/disclosure-questions/${id}/hide`, { reason: '含侮辱性语言' })).statusCode).toBe(200);
    const q = (await item('serviceContent')).questions.find((x: { id: number }) => x.id === id);
    expect(q).toMatchObject({ hidden: true, question: null, hiddenReason: '含侮辱性语言' });
    const e = await t.db
      .selectFrom('audit_entry')
      .selectAll()
      .where('action', '=', 'question.hide')
      .where('entity_id', '=', String(id))
      .executeTakeFirstOrThrow();
    expect(e.after).toEqual({ reason: '含侮辱性语言' });
    expect(e.before).toEqual({ question: '骂人的话骂人的话骂人的话' });
  });

  it('freshness: a yearly item is current on its due day and stale the day after; the company is reminded before and after, once each', async () => {
    const today = todayInChina();
    await ddb(t.db)
      .updateTable('disclosure_version')
      .set({ updated_on: addMonths(today, -12) })
      .where('estate_id', '=', estate())
      .where('item', '=', 'serviceStandard')
      .execute();
    expect(await item('serviceStandard')).toMatchObject({ status: 'current', dueOn: today });
    const before = await remindDisclosures(t.db, today, channel);
    expect(before.before).toBeGreaterThanOrEqual(1);
    await ddb(t.db)
      .updateTable('disclosure_version')
      .set({ updated_on: addDays(addMonths(today, -12), -1) })
      .where('estate_id', '=', estate())
      .where('item', '=', 'serviceStandard')
      .execute();
    expect(await item('serviceStandard')).toMatchObject({ status: 'stale', statusLabel: '待更新' });
    const after = await remindDisclosures(t.db, today, channel);
    expect(after.after).toBe(1);
    expect((await remindDisclosures(t.db, today, channel)).after).toBe(0);
    const notes = await t.db.selectFrom('notification').select('title').where('account_id', '=', s.accounts.company!.id).execute();
    expect(notes.map((n) => n.title)).toContain('十公开事项已逾期未更新');
    expect(notes.map((n) => n.title)).toContain('十公开事项即将到期');
  });

  it('roll-up per estate, community and street lists stale and missing items; the district department reads a company’s explained grade', async () => {
    const r = await admin.get('/api/disclosures/rollup');
    expect(r.statusCode).toBe(200);
    const e = r.json().estates.find((x: { id: number }) => x.id === estate());
    const board = (await pub()).items;
    const count = (st: string) => board.filter((i: { status: string }) => i.status === st).length;
    expect(e).toMatchObject({ current: count('current'), stale: count('stale'), missing: count('missing') });
    expect(e.staleItems.map((i: { item: string }) => i.item)).toContain('服务标准');
    expect(r.json().streets).toHaveLength(1);
    expect(r.json().streets[0].estates).toBe(4);
    expect(r.json().items).toHaveLength(DISCLOSURE_ITEMS.length);
    // community staff of the other community see only their estates
    expect(
      (await staff2.get('/api/disclosures/rollup'))
        .json()
        .estates.every((x: { communityId: number }) => x.communityId === s.communities[1]!.id),
    ).toBe(true);
    // owners do not read the roll-up
    expect((await owner.get('/api/disclosures/rollup')).statusCode).toBe(403);
    const x = await admin.get('/api/disclosures/rollup.xlsx');
    expect(x.headers['content-type']).toBe(XLSX);

    await t.db
      .insertInto('property_company')
      .values({ node_id: s.company, street_id: s.street, uscc: '91370602MA3C4K7P8X', party_org_id: null, party_instructor_id: null })
      .execute();
    const c = await district.get(`/api/credit/companies?year=${today().slice(0, 4)}`);
    expect(c.statusCode, c.body).toBe(200);
    const row = c.json().items[0];
    expect(row.name).toBe('Dis物业公司');
    const by = (k: string) => row.inputs.find((i: { input: string }) => i.input === k);
    // one full party member among one staff: no organisation, no instructor → 需派党建指导员
    expect(by('partyOrg')).toMatchObject({ score: 40 });
    expect(by('partyShare').score).toBe(100);
    const companyItems = DISCLOSURE_ITEMS.filter((k) => DISCLOSURE_ITEM_INFO[k].responsible === 'company');
    const currentCompany = board.filter(
      (i: { key: string; status: string }) => companyItems.includes(i.key as never) && i.status === 'current',
    ).length;
    expect(by('disclosure').score).toBe(Math.round((currentCompany * 1000) / companyItems.length) / 10);
    // questions due this year: the late one and the overdue open one are not on time
    expect(by('questions').explanation).toMatch(/按期答复/);
    expect(by('tickets')).toMatchObject({ score: null, points: null });
    const used = row.inputs.filter((i: { score: number | null }) => i.score !== null);
    const w = used.reduce((a: number, i: { weight: number }) => a + i.weight, 0);
    const expected =
      Math.round((used.reduce((a: number, i: { score: number; weight: number }) => a + i.score * i.weight, 0) / w) * 10) / 10;
    expect(row.score).toBe(expected);
    expect(row.grade).toBe(expected >= 85 ? 'AAA' : expected >= 80 ? 'AA' : expected >= 70 ? 'A' : expected >= 60 ? 'B' : 'C');
    expect(row.explanation).toContain(`${row.grade} 档`);
    const xl = await district.get(`/api/credit/companies.xlsx?year=${today().slice(0, 4)}`);
    expect(xl.statusCode).toBe(200);
    // the company sees its own grade; owners and community staff do not read credit
    expect((await company.get('/api/credit/companies')).json().items.map((i: { id: number }) => i.id)).toEqual([s.company]);
    expect((await staff1.get('/api/credit/companies')).statusCode).toBe(403);

    function today() {
      return todayInChina();
    }
  });
});
