import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckChar, usccCheckChar } from '../../core/identity.js';
import { todayInChina } from '../clock.js';
import { identityKeys } from '../people/identity.js';
import { insertPerson } from '../people/person-store.js';
import { inTransaction } from '../db/transaction.js';
import { auditCount, makeStreet, type TestStreet } from '../test/factories.js';
import { createTestApp, login, type Client, type TestApp } from '../test/harness.js';
import { loadDemoCompanies } from './demo.js';
import { refreshServedEstates } from './served-estates.js';

const uscc = (first17: string) => `${first17}${usccCheckChar(first17)}`;
let idSeq = 100;
const idNumber = () => {
  const first17 = `11010519850101${String(idSeq++).padStart(3, '0')}`;
  return `${first17}${idCheckChar(first17)}`;
};
const dayBefore = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

describe('property companies (issue 3, R39)', () => {
  let t: TestApp;
  let s: TestStreet;
  let admin: Client;
  let party: Client;
  let staff1: Client;
  let propertyStaff: Client;
  /** A company the street registers in these tests (not the factory's). */
  let other: number;
  const today = todayInChina();
  const yesterday = dayBefore(today);
  const estate = (c: number, e: number) => s.communities[c]!.estates[e]!.id;

  beforeAll(async () => {
    t = await createTestApp();
    s = await makeStreet(t.db, 'Co');
    admin = await login(t.app, s.accounts.admin!.username);
    party = await login(t.app, s.accounts.party!.username);
    staff1 = await login(t.app, s.accounts.staff1!.username);
    propertyStaff = await login(t.app, s.accounts.company!.username);
  });
  afterAll(() => t.close());

  async function snapshot() {
    return Promise.all([
      t.db.selectFrom('property_company').selectAll().orderBy('node_id').execute(),
      t.db.selectFrom('service_contract').selectAll().orderBy('id').execute(),
      t.db.selectFrom('post').selectAll().orderBy('id').execute(),
      t.db.selectFrom('person').selectAll().orderBy('id').execute(),
      t.db.selectFrom('party_org').selectAll().orderBy('id').execute(),
      t.db.selectFrom('company_estate').selectAll().orderBy('company_id').orderBy('estate_id').execute(),
      t.db.selectFrom('org_node').select(['id', 'name']).orderBy('id').execute(),
      auditCount(t.db),
    ]);
  }

  /** Refused: the status, a Chinese message matching `message`, and nothing written (no audit entry either). */
  async function rejected(c: Client, method: 'post' | 'patch' | 'put', url: string, body: unknown, status: number, message: RegExp) {
    const before = await snapshot();
    const res = await c[method](url, body);
    expect(res.statusCode, res.body).toBe(status);
    const msg = res.json().message as string;
    expect(msg).toMatch(/[\u4e00-\u9fa5]/);
    expect(msg).toMatch(message);
    expect(await snapshot()).toEqual(before);
    return res.json();
  }

  const addStaff = async (c: Client, companyId: number, body: Record<string, unknown>) => {
    const res = await c.post(`/api/companies/${companyId}/staff`, { startedOn: '2024-03-01', ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().postId as number;
  };
  const detail = async (companyId: number, c: Client = admin) => {
    const res = await c.get(`/api/companies/${companyId}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('USCC with a wrong check character: 400 in Chinese, nothing written, no audit entry', async () => {
    const good = uscc('91110105MA01ABCD1');
    const bad = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`;
    await rejected(
      admin,
      'post',
      '/api/companies',
      { streetId: s.street, name: '校验位错误物业', uscc: bad },
      400,
      /统一社会信用代码校验位不正确/,
    );
    await rejected(admin, 'post', '/api/companies', { streetId: s.street, name: '长度错误物业', uscc: '9111' }, 400, /应为18位/);
    await rejected(
      admin,
      'post',
      '/api/companies',
      { streetId: s.street, name: '非法字符物业', uscc: 'I1110105MA01ABCD1X' },
      400,
      /第1位“I”不是允许的字符/,
    );
  });

  it('street admin registers a company; it is listed and its detail is readable; the same USCC again is 409 naming it', async () => {
    const code = uscc('91110105MA01ABCD1');
    const res = await admin.post('/api/companies', {
      streetId: s.street,
      name: '和美物业服务有限公司',
      uscc: ` ${code.toLowerCase()} `,
      legalRepresentative: '钱进',
      phone: '010-88886666',
      address: '和平路8号',
    });
    expect(res.statusCode, res.body).toBe(201);
    other = res.json().id;
    expect(res.json()).toMatchObject({
      name: '和美物业服务有限公司',
      uscc: code,
      streetId: s.street,
      address: '和平路8号',
      contractsCurrent: 0,
      staffCount: 0,
      partyBuildingStatus: 'needsInstructor',
      shouldEstablish: false,
      actions: ['update', 'addContract', 'report', 'party'],
    });
    // a company node outside the street tree, its own closure row
    const node = await t.db.selectFrom('org_node').selectAll().where('id', '=', other).executeTakeFirstOrThrow();
    expect(node).toMatchObject({ kind: 'company', parent_id: null });
    const closure = await t.db.selectFrom('org_closure').selectAll().where('descendant_id', '=', other).execute();
    expect(closure).toEqual([{ ancestor_id: other, descendant_id: other, depth: 0 }]);
    const audit = await t.db.selectFrom('audit_entry').selectAll().where('action', '=', 'company.register').execute();
    expect(audit).toHaveLength(1);

    const list = (await admin.get('/api/companies?q=和美')).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ id: other, partyBuildingLabel: '未建党组织，待选派党建指导员' });
    expect((await admin.get(`/api/companies?q=${code.slice(0, 10)}`)).json().total).toBe(1);
    expect((await admin.get('/api/companies?q=%25')).json().total).toBe(0);

    await rejected(
      admin,
      'post',
      '/api/companies',
      { streetId: s.street, name: '另一家物业', uscc: code },
      409,
      /已登记为“和美物业服务有限公司”/,
    );
  });

  it('an unregistered company node in the hierarchy is offered and registered by node id', async () => {
    const offered = (await admin.get(`/api/companies/unregistered?streetId=${s.street}`)).json().items as { id: number }[];
    expect(offered.map((o) => o.id)).toContain(s.company);
    const res = await admin.post('/api/companies', { streetId: s.street, nodeId: s.company, uscc: uscc('91110105MA01ABCD2') });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ id: s.company, estatesServed: [{ id: estate(0, 0) }] });
    await rejected(
      admin,
      'post',
      '/api/companies',
      { streetId: s.street, nodeId: s.company, uscc: uscc('91110105MA01ABCD3') },
      409,
      /已经登记/,
    );
    expect((await admin.get(`/api/companies/unregistered?streetId=${s.street}`)).json().items).toEqual([]);
  });

  it('community staff can read companies serving their estates but cannot register one (403)', async () => {
    await rejected(
      staff1,
      'post',
      '/api/companies',
      { streetId: s.street, name: '社区登记物业', uscc: uscc('91110105MA01ABCD4') },
      403,
      /权限/,
    );
    const list = (await staff1.get('/api/companies')).json();
    expect(list.items.map((i: { id: number }) => i.id)).toEqual([s.company]);
    expect(list.items[0].actions).toEqual([]);
    // the other company serves nothing in community 1: not disclosed
    expect((await staff1.get(`/api/companies/${other}`)).statusCode).toBe(404);
  });

  it('contracts: overlapping periods of one company are 409; another company while the estate has a provider is 409 naming it', async () => {
    const first = await admin.post(`/api/companies/${s.company}/contracts`, { estateId: estate(0, 0), startedOn: '2024-01-01' });
    expect(first.statusCode, first.body).toBe(201);
    await rejected(
      admin,
      'post',
      `/api/companies/${s.company}/contracts`,
      { estateId: estate(0, 0), startedOn: '2025-06-01', endedOn: '2026-05-31' },
      409,
      /本企业在该小区已有一份合同/,
    );
    await rejected(
      admin,
      'post',
      `/api/companies/${other}/contracts`,
      { estateId: estate(0, 0), startedOn: '2025-01-01' },
      409,
      /由“Co物业公司”提供物业服务/,
    );
    await rejected(
      admin,
      'post',
      `/api/companies/${other}/contracts`,
      { estateId: estate(0, 1), startedOn: '2025-01-01', endedOn: '2024-12-31' },
      400,
      /终止日期不能早于起始日期/,
    );
    // not an estate
    await rejected(
      admin,
      'post',
      `/api/companies/${other}/contracts`,
      { estateId: s.communities[0]!.id, startedOn: '2025-01-01' },
      400,
      /小区/,
    );
    const d = await detail(s.company);
    expect(d.contracts).toHaveLength(1);
    expect(d.contracts[0]).toMatchObject({ estateId: estate(0, 0), startedOn: '2024-01-01', endedOn: null, current: true });
    expect(d.contractsCurrent).toBe(1);
  });

  it('company_estate and the closure follow the contracts: property staff gain and lose an estate', async () => {
    const target = estate(0, 1);
    expect((await propertyStaff.get(`/api/org/nodes/${target}`)).statusCode).toBe(404);
    const res = await admin.post(`/api/companies/${s.company}/contracts`, { estateId: target, startedOn: '2024-01-01' });
    expect(res.statusCode, res.body).toBe(201);
    expect((await propertyStaff.get(`/api/org/nodes/${target}`)).statusCode).toBe(200);
    // a building of the estate too
    expect((await propertyStaff.get(`/api/org/nodes/${s.communities[0]!.estates[1]!.buildings[0]}`)).statusCode).toBe(200);
    const contractId = (res.json().contracts as { id: number; estateId: number }[]).find((c) => c.estateId === target)!.id;

    // ends yesterday: no longer served
    const ended = await admin.patch(`/api/companies/${s.company}/contracts/${contractId}`, { endedOn: yesterday });
    expect(ended.statusCode, ended.body).toBe(200);
    expect((await propertyStaff.get(`/api/org/nodes/${target}`)).statusCode).toBe(404);
    const link = await t.db
      .selectFrom('company_estate')
      .selectAll()
      .where('company_id', '=', s.company)
      .where('estate_id', '=', target)
      .execute();
    expect(link).toEqual([]);

    // another company may now take the estate over from today; not from yesterday (overlap)
    await rejected(
      admin,
      'post',
      `/api/companies/${other}/contracts`,
      { estateId: target, startedOn: yesterday },
      409,
      /同一时间只能有一家物业企业/,
    );
    const takeover = await admin.post(`/api/companies/${other}/contracts`, { estateId: target, startedOn: today });
    expect(takeover.statusCode, takeover.body).toBe(201);
    expect(takeover.json().estatesServed).toEqual([{ id: target, name: expect.any(String) }]);
    // reopening the ended contract would overlap the new provider
    await rejected(admin, 'patch', `/api/companies/${s.company}/contracts/${contractId}`, { endedOn: null }, 409, /和美物业服务有限公司/);
  });

  it('property staff report their own staff list; R39: exactly 3 full members and no organisation is 应建未建', async () => {
    const c = s.company;
    await addStaff(propertyStaff, c, { person: { name: '甲', idNumber: idNumber(), partyStatus: 'full' }, role: 'companyHead' });
    const pm = await addStaff(propertyStaff, c, {
      person: { name: '乙', mobile: '13912345678', partyStatus: 'full' },
      role: 'projectManager',
      estateId: estate(0, 0),
    });
    await addStaff(propertyStaff, c, { person: { name: '丙', partyStatus: 'probationary' }, role: 'companyStaff', estateId: estate(0, 0) });
    let d = await detail(c, propertyStaff);
    expect(d).toMatchObject({
      staffCount: 3,
      fullMembers: 2,
      probationaryMembers: 1,
      partyBuildingStatus: 'needsInstructor',
      shouldEstablish: false,
    });
    const p = d.staff.find((x: { postId: number }) => x.postId === pm);
    expect(p).toMatchObject({ role: 'projectManager', roleLabel: '项目经理', estateId: estate(0, 0) });
    expect(p.person).toMatchObject({ name: '乙', mobileMasked: '139****5678', partyStatus: 'full', nodeId: c, streetId: s.street });
    const project = d.contracts.find((x: { estateId: number }) => x.estateId === estate(0, 0));
    expect(project).toMatchObject({ fullMembers: 1, probationaryMembers: 1, staffCount: 2, partyBuildingStatus: 'needsInstructor' });

    // R39 boundary: the third full member
    const third = await addStaff(propertyStaff, c, {
      person: { name: '丁', partyStatus: 'full' },
      role: 'companyStaff',
      estateId: estate(0, 0),
    });
    d = await detail(c, propertyStaff);
    expect(d).toMatchObject({
      fullMembers: 3,
      partyBuildingStatus: 'shouldEstablish',
      partyBuildingLabel: '应建未建',
      shouldEstablish: true,
    });
    expect(d.contracts.find((x: { estateId: number }) => x.estateId === estate(0, 0))).toMatchObject({ fullMembers: 2 });
    const listed = (await admin.get('/api/companies')).json().items.find((i: { id: number }) => i.id === c);
    expect(listed).toMatchObject({ shouldEstablish: true, partyBuildingLabel: '应建未建' });

    // the third leaves today: still counted today (the end date is the last day); left yesterday: not
    const left = await propertyStaff.patch(`/api/companies/${c}/staff/${third}`, { endedOn: today });
    expect(left.statusCode, left.body).toBe(200);
    expect((await detail(c)).fullMembers).toBe(3);
    await propertyStaff.patch(`/api/companies/${c}/staff/${third}`, { endedOn: yesterday });
    expect(await detail(c)).toMatchObject({ fullMembers: 2, partyBuildingStatus: 'needsInstructor' });
    // a probationary member becomes full: 3 again
    const bing = (await detail(c)).staff.find((x: { person: { name: string } }) => x.person.name === '丙');
    const changed = await propertyStaff.patch(`/api/companies/${c}/staff/${bing.postId}`, { partyStatus: 'full' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(await detail(c)).toMatchObject({ fullMembers: 3, probationaryMembers: 0, shouldEstablish: true });
  });

  it('R39: 2 full and 5 probationary members is not 应建未建', async () => {
    for (const [i, st] of ['full', 'full', 'probationary', 'probationary', 'probationary', 'probationary', 'probationary'].entries()) {
      await addStaff(admin, other, { person: { name: `员工${i + 1}`, partyStatus: st }, role: 'companyStaff' });
    }
    const d = await detail(other);
    expect(d).toMatchObject({
      staffCount: 7,
      fullMembers: 2,
      probationaryMembers: 5,
      partyBuildingStatus: 'needsInstructor',
      shouldEstablish: false,
    });
  });

  it('bad staff input is refused with nothing written', async () => {
    const c = s.company;
    const url = `/api/companies/${c}/staff`;
    const good = idNumber();
    const badId = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`;
    await rejected(
      propertyStaff,
      'post',
      url,
      { person: { name: '错号', idNumber: badId, partyStatus: 'none' }, role: 'companyStaff', startedOn: '2024-01-01' },
      400,
      /身份证号码校验位不正确/,
    );
    await rejected(
      propertyStaff,
      'post',
      url,
      { person: { name: '项目外', partyStatus: 'none' }, role: 'companyStaff', estateId: estate(1, 0), startedOn: '2024-01-01' },
      400,
      /不是本企业当前服务的小区/,
    );
    await rejected(
      propertyStaff,
      'post',
      url,
      { person: { name: '无项目经理', partyStatus: 'none' }, role: 'projectManager', startedOn: '2024-01-01' },
      400,
      /项目经理须选择所在项目/,
    );
    await rejected(propertyStaff, 'post', url, { role: 'companyStaff', startedOn: '2024-01-01' }, 400, /二者选一/);
    await rejected(
      propertyStaff,
      'post',
      url,
      { person: { name: '将来', partyStatus: 'none' }, role: 'companyStaff', startedOn: '2099-01-01' },
      400,
      /不能晚于今天/,
    );
    // the same person again in the same post
    const jia = (await detail(c)).staff.find((x: { person: { name: string } }) => x.person.name === '甲');
    await rejected(
      propertyStaff,
      'post',
      url,
      { personId: jia.person.id, role: 'companyHead', startedOn: '2024-05-01' },
      409,
      /无需重复添加/,
    );
  });

  it('property staff cannot touch another company (404) nor set the party organisation of their own (403)', async () => {
    await rejected(
      propertyStaff,
      'post',
      `/api/companies/${other}/staff`,
      { person: { name: '越权', partyStatus: 'none' }, role: 'companyStaff', startedOn: '2024-01-01' },
      404,
      /不存在或您无权查看/,
    );
    expect((await propertyStaff.get(`/api/companies/${other}`)).statusCode).toBe(404);
    await rejected(
      propertyStaff,
      'put',
      `/api/companies/${s.company}/party`,
      { partyOrg: { name: '越权党支部', kind: 'branch' } },
      403,
      /权限/,
    );
    await rejected(
      propertyStaff,
      'post',
      `/api/companies/${s.company}/contracts`,
      { estateId: estate(0, 1), startedOn: '2030-01-01' },
      403,
      /权限/,
    );
    await rejected(propertyStaff, 'patch', `/api/companies/${s.company}`, { phone: '123' }, 403, /权限/);
    // their list holds their own company only
    expect((await propertyStaff.get('/api/companies')).json().items.map((i: { id: number }) => i.id)).toEqual([s.company]);
  });

  it('party office records the organisation established and an instructor; the checks list the rest (R39)', async () => {
    let checks = (await party.get(`/api/companies/checks?streetId=${s.street}`)).json();
    expect(checks.companies.map((c: { id: number; partyBuildingStatus: string }) => [c.id, c.partyBuildingStatus]).sort()).toEqual(
      [
        [s.company, 'shouldEstablish'],
        [other, 'needsInstructor'],
      ].sort(),
    );
    const projectOfOther = checks.projects.find((p: { companyId: number }) => p.companyId === other);
    expect(projectOfOther).toMatchObject({ estateId: estate(0, 1), partyBuildingStatus: 'needsInstructor' });

    const res = await party.put(`/api/companies/${s.company}/party`, { partyOrg: { name: 'Co物业公司党支部', kind: 'branch' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      partyOrg: { name: 'Co物业公司党支部', kind: 'branch', kindLabel: '党支部' },
      partyBuildingStatus: 'established',
      shouldEstablish: false,
    });
    const org = await t.db.selectFrom('party_org').selectAll().where('name', '=', 'Co物业公司党支部').executeTakeFirstOrThrow();
    expect(org).toMatchObject({ node_id: s.company, street_id: s.street });

    // an instructor must be a full party member of the street
    const keys = await identityKeys(t.db);
    const people = await inTransaction(t.db, async (trx) => {
      const full = await insertPerson(trx, keys, { streetId: s.street, nodeId: s.street, name: '指导员甲', partyStatus: 'full' });
      const none = await insertPerson(trx, keys, { streetId: s.street, nodeId: s.street, name: '群众乙' });
      return { full: full.id, none: none.id };
    });
    const candidates = (await party.get(`/api/companies/${other}/instructor-candidates?q=指导员`)).json().items as { id: number }[];
    expect(candidates.map((c) => c.id)).toEqual([people.full]);
    expect((await propertyStaff.get(`/api/companies/${s.company}/instructor-candidates`)).statusCode).toBe(403);
    await rejected(party, 'put', `/api/companies/${other}/party`, { instructorId: people.none }, 400, /不是正式党员/);
    const assigned = await party.put(`/api/companies/${other}/party`, { instructorId: people.full, instructorSince: '2025-03-01' });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json()).toMatchObject({
      instructor: { id: people.full, name: '指导员甲', since: '2025-03-01' },
      partyBuildingStatus: 'instructor',
    });
    const contractId = assigned.json().contracts[0].id;
    const project = await party.put(`/api/companies/${other}/contracts/${contractId}/party`, { instructorId: people.full });
    expect(project.statusCode, project.body).toBe(200);
    expect(project.json().contracts[0]).toMatchObject({ instructor: { id: people.full }, partyBuildingStatus: 'instructor' });

    checks = (await admin.get(`/api/companies/checks?streetId=${s.street}`)).json();
    expect(checks.companies).toEqual([]);
    expect(checks.projects.map((p: { companyId: number }) => p.companyId)).toEqual([s.company]);

    // the organisation withdrawn: 应建未建 again
    const withdrawn = await admin.put(`/api/companies/${s.company}/party`, { partyOrgId: null });
    expect(withdrawn.json()).toMatchObject({ partyOrg: null, partyBuildingStatus: 'shouldEstablish' });
    // re-recorded by the same name: the same organisation
    const again = await party.put(`/api/companies/${s.company}/party`, { partyOrg: { name: 'Co物业公司党支部', kind: 'generalBranch' } });
    expect(again.json().partyOrg).toMatchObject({ id: org.id, kind: 'generalBranch' });
  });

  it('edits the registration; a USCC of another company is 409', async () => {
    const res = await admin.patch(`/api/companies/${other}`, { phone: '010-66668888', legalRepresentative: '孙立' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ phone: '010-66668888', legalRepresentative: '孙立' });
    await rejected(admin, 'patch', `/api/companies/${other}`, { uscc: uscc('91110105MA01ABCD2') }, 409, /已登记为/);
  });

  it('export: the scope-filtered list with the R39 status, as xlsx', async () => {
    const res = await admin.get('/api/companies/export.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('企业名称');
    expect(ws.getRow(1).getCell(13).value).toBe('党建状态（R39）');
    const rows: string[][] = [];
    ws.eachRow((r, i) => i > 1 && rows.push((r.values as unknown[]).slice(1).map(String)));
    expect(rows).toHaveLength(2);
    const mine = rows.find((r) => r[0] === '和美物业服务有限公司')!;
    expect(mine[12]).toBe('已选派党建指导员');

    const own = await propertyStaff.get('/api/companies/export.xlsx');
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(own.rawPayload as unknown as ArrayBuffer);
    expect(wb2.worksheets[0]!.rowCount).toBe(2);
  });

  it('a contract starting tomorrow is served from tomorrow: the daily pass brings company_estate in line', async () => {
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const target = estate(1, 1);
    const res = await admin.post(`/api/companies/${other}/contracts`, { estateId: target, startedOn: tomorrow });
    expect(res.statusCode, res.body).toBe(201);
    const served = () =>
      t.db.selectFrom('company_estate').select('estate_id').where('company_id', '=', other).where('estate_id', '=', target).execute();
    expect(await served()).toEqual([]);
    expect(await refreshServedEstates(t.db, tomorrow)).toBe(true);
    expect(await served()).toEqual([{ estate_id: target }]);
    const reach = await t.db
      .selectFrom('org_closure')
      .select('depth')
      .where('ancestor_id', '=', other)
      .where('descendant_id', '=', target)
      .execute();
    expect(reach).toEqual([{ depth: 1 }]);
    // idempotent
    expect(await refreshServedEstates(t.db, tomorrow)).toBe(false);
    // back to today: not yet
    await refreshServedEstates(t.db, today);
    expect(await served()).toEqual([]);
  });

  it('demo: registers the street company with valid codes, a second company, and R39 cases', async () => {
    const d = await makeStreet(t.db, 'Demo');
    const keys = await identityKeys(t.db);
    await inTransaction(t.db, (trx) => loadDemoCompanies(trx, keys, d.street));
    const demoAdmin = await login(t.app, d.accounts.admin!.username);
    const list = (await demoAdmin.get('/api/companies')).json().items as {
      id: number;
      uscc: string;
      partyBuildingStatus: string;
      contractsCurrent: number;
    }[];
    expect(list).toHaveLength(2);
    const first = list.find((c) => c.id === d.company)!;
    expect(first).toMatchObject({ partyBuildingStatus: 'shouldEstablish', contractsCurrent: 1 });
    expect(list.find((c) => c.id !== d.company)).toMatchObject({ partyBuildingStatus: 'established', contractsCurrent: 2 });
    const firstDetail = await detail(d.company, demoAdmin);
    expect(firstDetail.contracts[0]).toMatchObject({ partyBuildingStatus: 'instructor' });
    // nothing twice
    await inTransaction(t.db, (trx) => loadDemoCompanies(trx, keys, d.street));
    expect((await demoAdmin.get('/api/companies')).json().total).toBe(2);
  });
});
