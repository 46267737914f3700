import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckChar } from '../../core/identity.js';
import { identityKeys } from '../people/identity.js';
import { personColumns } from '../people/person-store.js';
import { auditCount, makeStreet, type TestStreet } from '../test/factories.js';
import { createTestApp, login, type Client, type TestApp } from '../test/harness.js';

const idOf = (n: number) => {
  const first17 = `11010519700${String(1 + (n % 9))}${String(10 + (n % 18))}${String(n).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
};
const daysAgo = (n: number) => new Date(Date.now() + 8 * 3600_000 - n * 86_400_000).toISOString().slice(0, 10);

describe('formation of a 物业管理委员会 (issue 5; R22–R34)', () => {
  let t: TestApp;
  let s: TestStreet;
  let admin: Client;
  let staff: Client;
  let staff2: Client;
  let party: Client;
  let grid: Client;
  let owner: Client;
  const people: Record<string, number> = {};
  let caseId = 0;

  const estate = () => s.communities[0]!.estates[0]!.id;
  const community = () => s.communities[0]!.id;
  const get = async () => (await staff.get(`/api/formation/cases/${caseId}`)).json();

  beforeAll(async () => {
    t = await createTestApp();
    s = await makeStreet(t.db, 'Form');
    const as = (k: string) => login(t.app, s.accounts[k]!.username);
    admin = await as('admin');
    staff = await as('staff1');
    staff2 = await as('staff2');
    party = await as('party');
    grid = await as('grid');
    owner = await as('owner');
    // Registry: 12 owners of 12 units in the estate (4 more units), two co-owners of one unit,
    // the community party committee, a residents'-committee member, a 城管 officer.
    const keys = await identityKeys(t.db);
    const building = s.communities[0]!.estates[0]!.buildings[0]!;
    await t.db
      .insertInto('unit')
      .values(
        [301, 302, 401, 402].map((n) => ({
          estate_id: estate(),
          building_id: building,
          entrance: '1单元',
          floor: 3,
          number: String(n),
          kind: 'residential' as const,
          area_centi: 8937,
          area_source: 'registered' as const,
        })),
      )
      .execute();
    const units = await t.db.selectFrom('unit').select('id').where('estate_id', '=', estate()).orderBy('id').execute();
    const person = async (key: string, n: number, extra: Partial<Parameters<typeof personColumns>[1]> = {}) => {
      const row = await t.db
        .insertInto('person')
        .values(
          personColumns(keys, {
            streetId: s.street,
            nodeId: estate(),
            name: key,
            idNumber: idOf(n),
            occupation: '职员',
            address: `${key}家`,
            ...extra,
          }),
        )
        .returning('id')
        .executeTakeFirstOrThrow();
      people[key] = row.id;
      return row.id;
    };
    for (let i = 1; i <= 12; i++) {
      const id = await person(`业主${i}`, i, { partyStatus: i <= 3 ? 'full' : 'none' });
      await t.db
        .insertInto('ownership')
        .values({ unit_id: units[i - 1]!.id, person_id: id, started_on: '2020-01-01' })
        .execute();
    }
    // 业主13 co-owns unit 12 with 业主12: one head (R3) when both sign.
    const co = await person('业主13', 13);
    await t.db.insertInto('ownership').values({ unit_id: units[11]!.id, person_id: co, started_on: '2020-01-01' }).execute();
    // 业主5 is in arrears of property fees (R37).
    await t.db.updateTable('unit').set({ fee_status: 'arrears', fee_arrears_since: '2025-01-01' }).where('id', '=', units[4]!.id).execute();

    const org = await t.db
      .insertInto('party_org')
      .values({ street_id: s.street, kind: 'committee', name: '社区党委', node_id: community() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const sec = await person('书记', 20, { nodeId: community(), partyStatus: 'full', partyOrgId: org.id });
    const dep = await person('副书记', 21, { nodeId: community(), partyStatus: 'full', partyOrgId: org.id });
    const rc = await person('居委委员', 22, { nodeId: community(), partyStatus: 'full' });
    await person('城管队员', 23, { nodeId: community(), tags: ['cityManagement', 'lawEnforcement'] });
    await t.db
      .insertInto('post')
      .values([
        { person_id: sec, role: 'partySecretary', node_id: community(), party_org_id: org.id, started_on: '2021-01-01' },
        { person_id: sec, role: 'residentsCommitteeDirector', node_id: community(), started_on: '2021-01-01' },
        { person_id: dep, role: 'partyDeputySecretary', node_id: community(), party_org_id: org.id, started_on: '2021-01-01' },
        { person_id: rc, role: 'residentsCommitteeMember', node_id: community(), started_on: '2021-01-01' },
      ])
      .execute();
  });
  afterAll(() => t.close());

  /** Time passes: the notice was posted `days` days ago (the period has run). */
  async function advance(noticeId: number, days = 30) {
    await t.db
      .updateTable('public_notice')
      .set({ publish_date: daysAgo(days), end_date: daysAgo(days - 10) })
      .where('id', '=', noticeId)
      .execute();
  }

  /** A refused step: the status, the rule in the message, and nothing changed. */
  async function refused(c: Client, method: 'post' | 'put', url: string, body: unknown, status: number, rule: RegExp) {
    const before = {
      audits: await auditCount(t.db),
      cases: await t.db.selectFrom('formation_case').selectAll().execute(),
      noms: await t.db.selectFrom('nomination').selectAll().execute(),
    };
    const res = await c[method](url, body);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().message).toMatch(rule);
    expect({
      audits: await auditCount(t.db),
      cases: await t.db.selectFrom('formation_case').selectAll().execute(),
      noms: await t.db.selectFrom('nomination').selectAll().execute(),
    }).toEqual(before);
    return res.json();
  }

  it('starts only for an estate that needs a PMC (R26), in the caller’s community, with the profile frozen', async () => {
    await refused(staff, 'post', '/api/formation/cases', { estateId: estate() }, 400, /R26/);
    await refused(staff2, 'post', '/api/formation/cases', { estateId: estate(), reason: 'assemblyNotPossible' }, 404, /不存在/);
    await refused(grid, 'post', '/api/formation/cases', { estateId: estate(), reason: 'assemblyNotPossible' }, 403, /权限/);
    const r = await staff.post('/api/formation/cases', { estateId: estate(), reason: 'assemblyNotPossible' });
    expect(r.statusCode, r.body).toBe(201);
    caseId = r.json().id;
    expect(r.json()).toMatchObject({ state: 'started', step: 1, profile: { id: 'seed', size: { min: 7 }, spoiledBallots: 'abstain' } });
    // every profile states how a spoiled ballot counts (R10)
    const { profiles } = (await admin.get('/api/governance/profiles')).json();
    expect(profiles.map((p: { spoiledBallots: string }) => p.spoiledBallots)).toEqual(['abstain', 'abstain', 'abstain']);
    // A later change of the street's profile does not touch the running case.
    expect((await admin.put(`/api/governance/streets/${s.street}/profile`, { profileId: 'hangzhou' })).statusCode).toBe(200);
    expect((await get()).profile.id).toBe('seed');
    const gov = (await admin.get('/api/governance')).json();
    expect(gov.estates.find((e: { id: number }) => e.id === estate())).toMatchObject({
      status: 'formingPmc',
      caseId,
      reason: 'assemblyNotPossible',
    });
    await refused(staff, 'post', '/api/formation/cases', { estateId: estate(), reason: 'assemblyNotPossible' }, 409, /组建/);
  });

  it('announces for 5 working days (R27); nominations cannot close before the period ends', async () => {
    await refused(staff, 'post', `/api/formation/cases/${caseId}/close-nominations`, {}, 409, /不能截止报名/);
    const r = await staff.post(`/api/formation/cases/${caseId}/announce`, {});
    expect(r.statusCode, r.body).toBe(200);
    const c = r.json();
    expect(c.state).toBe('nominating');
    expect(c.announcement.title).toContain('物业管理委员会');
    const end = (await staff.get(`/api/calendar/workdays/add?from=${c.announcement.publishDate}&days=5`)).json().date;
    expect(c.announcement.endDate).toBe(end);
    await staff.post(`/api/formation/cases/${caseId}/nominations`, { personId: people['业主1'], channel: 'self' });
    await refused(staff, 'post', `/api/formation/cases/${caseId}/close-nominations`, {}, 409, /R27/);
  });

  it('R28: a joint nomination needs 10 distinct owners — 9 signers, one owner twice, or co-owners of one unit are refused', async () => {
    const url = `/api/formation/cases/${caseId}/nominations`;
    const signers = (ids: number[]) => ids.map((i) => people[`业主${i}`]!);
    await refused(
      staff,
      'post',
      url,
      { personId: people['业主2'], channel: 'jointOwners', signerIds: signers([3, 4, 5, 6, 7, 8, 9, 10, 11]) },
      400,
      /R28.*9名/,
    );
    await refused(
      staff,
      'post',
      url,
      { personId: people['业主2'], channel: 'jointOwners', signerIds: signers([3, 4, 5, 6, 7, 8, 9, 10, 11, 11]) },
      400,
      /重复签名/,
    );
    // 业主12 and 业主13 co-own one unit: together they are one owner, so this is still 9.
    await refused(
      staff,
      'post',
      url,
      { personId: people['业主2'], channel: 'jointOwners', signerIds: signers([3, 4, 5, 6, 7, 8, 9, 10, 12, 13]) },
      400,
      /9名/,
    );
    await refused(staff, 'post', url, { personId: people['书记'], channel: 'self' }, 400, /不是本小区的现业主/);
    const ok = await staff.post(url, {
      personId: people['业主2'],
      channel: 'jointOwners',
      signerIds: signers([1, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().nominations.find((n: { person: { id: number } }) => n.person.id === people['业主2'])).toMatchObject({
      distinctSigners: 10,
    });
    for (const [k, channel] of [
      ['业主3', 'partyOrg'],
      ['业主4', 'residentsCommittee'],
      ['业主5', 'self'],
      ['业主6', 'self'],
    ] as const)
      expect((await staff.post(url, { personId: people[k], channel })).statusCode).toBe(201);
    expect((await owner.post(url, { personId: people['业主7'], channel: 'self' })).statusCode).toBe(403);
    // An owner signs the joint nomination online, once (R28).
    const joint = (await get()).nominations.find((n: { channel: string }) => n.channel === 'jointOwners');
    const signUrl = `/api/formation/cases/${caseId}/nominations/${joint.id}/sign`;
    await refused(owner, 'post', signUrl, {}, 400, /我的房屋/);
    await t.db
      .insertInto('owner_binding')
      .values({ account_id: s.accounts.owner!.id, person_id: people['业主12']!, method: 'staff' })
      .execute();
    const listed = (await owner.get('/api/me/joint-nominations')).json().items;
    expect(listed).toEqual([expect.objectContaining({ nominationId: joint.id, signers: 10, signedByMe: false })]);
    expect((await owner.post(signUrl, {})).statusCode).toBe(200);
    expect((await owner.get('/api/me/joint-nominations')).json().items[0]).toMatchObject({ signers: 11, signedByMe: true });
    await refused(owner, 'post', signUrl, {}, 409, /只计一次/);
    expect((await get()).nominations.find((n: { id: number }) => n.id === joint.id).distinctSigners).toBe(11);
  });

  it('vetting: the party office decides; a candidate in fee arrears cannot pass (R37)', async () => {
    await advance((await get()).announcement.id);
    expect((await staff.post(`/api/formation/cases/${caseId}/close-nominations`, {})).json().state).toBe('vetting');
    const noms = (await get()).nominations as { id: number; person: { id: number }; problems: string[] }[];
    const n5 = noms.find((n) => n.person.id === people['业主5'])!;
    expect(n5.problems.join()).toContain('R37');
    await refused(party, 'post', `/api/formation/cases/${caseId}/open-list`, {}, 403, /权限/);
    await refused(staff, 'post', `/api/formation/cases/${caseId}/open-list`, {}, 409, /未完成把关/);
    await refused(staff, 'post', `/api/formation/cases/${caseId}/nominations/${n5.id}/vet`, { result: 'passed' }, 403, /权限/);
    await refused(party, 'post', `/api/formation/cases/${caseId}/nominations/${n5.id}/vet`, { result: 'passed' }, 400, /R37/);
    await refused(party, 'post', `/api/formation/cases/${caseId}/nominations/${n5.id}/vet`, { result: 'failed' }, 400, /把关意见/);
    expect(
      (await party.post(`/api/formation/cases/${caseId}/nominations/${n5.id}/vet`, { result: 'failed', reason: '欠缴物业费' })).statusCode,
    ).toBe(200);
    // R35: a negative-list entry, recorded by the street admin only, makes a candidate ineligible.
    const n6 = noms.find((n) => n.person.id === people['业主6'])!;
    await refused(staff, 'put', `/api/people/${people['业主6']}/negative-list`, { note: '私搭乱建' }, 403, /权限/);
    expect((await admin.put(`/api/people/${people['业主6']}/negative-list`, { note: '私搭乱建' })).statusCode).toBe(200);
    await refused(party, 'post', `/api/formation/cases/${caseId}/nominations/${n6.id}/vet`, { result: 'passed' }, 400, /R35/);
    expect((await admin.put(`/api/people/${people['业主6']}/negative-list`, { note: null })).statusCode).toBe(200);
    for (const n of noms.filter((x) => x.id !== n5.id))
      expect((await party.post(`/api/formation/cases/${caseId}/nominations/${n.id}/vet`, { result: 'passed' })).statusCode).toBe(200);
    expect((await staff.post(`/api/formation/cases/${caseId}/open-list`, {})).json().state).toBe('listing');
  });

  it('the member list: 3 owner representatives of 7 and 8 members fail the composition check (R22, R23); the passing list is publicized (R29)', async () => {
    const url = `/api/formation/cases/${caseId}/list`;
    const c = await get();
    const pool = c.pool as { personId: number; name: string; ownerRepresentative: boolean; communityPartyOrgMember: boolean }[];
    expect(pool.find((p) => p.name === '书记')).toMatchObject({ communityPartyOrgMember: true, ownerRepresentative: false });
    expect(pool.find((p) => p.name === '业主1')).toMatchObject({ ownerRepresentative: true });
    expect(pool.some((p) => p.name === '业主5')).toBe(false);
    const m = (name: string, seat = 'member') => ({ personId: people[name]!, seat });
    // 3 owner representatives of 7 (R23).
    let r = await staff.put(url, {
      members: [m('书记', 'director'), m('副书记'), m('居委委员'), m('城管队员'), m('业主1'), m('业主2'), m('业主3')],
    });
    expect(r.statusCode, r.body).toBe(200);
    let res = await refused(admin, 'post', `/api/formation/cases/${caseId}/approve-list`, {}, 400, /R23/);
    expect(res.message).toContain('业主代表');
    // 8 members (R22).
    r = await staff.put(url, {
      members: [m('书记', 'director'), m('副书记'), m('居委委员'), m('城管队员'), m('业主1'), m('业主2'), m('业主3'), m('业主4')],
    });
    expect(r.statusCode).toBe(200);
    res = await refused(admin, 'post', `/api/formation/cases/${caseId}/approve-list`, {}, 400, /R22/);
    expect(res.message).toContain('单数');
    // A director outside the community party organisation (R25).
    r = await staff.put(url, {
      members: [m('业主1', 'director'), m('副书记'), m('居委委员'), m('业主2'), m('业主3'), m('业主4'), m('业主6')],
    });
    expect(r.statusCode).toBe(200);
    res = await refused(admin, 'post', `/api/formation/cases/${caseId}/approve-list`, {}, 400, /R25/);
    expect(res.message).toContain('主任');
    // Someone not in the pool.
    await refused(staff, 'put', url, { members: [m('业主9')] }, 400, /R28/);
    // The passing list: 7, 4 owner reps, 4 party members (书记, 副书记, 业主1, 业主2), director from the party committee.
    r = await staff.put(url, {
      members: [m('书记', 'director'), m('副书记'), m('城管队员'), m('业主1'), m('业主2'), m('业主4'), m('业主6')],
    });
    expect(r.statusCode).toBe(200);
    await refused(staff, 'post', `/api/formation/cases/${caseId}/approve-list`, {}, 403, /权限/);
    const ok = await admin.post(`/api/formation/cases/${caseId}/approve-list`, {});
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().state).toBe('publicizing');
    const notice = (await admin.get(`/api/notices/${ok.json().listNotice.id}`)).json();
    expect(notice.body).toContain('书记（主任）');
    expect(notice.body).toContain('业主1家');
    expect(notice.acceptsObjections).toBe(true);
  });

  it('objections (R30): certificate refused before the period ends, while an objection is open, and after one is upheld; the list is revised and re-publicized', async () => {
    await refused(admin, 'post', `/api/formation/cases/${caseId}/establish`, {}, 409, /R29/);
    await refused(staff, 'post', `/api/formation/cases/${caseId}/seal/apply`, { date: daysAgo(0) }, 409, /R31/);
    const noticeId = (await get()).listNotice.id;
    const file = async (content: string) =>
      (await staff.post(`/api/notices/${noticeId}/objections`, { content, objectorName: '业主9', receivedOn: daysAgo(0) })).statusCode;
    expect(await file('业主6与物业公司有利害关系')).toBe(201);
    expect(await file('对名单排序有意见')).toBe(201);
    const objections = (await get()).objections as { id: number }[];
    await advance(noticeId, 12);
    await refused(admin, 'post', `/api/formation/cases/${caseId}/establish`, {}, 409, /异议未核查/);
    expect(
      (
        await admin.post(`/api/objections/${objections[0]!.id}/verify`, {
          outcome: 'upheld',
          finding: '经核查，业主6在物业公司任职，异议成立',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await admin.post(`/api/objections/${objections[1]!.id}/verify`, { outcome: 'rejected', finding: '排序不影响委员资格，异议不成立' }))
        .statusCode,
    ).toBe(200);
    await refused(admin, 'post', `/api/formation/cases/${caseId}/establish`, {}, 409, /调整名单/);
    const revised = await admin.post(`/api/formation/cases/${caseId}/revise-list`, {});
    expect(revised.json()).toMatchObject({ state: 'listing', listRound: 2 });
    const m = (name: string, seat = 'member') => ({ personId: people[name]!, seat });
    await staff.put(`/api/formation/cases/${caseId}/list`, {
      members: [m('书记', 'director'), m('副书记'), m('城管队员'), m('业主1'), m('业主2'), m('业主4'), m('业主3')],
    });
    const again = await admin.post(`/api/formation/cases/${caseId}/approve-list`, {});
    expect(again.statusCode, again.body).toBe(200);
    const old = (await admin.get(`/api/notices/${noticeId}`)).json();
    expect(old.supersededById).toBe(again.json().listNotice.id);
    await refused(admin, 'post', `/api/formation/cases/${caseId}/establish`, {}, 409, /R29/);
    await advance(again.json().listNotice.id, 12);
  });

  it('establishment: certificate, seats as posts, estate status; seal only after the certificate (R31)', async () => {
    const r = await admin.post(`/api/formation/cases/${caseId}/establish`, {});
    expect(r.statusCode, r.body).toBe(200);
    const c = r.json();
    expect(c.state).toBe('established');
    expect(c.committee.certificateNo).toMatch(/物管证〔\d{4}〕1号/);
    expect(c.committee.members).toHaveLength(7);
    expect(c.committee.members.find((x: { seat: string }) => x.seat === '主任').name).toBe('书记');
    const gov = (await admin.get('/api/governance')).json();
    expect(gov.estates.find((e: { id: number }) => e.id === estate()).status).toBe('pmcRunning');
    const doc = await admin.raw({ method: 'GET', url: `/api/formation/cases/${caseId}/certificate.docx` });
    expect(doc.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(doc.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).toContain(c.committee.certificateNo);
    await refused(staff, 'post', `/api/formation/cases/${caseId}/seal/record`, { date: daysAgo(0) }, 409, /先登记印章申请/);
    expect((await staff.post(`/api/formation/cases/${caseId}/seal/apply`, { date: daysAgo(0) })).statusCode).toBe(200);
    const sealed = await staff.post(`/api/formation/cases/${caseId}/seal/record`, { date: daysAgo(0), note: '公安机关备案' });
    expect(sealed.json()).toMatchObject({ step: 9, committee: { sealRecordedOn: daysAgo(0) } });
  });

  it('R34: an owners’ committee dissolves the PMC the same day — seats end, a dissolution notice is posted', async () => {
    await refused(
      staff,
      'post',
      `/api/governance/estates/${estate()}/owners-committee`,
      { source: 'entered', producedOn: daysAgo(0) },
      403,
      /权限/,
    );
    const r = await admin.post(`/api/governance/estates/${estate()}/owners-committee`, {
      source: 'entered',
      producedOn: daysAgo(0),
      members: [{ name: '业主1', seat: '主任' }],
    });
    expect(r.statusCode, r.body).toBe(201);
    const c = await get();
    expect(c.committee).toMatchObject({ status: 'dissolved', dissolvedOn: daysAgo(0) });
    expect(c.committee.members.every((x: { endedOn: string | null }) => x.endedOn === daysAgo(0))).toBe(true);
    const notices = await t.db
      .selectFrom('public_notice')
      .select(['kind', 'title'])
      .where('node_id', '=', estate())
      .where('kind', '=', 'dissolution')
      .execute();
    expect(notices).toHaveLength(1);
    const gov = (await admin.get('/api/governance')).json();
    expect(gov.estates.find((e: { id: number }) => e.id === estate()).status).toBe('ownersCommittee');
    // The handover of documents and seal is recorded on the dissolved committee.
    const url = `/api/governance/committees/${c.committee.id}/handover`;
    await refused(admin, 'post', url, { documentsOn: daysAgo(0), sealOn: null }, 400, /印章/);
    const h = await admin.post(url, { documentsOn: daysAgo(0), sealOn: daysAgo(0), note: '移交业委会主任' });
    expect(h.statusCode, h.body).toBe(200);
    expect((await get()).committee.handover).toMatchObject({ documentsOn: daysAgo(0), sealOn: daysAgo(0) });
  });

  it('residents read the law, not rule ids: every notice the formation posted (announcement, list, objection results, dissolution) and the certificate', async () => {
    const notices = await t.db.selectFrom('public_notice').select(['kind', 'title', 'body']).where('node_id', '=', estate()).execute();
    expect(new Set(notices.map((n) => n.kind))).toEqual(new Set(['announcement', 'memberList', 'verificationResult', 'dissolution']));
    for (const n of notices) expect(`${n.title}\n${n.body}`).not.toMatch(/R\d{1,2}\b|npx/);
    const doc = await admin.get(`/api/formation/cases/${caseId}/certificate.docx`);
    expect(doc.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(doc.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml.replace(/<[^>]+>/g, '')).not.toMatch(/R\d{1,2}\b|npx/);
  });
});
