import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckChar } from '../../core/identity.js';
import { todayInChina } from '../clock.js';
import { auditCount, makeStreet, type TestStreet } from '../test/factories.js';
import { createTestApp, login, type Client, type TestApp } from '../test/harness.js';
import { inTransaction } from '../db/transaction.js';
import { identityKeys } from './identity.js';
import { loadDemoPeople } from './demo.js';

/** A valid 身份证号 (fictitious region 110105) for a birth date and sequence. */
const idFor = (birth: string, seq = '123') => {
  const first17 = `110105${birth}${seq}`;
  return `${first17}${idCheckChar(first17)}`;
};
const shift = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

describe('people, posts, party organisations and the R40 checks', () => {
  let t: TestApp;
  let s: TestStreet;
  let admin: Client;
  let party: Client;
  let staff1: Client;
  let staff2: Client;
  let grid: Client;
  let member: Client;
  beforeAll(async () => {
    t = await createTestApp();
    s = await makeStreet(t.db, 'Ppl');
    const as = (k: string) => login(t.app, s.accounts[k]!.username);
    admin = await as('admin');
    party = await as('party');
    staff1 = await as('staff1');
    staff2 = await as('staff2');
    grid = await as('grid');
    member = await as('member');
  });
  afterAll(() => t.close());

  const c1 = () => s.communities[0]!;
  const c2 = () => s.communities[1]!;
  const snapshot = async () => ({
    people: await t.db.selectFrom('person').selectAll().orderBy('id').execute(),
    posts: await t.db.selectFrom('post').selectAll().orderBy('id').execute(),
    orgs: await t.db.selectFrom('party_org').selectAll().orderBy('id').execute(),
    audits: await auditCount(t.db),
  });

  /** Refused: the status, a Chinese message matching `what`, and nothing written (no audit entry either). */
  async function rejected(c: Client, method: 'post' | 'patch' | 'delete' | 'get', url: string, body: unknown, what: RegExp, status = 400) {
    const before = await snapshot();
    const res = method === 'delete' || method === 'get' ? await c[method](url) : await c[method](url, body);
    expect(res.statusCode, res.body).toBe(status);
    const msg = res.json().message as string;
    expect(msg).toMatch(/[\u4e00-\u9fa5]/);
    expect(msg).toMatch(what);
    expect(await snapshot()).toEqual(before);
    return res.json();
  }

  const ID_A = idFor('19800101', '123');
  const MOBILE_A = '13912345678';
  let personA: number;

  it('community staff register a person: masked ID and mobile, street derived, audit without the number', async () => {
    const res = await staff1.post('/api/people', {
      nodeId: c1().grids[0],
      name: ' 张建华 ',
      idNumber: ID_A.toLowerCase(),
      mobile: '139 1234 5678',
      tags: ['veteran', 'deputy'],
      occupation: '退休教师',
      address: '和平路1号',
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    personA = p.id;
    expect(p).toMatchObject({
      name: '张建华',
      streetId: s.street,
      nodeId: c1().grids[0],
      idNumberMasked: `1101**********${ID_A.slice(-4)}`,
      birthDate: '1980-01-01',
      mobileMasked: '139****5678',
      partyStatus: 'none',
      tags: ['veteran', 'deputy'],
      posts: [],
      crossAppointments: [],
    });
    expect(p.actions).toEqual(expect.arrayContaining(['update', 'managePosts', 'revealMobile']));
    expect(p.actions).not.toContain('revealIdNumber');
    expect(res.body).not.toContain(ID_A);
    expect(res.body).not.toContain(MOBILE_A);
    const entry = await t.db
      .selectFrom('audit_entry')
      .selectAll()
      .where('action', '=', 'person.create')
      .where('entity_id', '=', String(personA))
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(entry)).not.toContain(ID_A);
    expect(JSON.stringify(entry)).not.toContain(MOBILE_A);
  });

  it('bad ID numbers, mobiles and tags: 400 in Chinese, nothing written, no audit entry', async () => {
    const base = { nodeId: c1().id, name: '李四' };
    const badCheck = `${ID_A.slice(0, 17)}${ID_A[17] === '0' ? '1' : '0'}`;
    await rejected(staff1, 'post', '/api/people', { ...base, idNumber: badCheck }, /校验位不正确/);
    const feb30 = '110105198002301234';
    await rejected(staff1, 'post', '/api/people', { ...base, idNumber: feb30 }, /出生日期不存在/);
    await rejected(staff1, 'post', '/api/people', { ...base, idNumber: '110105800101123' }, /15位/);
    await rejected(staff1, 'post', '/api/people', { ...base, mobile: '1391234567' }, /手机号码应为11位/);
    await rejected(staff1, 'post', '/api/people', { ...base, tags: ['vip'] }, /标签/);
    await rejected(staff1, 'post', '/api/people', { ...base, tags: ['veteran', 'veteran'] }, /标签不能重复/);
    await rejected(staff1, 'post', '/api/people', { ...base, name: '' }, /姓名不能为空/);
    await rejected(staff1, 'post', '/api/people', { ...base, partyOrgId: 1 }, /非党员不能填写所属党组织/);
    // the field is named so the form can show it in place
    const res = await staff1.post('/api/people', { ...base, idNumber: badCheck });
    expect(res.json().fields).toEqual([{ field: 'idNumber', message: expect.stringMatching(/校验位/) }]);
  });

  it('the same ID number twice in one street: 409 naming who holds it', async () => {
    const res = await rejected(
      staff2,
      'post',
      '/api/people',
      { nodeId: c2().id, name: '重复者', idNumber: ID_A },
      /已登记在“张建华”名下/,
      409,
    );
    expect(res.message).toContain(String(personA));
  });

  it('lists: search by name, ID tail and mobile tail; filters; masks only', async () => {
    await staff1.post('/api/people', {
      nodeId: c1().id,
      name: '王秀英',
      idNumber: idFor('19751231', '456'),
      partyStatus: 'full',
      tags: ['communityPolice'],
    });
    await staff2.post('/api/people', { nodeId: c2().grids[0], name: '赵志强', idNumber: idFor('19900215', '789'), mobile: '13700001111' });
    const all = await admin.get('/api/people?pageSize=200');
    expect(all.statusCode).toBe(200);
    expect(all.json().total).toBe(3);
    expect(all.body).not.toContain(ID_A);
    expect(all.body).not.toContain(MOBILE_A);
    const byName = (await admin.get(`/api/people?q=${encodeURIComponent('建华')}`)).json();
    expect(byName.items.map((p: { name: string }) => p.name)).toEqual(['张建华']);
    const byIdTail = (await admin.get(`/api/people?q=${ID_A.slice(-4)}`)).json();
    expect(byIdTail.items.map((p: { id: number }) => p.id)).toContain(personA);
    const byMobile = (await admin.get('/api/people?q=5678')).json();
    expect(byMobile.items.map((p: { id: number }) => p.id)).toEqual([personA]);
    // more than 4 digits of a mobile do not search (no probing for full numbers)
    expect((await admin.get('/api/people?q=12345678')).json().total).toBe(0);
    expect((await admin.get('/api/people?partyStatus=full')).json().items.map((p: { name: string }) => p.name)).toEqual(['王秀英']);
    expect((await admin.get('/api/people?tag=veteran')).json().items.map((p: { name: string }) => p.name)).toEqual(['张建华']);
    expect((await admin.get(`/api/people?nodeId=${c2().id}`)).json().items.map((p: { name: string }) => p.name)).toEqual(['赵志强']);
    const page = (await admin.get('/api/people?pageSize=2&page=2')).json();
    expect(page).toMatchObject({ total: 3 });
    expect(page.items).toHaveLength(1);
    expect((await admin.get('/api/people?pageSize=201')).statusCode).toBe(400);
  });

  it('scope: community 2 cannot see or change community 1’s people (404); the grid worker sees their grid only', async () => {
    const list = (await staff2.get('/api/people?pageSize=200')).json();
    expect(list.items.map((p: { name: string }) => p.name)).toEqual(['赵志强']);
    await rejected(staff2, 'get', `/api/people/${personA}`, undefined, /人员不存在或您无权查看/, 404);
    await rejected(staff2, 'patch', `/api/people/${personA}`, { name: '改名' }, /人员不存在或您无权查看/, 404);
    await rejected(staff2, 'post', `/api/people/${personA}/reveal`, { field: 'mobile' }, /人员不存在或您无权查看/, 404);
    await rejected(staff2, 'post', '/api/people', { nodeId: c1().id, name: '越界' }, /登记节点不存在或您无权查看/, 404);
    expect((await grid.get('/api/people')).json().items.map((p: { name: string }) => p.name)).toEqual(['张建华']);
    // committee members read but do not keep the registry
    await rejected(member, 'post', '/api/people', { nodeId: c1().estates[0]!.id, name: '某人' }, /权限/, 403);
  });

  it('reveal: staff see the mobile, only the street admin sees the ID number, each view audited without the value', async () => {
    const before = await auditCount(t.db);
    const mobile = await staff1.post(`/api/people/${personA}/reveal`, { field: 'mobile' });
    expect(mobile.statusCode, mobile.body).toBe(200);
    expect(mobile.json()).toEqual({ value: MOBILE_A });
    const gridView = await grid.post(`/api/people/${personA}/reveal`, { field: 'mobile' });
    expect(gridView.json()).toEqual({ value: MOBILE_A });
    await rejected(staff1, 'post', `/api/people/${personA}/reveal`, { field: 'idNumber' }, /查看完整身份证号/, 403);
    await rejected(party, 'post', `/api/people/${personA}/reveal`, { field: 'mobile' }, /权限/, 403);
    await rejected(member, 'post', `/api/people/${personA}/reveal`, { field: 'mobile' }, /权限/, 403);
    const id = await admin.post(`/api/people/${personA}/reveal`, { field: 'idNumber' });
    expect(id.json()).toEqual({ value: ID_A });
    expect(await auditCount(t.db)).toBe(before + 3);
    const entries = await t.db.selectFrom('audit_entry').selectAll().where('action', '=', 'person.reveal').orderBy('id').execute();
    expect(entries.map((e) => e.after)).toEqual([{ field: 'mobile' }, { field: 'mobile' }, { field: 'idNumber' }]);
    expect(entries.map((e) => e.actor_id)).toEqual([s.accounts.staff1!.id, s.accounts.grid!.id, s.accounts.admin!.id]);
    expect(JSON.stringify(entries)).not.toContain(ID_A);
    expect(JSON.stringify(entries)).not.toContain(MOBILE_A);
    const detail = (await admin.get(`/api/people/${personA}`)).json();
    expect(detail.actions).toContain('revealIdNumber');
  });

  it('edits: registry keepers change anything (ID re-checked); the party office only the party fields', async () => {
    const ok = await staff1.patch(`/api/people/${personA}`, { occupation: '社区志愿者', mobile: '13800002222' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      occupation: '社区志愿者',
      mobileMasked: '138****2222',
      idNumberMasked: `1101**********${ID_A.slice(-4)}`,
    });
    await rejected(staff1, 'patch', `/api/people/${personA}`, { idNumber: '110105198002301234' }, /出生日期不存在/);
    const other = (await admin.get(`/api/people?q=${encodeURIComponent('王秀英')}`)).json().items[0];
    await rejected(staff1, 'patch', `/api/people/${other.id}`, { idNumber: ID_A }, /已登记在“张建华”名下/, 409);
    await rejected(party, 'patch', `/api/people/${personA}`, { name: '改名' }, /只能修改政治面貌和所属党组织/, 403);
    const p = await party.patch(`/api/people/${personA}`, { partyStatus: 'probationary' });
    expect(p.statusCode, p.body).toBe(200);
    expect(p.json().partyStatus).toBe('probationary');
  });

  const orgs: Record<string, number> = {};

  it('party organisations: 社区党委 → 网格党支部 → 楼栋党小组; wrong kinds and places refused', async () => {
    const committee = await party.post('/api/party-orgs', { kind: 'committee', name: '社区一党委', nodeId: c1().id });
    expect(committee.statusCode, committee.body).toBe(201);
    orgs.committee = committee.json().id;
    const branch = await party.post('/api/party-orgs', {
      kind: 'branch',
      name: '网格一党支部',
      nodeId: c1().grids[0],
      parentId: orgs.committee,
    });
    expect(branch.statusCode, branch.body).toBe(201);
    orgs.branch = branch.json().id;
    const branch2 = await party.post('/api/party-orgs', {
      kind: 'branch',
      name: '网格二党支部',
      nodeId: c1().grids[1],
      parentId: orgs.committee,
    });
    orgs.branch2 = branch2.json().id;
    const group = await party.post('/api/party-orgs', {
      kind: 'group',
      name: '1号楼党小组',
      nodeId: c1().estates[0]!.buildings[0],
      parentId: orgs.branch,
    });
    expect(group.statusCode, group.body).toBe(201);
    orgs.group = group.json().id;
    expect(group.json()).toMatchObject({
      kind: 'group',
      parentId: orgs.branch,
      fullMembers: 0,
      secretary: null,
      actions: ['update', 'delete'],
    });

    await rejected(
      party,
      'post',
      '/api/party-orgs',
      { kind: 'group', name: '错组', nodeId: c1().grids[0], parentId: orgs.committee },
      /党委之下只能设党总支或党支部/,
    );
    await rejected(
      party,
      'post',
      '/api/party-orgs',
      { kind: 'branch', name: '错支部', nodeId: c1().grids[0], parentId: orgs.group },
      /党小组之下不再设下级党组织/,
    );
    await rejected(party, 'post', '/api/party-orgs', { kind: 'committee', name: '错党委', nodeId: c1().grids[0] }, /党委应设在社区或街道/);
    await rejected(
      party,
      'post',
      '/api/party-orgs',
      { kind: 'group', name: '无上级', nodeId: c1().estates[0]!.buildings[1] },
      /党小组须设在党支部之下/,
    );
    await rejected(
      party,
      'post',
      '/api/party-orgs',
      { kind: 'branch', name: '他处', nodeId: c2().grids[0], parentId: orgs.committee },
      /不在上级党组织“社区一党委”的范围内/,
    );
    await rejected(
      party,
      'post',
      '/api/party-orgs',
      { kind: 'branch', name: '网格一党支部', nodeId: c1().grids[0], parentId: orgs.committee },
      /已有名为“网格一党支部”/,
      409,
    );
    await rejected(staff1, 'post', '/api/party-orgs', { kind: 'committee', name: '社区自建', nodeId: c1().id }, /权限/, 403);

    const list = (await staff1.get('/api/party-orgs')).json().items as { id: number; actions: string[] }[];
    expect(list.map((o) => o.id).sort()).toEqual([orgs.committee, orgs.branch, orgs.branch2, orgs.group].sort());
    expect(list.every((o) => o.actions.length === 0)).toBe(true);
    expect((await staff2.get('/api/party-orgs')).json().items).toEqual([]);
  });

  it('posts: party posts need party.manage; others registry.manage at a node of the right kind; dates in order; no overlap', async () => {
    const today = todayInChina();
    await rejected(
      staff1,
      'post',
      `/api/people/${personA}/posts`,
      { role: 'partySecretary', partyOrgId: orgs.branch, startedOn: '2024-01-01' },
      /维护党组织/,
      403,
    );
    const sec = await party.post(`/api/people/${personA}/posts`, {
      role: 'partySecretary',
      partyOrgId: orgs.branch,
      startedOn: '2024-01-01',
    });
    expect(sec.statusCode, sec.body).toBe(201);
    expect(sec.json()).toMatchObject({
      role: 'partySecretary',
      roleLabel: '书记',
      bodyName: '网格一党支部',
      nodeId: c1().grids[0],
      current: true,
    });
    await rejected(
      party,
      'post',
      `/api/people/${personA}/posts`,
      { role: 'gridLeader', nodeId: c1().grids[0], startedOn: '2024-01-01' },
      /维护业主名册和人员/,
      403,
    );
    await rejected(
      staff1,
      'post',
      `/api/people/${personA}/posts`,
      { role: 'gridLeader', nodeId: c1().id, startedOn: '2024-01-01' },
      /网格长只能在网格任职/,
    );
    await rejected(staff1, 'post', `/api/people/${personA}/posts`, { role: 'partySecretary', startedOn: '2024-01-01' }, /请选择所在党组织/);
    await rejected(
      party,
      'post',
      `/api/people/${personA}/posts`,
      { role: 'partySecretary', partyOrgId: orgs.group, startedOn: '2024-01-01' },
      /党小组不设书记/,
    );
    await rejected(
      staff1,
      'post',
      `/api/people/${personA}/posts`,
      { role: 'gridLeader', nodeId: c1().grids[0], startedOn: '2024-01-02', endedOn: '2024-01-01' },
      /离任日期不能早于任职日期/,
    );
    await rejected(
      staff1,
      'post',
      `/api/people/${personA}/posts`,
      { role: 'gridLeader', nodeId: c1().grids[0], startedOn: '2024-02-30' },
      /日期无效/,
    );
    const leader = await staff1.post(`/api/people/${personA}/posts`, {
      role: 'gridLeader',
      nodeId: c1().grids[0],
      startedOn: '2024-01-01',
    });
    expect(leader.statusCode, leader.body).toBe(201);
    await rejected(
      staff1,
      'post',
      `/api/people/${personA}/posts`,
      { role: 'gridLeader', nodeId: c1().grids[0], startedOn: '2023-01-01', endedOn: '2024-01-02' },
      /任期不能重叠/,
      409,
    );
    // a past tenure ending on the day the current one starts does not overlap
    const past = await staff1.post(`/api/people/${personA}/posts`, {
      role: 'gridLeader',
      nodeId: c1().grids[0],
      startedOn: '2023-01-01',
      endedOn: '2024-01-01',
    });
    expect(past.statusCode, past.body).toBe(201);
    expect(past.json().current).toBe(false);
    // end, then delete a post entered by mistake (audited)
    const wrong = await staff1.post(`/api/people/${personA}/posts`, {
      role: 'buildingLeader',
      nodeId: c1().estates[0]!.buildings[0],
      startedOn: '2024-05-01',
    });
    expect(wrong.statusCode, wrong.body).toBe(201);
    const ended = await staff1.patch(`/api/posts/${wrong.json().id}`, { endedOn: today });
    expect(ended.json()).toMatchObject({ endedOn: today, current: false });
    await rejected(staff1, 'patch', `/api/posts/${wrong.json().id}`, { endedOn: '2024-04-30' }, /离任日期不能早于任职日期/);
    await rejected(staff2, 'delete', `/api/posts/${wrong.json().id}`, undefined, /职务不存在或您无权查看/, 404);
    await rejected(party, 'delete', `/api/posts/${wrong.json().id}`, undefined, /维护业主名册和人员/, 403);
    const before = await auditCount(t.db);
    expect((await staff1.delete(`/api/posts/${wrong.json().id}`)).statusCode).toBe(200);
    expect(await auditCount(t.db)).toBe(before + 1);
    expect(await t.db.selectFrom('post').select('id').where('id', '=', wrong.json().id).executeTakeFirst()).toBeUndefined();

    const detail = (await staff1.get(`/api/people/${personA}`)).json();
    expect(detail.posts.map((p: { roleLabel: string; current: boolean }) => `${p.roleLabel}${p.current ? '' : '(离任)'}`)).toEqual([
      '网格长',
      '书记',
      '网格长(离任)',
    ]);
    expect(detail.crossAppointments).toEqual([
      { bodyType: 'node', bodyId: c1().grids[0], bodyName: 'Ppl社区1网格1', roles: ['网格长'] },
      { bodyType: 'partyOrg', bodyId: orgs.branch, bodyName: '网格一党支部', roles: ['书记'] },
    ]);
    expect((await admin.get('/api/people?role=gridLeader')).json().items.map((p: { id: number }) => p.id)).toEqual([personA]);
    const orgList = (await party.get('/api/party-orgs')).json().items as { id: number; secretary: unknown; probationaryMembers: number }[];
    expect(orgList.find((o) => o.id === orgs.branch)!.secretary).toEqual({ personId: personA, name: '张建华' });
  });

  it('party organisations with children, members or posts cannot be deleted; an empty one can', async () => {
    await rejected(party, 'delete', `/api/party-orgs/${orgs.committee}`, undefined, /还有 2 个下级党组织/, 409);
    await rejected(party, 'delete', `/api/party-orgs/${orgs.branch}`, undefined, /还有 1 个下级党组织/, 409);
    await party.patch(`/api/people/${personA}`, { partyOrgId: orgs.group });
    await rejected(party, 'delete', `/api/party-orgs/${orgs.group}`, undefined, /还有 1 名党员/, 409);
    await party.patch(`/api/people/${personA}`, { partyOrgId: null });
    const empty = await party.delete(`/api/party-orgs/${orgs.group}`);
    expect(empty.statusCode, empty.body).toBe(200);
    const org = (
      await party.post('/api/party-orgs', { kind: 'group', name: '临时党小组', nodeId: c1().grids[0], parentId: orgs.branch })
    ).json();
    const rename = await party.patch(`/api/party-orgs/${org.id}`, { name: '2号楼党小组' });
    expect(rename.json().name).toBe('2号楼党小组');
    await rejected(party, 'patch', `/api/party-orgs/${orgs.committee}`, { parentId: orgs.branch }, /党支部之下只能设党小组/);
    await rejected(staff2, 'delete', `/api/party-orgs/${org.id}`, undefined, /权限/, 403);
  });

  it('checks (R40): grid without a grid worker, and "一人兼" not achieved — exactly; cross appointments listed', async () => {
    const today = todayInChina();
    const mk = async (name: string, nodeId: number) => (await staff1.post('/api/people', { nodeId, name })).json().id as number;
    const g1 = c1().grids[0]!;
    const g2 = c1().grids[1]!;
    // grid 1: 张建华 is branch secretary + grid leader already; add residents'-group leader and a worker
    expect(
      (await staff1.post(`/api/people/${personA}/posts`, { role: 'residentsGroupLeader', nodeId: g1, startedOn: '2024-01-01' })).statusCode,
    ).toBe(201);
    const worker = await mk('网格员甲', g1);
    expect((await staff1.post(`/api/people/${worker}/posts`, { role: 'gridWorker', nodeId: g1, startedOn: today })).statusCode).toBe(201);
    // grid 2: the worker left today, another starts tomorrow (neither counts); three posts, three people
    const w2 = await mk('网格员乙', g2);
    await staff1.post(`/api/people/${w2}/posts`, { role: 'gridWorker', nodeId: g2, startedOn: '2024-01-01', endedOn: today });
    await staff1.post(`/api/people/${w2}/posts`, { role: 'gridWorker', nodeId: g2, startedOn: shift(today, 1) });
    const sec2 = await mk('书记乙', g2);
    await party.post(`/api/people/${sec2}/posts`, { role: 'partySecretary', partyOrgId: orgs.branch2, startedOn: '2024-01-01' });
    const gl2 = await mk('组长乙', g2);
    await staff1.post(`/api/people/${gl2}/posts`, { role: 'residentsGroupLeader', nodeId: g2, startedOn: '2024-01-01' });
    await staff1.post(`/api/people/${personA}/posts`, { role: 'gridLeader', nodeId: g2, startedOn: '2024-01-01' });

    const res = await staff1.get(`/api/registry/checks?nodeId=${c1().id}`);
    expect(res.statusCode, res.body).toBe(200);
    const checks = res.json();
    expect(checks.grids).toEqual([
      {
        gridId: g1,
        gridName: 'Ppl社区1网格1',
        communityName: 'Ppl社区1',
        hasGridWorker: true,
        oneHoldsAll: true,
        problems: [],
        gridWorkers: ['网格员甲'],
        gridLeaders: ['张建华'],
        residentsGroupLeaders: ['张建华'],
        branchSecretaries: ['张建华'],
      },
      {
        gridId: g2,
        gridName: 'Ppl社区1网格2',
        communityName: 'Ppl社区1',
        hasGridWorker: false,
        oneHoldsAll: false,
        problems: ['未配备网格员（R40：每个网格至少配备1名网格员）', '网格党支部书记、居民小组长、网格长不是同一人（R40：宜“一人兼”）'],
        gridWorkers: [],
        gridLeaders: ['张建华'],
        residentsGroupLeaders: ['组长乙'],
        branchSecretaries: ['书记乙'],
      },
    ]);
    expect(checks.summary).toEqual({ grids: 2, gridsWithoutWorker: 1, gridsNotOneHoldsAll: 1, crossAppointments: 1 });
    expect(checks.crossAppointments).toHaveLength(1);
    expect(checks.crossAppointments[0]).toMatchObject({ personId: personA, name: '张建华' });
    expect(
      checks.crossAppointments[0].posts.map((p: { bodyName: string; roleLabel: string }) => `${p.bodyName}${p.roleLabel}`).sort(),
    ).toEqual(['Ppl社区1网格1居民小组长', 'Ppl社区1网格1网格长', 'Ppl社区1网格2网格长', '网格一党支部书记'].sort());
    // the street sees all four grids; community 2's grids have nobody at all
    const street = (await admin.get(`/api/registry/checks?nodeId=${s.street}`)).json();
    expect(street.summary).toEqual({ grids: 4, gridsWithoutWorker: 3, gridsNotOneHoldsAll: 3, crossAppointments: 1 });
    expect(street.grids[2].problems).toEqual([
      '未配备网格员（R40：每个网格至少配备1名网格员）',
      '网格党支部书记、居民小组长、网格长未配备，无法实现“一人兼”（R40）',
    ]);
    await rejected(staff2, 'get', `/api/registry/checks?nodeId=${c1().id}`, undefined, /节点不存在或您无权查看/, 404);
    await rejected(staff1, 'get', `/api/registry/checks?nodeId=${s.street}`, undefined, /节点不存在或您无权查看/, 404);
    await rejected(staff1, 'get', `/api/registry/checks?nodeId=${g1}`, undefined, /只能查看街道或社区/);
  });

  it('export: an .xlsx of the list the caller can see, with Chinese headers and masked values only', async () => {
    const res = await staff1.get('/api/people/export.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('人员名册.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      '姓名',
      '登记单位',
      '身份证号',
      '出生日期',
      '手机号',
      '政治面貌',
      '所属党组织',
      '背景标签',
      '现任职务',
      '职业',
      '住址',
    ]);
    const rows: string[][] = [];
    ws.eachRow((r, i) => i > 1 && rows.push(Array.from((r.values as unknown[]).slice(1), (v) => (v == null ? '' : String(v)))));
    const a = rows.find((r) => r[0] === '张建华')!;
    expect(a.slice(0, 8)).toEqual([
      '张建华',
      'Ppl社区1网格1',
      `1101**********${ID_A.slice(-4)}`,
      '1980-01-01',
      '138****2222',
      '预备党员',
      '',
      '三老、两代表一委员',
    ]);
    expect(rows.some((r) => r[0] === '赵志强')).toBe(false);
    const text = JSON.stringify(rows);
    expect(text).not.toContain(ID_A);
    expect(text).not.toContain('13800002222');
  });

  it('demo data: valid ID numbers, a grid without a worker, one grid where the three posts are three people', async () => {
    const demo = await makeStreet(t.db, 'Demo');
    const keys = await identityKeys(t.db);
    await inTransaction(t.db, (trx) => loadDemoPeople(trx, keys, demo.street));
    await inTransaction(t.db, (trx) => loadDemoPeople(trx, keys, demo.street)); // a second run changes nothing
    const n = await t.db
      .selectFrom('person')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('street_id', '=', demo.street)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBeGreaterThanOrEqual(16);
    const demoAdmin = await login(t.app, demo.accounts.admin!.username);
    const checks = (await demoAdmin.get(`/api/registry/checks?nodeId=${demo.street}`)).json();
    expect(checks.summary.gridsWithoutWorker).toBe(1);
    expect(checks.summary.gridsNotOneHoldsAll).toBe(1);
    expect(checks.summary.crossAppointments).toBeGreaterThanOrEqual(2);
    const people = (await demoAdmin.get('/api/people?pageSize=200')).json();
    expect(people.items.some((p: { partyStatus: string }) => p.partyStatus === 'probationary')).toBe(true);
    const someone = people.items[0];
    const revealed = (await demoAdmin.post(`/api/people/${someone.id}/reveal`, { field: 'idNumber' })).json().value as string;
    const { validateIdNumber } = await import('../../core/identity.js');
    expect(validateIdNumber(revealed).ok).toBe(true);
  });

  it('the party-organisation list exports as .xlsx within the caller’s scope', async () => {
    const demo = await makeStreet(t.db, 'Xlsx');
    const keys = await identityKeys(t.db);
    await inTransaction(t.db, (trx) => loadDemoPeople(trx, keys, demo.street));
    const c = await login(t.app, demo.accounts.admin!.username);
    const x = await c.raw({ method: 'GET', url: '/api/party-orgs/export.xlsx' });
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets[0]!.getSheetValues().slice(2) as unknown[][];
    const listed = (await c.get('/api/party-orgs')).json().items as { name: string }[];
    expect(rows).toHaveLength(listed.length);
    expect(rows.map((r) => r[1]).sort()).toEqual(listed.map((o) => o.name).sort());
  });
});
