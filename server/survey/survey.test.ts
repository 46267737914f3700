import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CLASSES } from '../../core/survey.js';
import { auditCount, makeStreet, type TestStreet } from '../test/factories.js';
import { createTestApp, login, type Client, type TestApp } from '../test/harness.js';
import { estateClasses } from './queries.js';
import { sdb } from './tables.js';

const form = {
  ownersCommittee: 'none',
  committeeSeats: null,
  committeeMembers: null,
  committeeTermStart: null,
  committeeTermEnd: null,
  assemblyHeld: false,
  assemblyConditions: true,
  assemblyDifficulty: '业主多为外地投资者，难以召集',
  singleOwner: false,
  companyName: '测试物业',
  companyParty: 'none',
  gridWorkers: ['陈刚'],
  problems: [],
  problemNote: null,
};
const running = {
  ...form,
  ownersCommittee: 'running',
  assemblyHeld: true,
  committeeSeats: 5,
  committeeMembers: 5,
  committeeTermStart: '2024-06-01',
  committeeTermEnd: '2029-05-31',
};

/** 调查摸底 and 分类管理 (issue 18 §1, R26): guards, survey → status and class, history, classes, overrides, pilots. */
describe('survey and classification', () => {
  let t: TestApp;
  let s: TestStreet;
  let staff1: Client;
  let staff2: Client;
  let admin: Client;
  let party: Client;
  let grid: Client;
  const estate = () => s.communities[0]!.estates[0]!.id;
  const other = () => s.communities[0]!.estates[1]!.id;
  const surveys = async (id = estate()) =>
    (await sdb(t.db).selectFrom('estate_survey').select('id').where('estate_id', '=', id).execute()).length;
  const gov = (id = estate()) => t.db.selectFrom('estate_governance').selectAll().where('estate_id', '=', id).executeTakeFirst();
  const row = async (id: number) =>
    (await admin.get(`/api/survey/classification?nodeId=${s.street}`)).json().estates.find((e: { id: number }) => e.id === id);

  beforeAll(async () => {
    t = await createTestApp();
    s = await makeStreet(t.db, 'Svy');
    const person = await t.db
      .insertInto('person')
      .values({ street_id: s.street, node_id: s.communities[0]!.id, name: '陈刚', tags: '[]' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('post')
      .values({ person_id: person.id, role: 'gridWorker', node_id: s.communities[0]!.grids[0]!, started_on: '2023-01-01' })
      .execute();
    staff1 = await login(t.app, s.accounts.staff1!.username);
    staff2 = await login(t.app, s.accounts.staff2!.username);
    admin = await login(t.app, s.accounts.admin!.username);
    party = await login(t.app, s.accounts.party!.username);
    grid = await login(t.app, s.accounts.grid!.username);
  });
  afterAll(() => t.close());

  it('the form comes prefilled with what the platform knows: the company serving the estate and the grid worker of its buildings', async () => {
    const r = await staff1.get(`/api/estates/${estate()}/survey`);
    expect(r.statusCode).toBe(200);
    const p = r.json();
    expect(p.known.company).toEqual({ name: 'Svy物业公司', partyOrg: null, instructor: null });
    expect(p.known.gridWorkers).toEqual([{ name: '陈刚', grid: 'Svy社区1网格1' }]);
    expect(p.prefill).toMatchObject({ companyName: 'Svy物业公司', companyParty: 'none', gridWorkers: ['陈刚'], ownersCommittee: 'none' });
    expect(p.canFill).toBe(true);
    expect(p.history).toEqual([]);
    expect((await party.get(`/api/estates/${estate()}/survey`)).json().canFill).toBe(false);
    // the grid worker reads the estate of his grid's buildings, not another one
    expect((await grid.get(`/api/estates/${estate()}/survey`)).json().canFill).toBe(false);
    expect((await grid.get(`/api/estates/${other()}/survey`)).statusCode).toBe(404);
    expect((await staff2.get(`/api/estates/${estate()}/survey`)).statusCode).toBe(404);
  });

  it('wrong role: the party office, a grid worker and the owner cannot submit a survey (403), nothing kept', async () => {
    for (const c of [party, grid, await login(t.app, s.accounts.owner!.username)])
      expect((await c.post(`/api/estates/${estate()}/surveys`, form)).statusCode).toBe(403);
    expect(await surveys()).toBe(0);
  });

  it("community staff cannot survey another community's estate (404, its existence not disclosed), nothing changed", async () => {
    const before = await auditCount(t.db);
    const r = await staff2.post(`/api/estates/${estate()}/surveys`, form);
    expect(r.statusCode).toBe(404);
    expect(await surveys()).toBe(0);
    expect(await gov()).toBeUndefined();
    expect(await auditCount(t.db)).toBe(before);
  });

  it('bad input is refused with 400 and the field, nothing changed (R26: conditions met needs the difficulty written)', async () => {
    const before = await auditCount(t.db);
    const cases: [unknown, string][] = [
      [{ ...form, assemblyDifficulty: '' }, 'assemblyDifficulty'],
      [{ ...form, ownersCommittee: 'maybe' }, 'ownersCommittee'],
      [{ ...form, committeeSeats: -1 }, 'committeeSeats'],
      [{ ...running, committeeMembers: null }, 'committeeMembers'],
      [{ ...form, problems: ['unknown'] }, 'problems.0'],
      [{ ...form, extra: 1 }, ''],
    ];
    for (const [body, field] of cases) {
      const r = await staff1.post(`/api/estates/${estate()}/surveys`, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      if (field) expect(r.json().fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    expect((await staff1.post(`/api/estates/${s.communities[0]!.id}/surveys`, form)).statusCode).toBe(400);
    expect(await surveys()).toBe(0);
    expect(await auditCount(t.db)).toBe(before);
  });

  it('R26: a survey sets the governance status and reason and the class follows; a second survey changes both; every survey kept with who and when', async () => {
    const before = await auditCount(t.db);
    const r1 = await staff1.post(`/api/estates/${estate()}/surveys`, form);
    expect(r1.statusCode).toBe(201);
    expect(r1.json()).toMatchObject({
      status: 'pending',
      reason: 'trulyDifficult',
      governanceApplied: true,
      class: { classCode: 'toForm' },
    });
    expect(await gov()).toMatchObject({ status: 'pending', reason: 'trulyDifficult' });
    expect((await row(estate())).reason).toBe('待组建（R26：具备条件但确有困难）');
    expect(await auditCount(t.db)).toBe(before + 1);

    const r2 = await admin.post(`/api/estates/${estate()}/surveys`, running);
    expect(r2.json()).toMatchObject({
      status: 'ownersCommittee',
      reason: null,
      class: { classCode: 'standard', classLabel: '业委会规范运行' },
    });
    expect(await gov()).toMatchObject({ status: 'ownersCommittee', reason: null, committee_term_end: '2029-05-31' });
    const page = (await staff1.get(`/api/estates/${estate()}/survey`)).json();
    expect(page.history.map((h: { statusLabel: string; by: string }) => [h.statusLabel, h.by])).toEqual([
      ['已成立业主大会/业委会', 'admin'],
      ['待组建', 'staff1'],
    ]);
    expect(page.history[1].answers.assemblyDifficulty).toBe(form.assemblyDifficulty);
    expect(page.prefill).toMatchObject({ ownersCommittee: 'running', committeeSeats: 5, assemblyHeld: true });
    expect(page.governance.statusLabel).toBe('已成立业主大会/业委会');
    const audit = await t.db.selectFrom('audit_entry').select(['action', 'after']).where('action', '=', 'survey.submit').execute();
    expect(audit).toHaveLength(2);
  });

  it('问题小区: an incomplete committee (4 of 5) or a serious problem places the estate there, the reason says why', async () => {
    await staff1.post(`/api/estates/${estate()}/surveys`, { ...running, committeeMembers: 4 });
    expect(await row(estate())).toMatchObject({ classCode: 'problem', reason: '调查摸底：业委会成员不齐全（实有 4 人，应有 5 人）' });
    await staff1.post(`/api/estates/${other()}/surveys`, { ...form, problems: ['feeArrears', 'facilities'] });
    expect((await row(other())).classCode).toBe('toForm');
    await staff1.post(`/api/estates/${other()}/surveys`, { ...form, problems: ['noProperty'] });
    expect(await row(other())).toMatchObject({ classCode: 'problem', reason: '调查摸底：无物业服务（失管弃管）' });
  });

  it('an estate whose PMC runs keeps its status (the formation decides it); the survey is kept, marked not applied', async () => {
    const e = s.communities[1]!.estates[0]!.id;
    await t.db.insertInto('estate_governance').values({ estate_id: e, status: 'pmcRunning', reason: 'assemblyNotPossible' }).execute();
    const r = await (await login(t.app, s.accounts.staff2!.username)).post(`/api/estates/${e}/surveys`, form);
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ status: 'pmcRunning', governanceApplied: false, class: { classCode: 'pmc' } });
    expect(await gov(e)).toMatchObject({ status: 'pmcRunning' });
    expect(await surveys(e)).toBe(1);
  });

  it("classes are the street's data: community staff 403; a list missing a rule 400, nothing changed; the street renames and adds", async () => {
    const classes = [...DEFAULT_CLASSES.map((c) => (c.code === 'toForm' ? { ...c, label: '待组建物管会' } : c))];
    expect((await staff1.put(`/api/streets/${s.street}/estate-classes`, { classes })).statusCode).toBe(403);
    const before = await auditCount(t.db);
    const bad = await admin.put(`/api/streets/${s.street}/estate-classes`, { classes: classes.slice(1) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('已成立业委会');
    expect(await auditCount(t.db)).toBe(before);
    const extra = { code: 'key', label: '重点培育', measures: '街道领导包联', rule: null };
    expect((await admin.put(`/api/streets/${s.street}/estate-classes`, { classes: [...classes, extra] })).statusCode).toBe(200);
    const c = (await admin.get(`/api/survey/classification?nodeId=${s.street}`)).json();
    expect(c.classes.map((k: { label: string }) => k.label)).toContain('待组建物管会');
    expect(c.canManage).toBe(true);
    expect((await row(s.communities[0]!.estates[1]!.id)).classLabel).toBe('问题小区');
    expect((await row(s.communities[1]!.estates[1]!.id)).classLabel).toBe('待组建物管会');
  });

  it('the street overrides a class with a reason (audited, shown as 街道调整); a class in use cannot be removed; clearing restores the rule', async () => {
    const e = s.communities[1]!.estates[1]!.id;
    expect((await staff1.put(`/api/estates/${e}/class-override`, { classCode: 'key', reason: '重点' })).statusCode).toBe(403);
    expect((await admin.put(`/api/estates/${e}/class-override`, { classCode: 'key', reason: '' })).statusCode).toBe(400);
    expect((await admin.put(`/api/estates/${e}/class-override`, { classCode: 'nope', reason: 'x' })).statusCode).toBe(400);
    const r = await party.put(`/api/estates/${e}/class-override`, { classCode: 'key', reason: '列入街道重点培育' });
    expect(r.statusCode).toBe(200);
    expect(await row(e)).toMatchObject({ classCode: 'key', overridden: true, reason: '街道调整：列入街道重点培育' });
    const entry = await t.db
      .selectFrom('audit_entry')
      .select('after')
      .where('action', '=', 'classification.override')
      .executeTakeFirstOrThrow();
    expect(entry.after).toEqual({ classCode: 'key', reason: '列入街道重点培育' });
    const removed = await admin.put(`/api/streets/${s.street}/estate-classes`, { classes: DEFAULT_CLASSES });
    expect(removed.statusCode).toBe(409);
    expect(removed.json().message).toContain('Svy小区2-2');
    expect((await admin.delete(`/api/estates/${e}/class-override`)).json()).toMatchObject({ classCode: 'toForm', overridden: false });
    expect((await admin.delete(`/api/estates/${e}/class-override`)).statusCode).toBe(409);
  });

  it('pilots are flagged with a reason and listed; the query for dashboards gives the same classes as the page', async () => {
    expect((await staff1.put(`/api/estates/${estate()}/pilot`, { reason: '试点' })).statusCode).toBe(403);
    expect((await admin.put(`/api/estates/${estate()}/pilot`, { reason: '' })).statusCode).toBe(400);
    expect((await admin.put(`/api/estates/${estate()}/pilot`, { reason: '社区推荐，基础较好' })).statusCode).toBe(200);
    const c = (await admin.get(`/api/survey/classification?nodeId=${s.street}`)).json();
    expect(c.pilots.map((p: { id: number; pilotReason: string }) => [p.id, p.pilotReason])).toEqual([[estate(), '社区推荐，基础较好']]);
    const rows = await estateClasses(t.db, [s.street]);
    expect(rows).toHaveLength(4);
    for (const e of c.estates) {
      const r = rows.find((x) => x.estateId === e.id)!;
      expect([r.classCode, r.reason, r.overridden, r.pilot, r.streetId]).toEqual([e.classCode, e.reason, e.overridden, e.pilot, s.street]);
    }
    expect(c.counts.reduce((n: number, k: { estates: number }) => n + k.estates, 0)).toBe(4);
    // community staff see their own estates only
    const mine = (await staff1.get('/api/survey/classification')).json();
    expect(mine.estates.map((e: { id: number }) => e.id).sort()).toEqual(s.communities[0]!.estates.map((e) => e.id).sort());
    expect(mine.canManage).toBe(false);
    expect((await admin.delete(`/api/estates/${estate()}/pilot`)).statusCode).toBe(200);
    expect((await estateClasses(t.db, [estate()]))[0]!.pilot).toBe(false);
  });
});
