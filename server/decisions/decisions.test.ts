import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTallyFile, tallyFile } from '../../core/tally.js';
import { dateOf, dayIndex } from '../../core/workdays.js';
import { todayInChina } from '../clock.js';
import { auditCount, makeStreet, type TestStreet } from '../test/factories.js';
import { announcedOn } from '../test/history.js';
import { createTestApp, login, type Client, type Res, type TestApp } from '../test/harness.js';
import { ddb } from './tables.js';

const PDF = { fileName: '扫描件.pdf', contentType: 'application/pdf', dataBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64') };
const shift = (days: number) => dateOf(dayIndex(todayInChina()) + days);
/** The planner's row count of `table` is its real one: ANALYZE has run since the last write. */
const analyzed = async (t: TestApp, table: 'decision_roll' | 'ballot') => {
  const r = await sql<{ planned: number; real: number }>`
    select c.reltuples::int as planned, (select count(*)::int from ${sql.table(table)}) as real
    from pg_class c where c.relname = ${table}`.execute(t.db);
  return r.rows[0]!.planned === r.rows[0]!.real;
};

describe('owners’ joint decisions (R5–R21, R34)', () => {
  let t: TestApp;
  let s: TestStreet;
  let admin: Client;
  let staff: Client;
  let staff2: Client;
  let grid: Client;
  let director: Client;
  let owner: Client;
  let stranger: Client;
  let units: number[];
  const people: Record<string, number> = {};
  const estate = () => s.communities[0]!.estates[0]!.id;
  const u = (i: number) => units[i]!;

  beforeAll(async () => {
    t = await createTestApp();
    s = await makeStreet(t.db, 'Vote');
    admin = await login(t.app, s.accounts.admin!.username);
    staff = await login(t.app, s.accounts.staff1!.username);
    staff2 = await login(t.app, s.accounts.staff2!.username);
    grid = await login(t.app, s.accounts.grid!.username);
    director = await login(t.app, s.accounts.director!.username);
    owner = await login(t.app, s.accounts.owner!.username);
    units = (
      await t.db.selectFrom('unit').select('id').where('estate_id', '=', estate()).orderBy('building_id').orderBy('number').execute()
    ).map((r) => r.id);
    // The roll: 张三 owns u0 and u1 (one head, R3); 李四 u2; 王五 u3; the developer's stock u4+u5 (one
    // head, R3); 赵六 and 钱七 co-own u6 without a designated voter (R4); u7 has no owner.
    const person = async (name: string, kind: 'natural' | 'organisation' = 'natural') =>
      (people[name] = (
        await t.db
          .insertInto('person')
          .values({ street_id: s.street, node_id: estate(), name, kind })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id);
    for (const n of ['张三', '李四', '王五', '赵六', '钱七']) await person(n);
    await person('某开发公司', 'organisation');
    const own = (unit: number, who: string) =>
      t.db.insertInto('ownership').values({ unit_id: unit, person_id: people[who]!, started_on: '2020-01-01' }).execute();
    await own(u(0), '张三');
    await own(u(1), '张三');
    await own(u(2), '李四');
    await own(u(3), '王五');
    await own(u(4), '某开发公司');
    await own(u(5), '某开发公司');
    await own(u(6), '赵六');
    await own(u(6), '钱七');
    await t.db
      .updateTable('unit')
      .set({ developer_stock: true })
      .where('id', 'in', [u(4), u(5)])
      .execute();
    await t.db
      .insertInto('owner_binding')
      .values({ account_id: s.accounts.owner!.id, person_id: people['张三']!, method: 'staff' })
      .execute();
    // an owner account of the estate that owns nothing in it
    const hash = (await t.db.selectFrom('account').select('password_hash').where('id', '=', s.accounts.owner!.id).executeTakeFirstOrThrow())
      .password_hash;
    const acc = await t.db
      .insertInto('account')
      .values({ username: 'stranger_vote', display_name: '路人', password_hash: hash, mobile: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db.insertInto('role_assignment').values({ account_id: acc.id, role: 'owner', node_id: estate() }).execute();
    stranger = await login(t.app, 'stranger_vote');
  });
  afterAll(() => t.close());

  const snapshot = async () => ({
    decisions: await ddb(t.db).selectFrom('decision').selectAll().orderBy('id').execute(),
    motions: await ddb(t.db).selectFrom('decision_motion').selectAll().orderBy('id').execute(),
    ballots: await ddb(t.db).selectFrom('ballot').selectAll().orderBy('id').execute(),
    entries: await ddb(t.db).selectFrom('paper_entry').selectAll().orderBy('id').execute(),
    audits: await auditCount(t.db),
  });
  const refusals = async () => (await ddb(t.db).selectFrom('decision_refusal').select('id').execute()).length;

  /** 4xx with a Chinese message, nothing changed, and (for misuse) one more refusal in the log. */
  async function rejected(fn: () => Promise<Res>, status: number, text: string | RegExp, logged = true) {
    const before = await snapshot();
    const r0 = await refusals();
    const res = await fn();
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    expect(res.json().message).toMatch(text);
    expect(await snapshot()).toEqual(before);
    if (logged) expect(await refusals()).toBe(r0 + 1);
    return res;
  }

  const draft = (over: Record<string, unknown> = {}) => ({
    estateId: estate(),
    title: '2026年第一次业主共同决定',
    organiser: '物业管理委员会',
    motions: [
      { title: '选聘新的物业服务企业', item: 4 },
      { title: '筹集维修资金', item: 6 },
    ],
    opensOn: shift(-5),
    closesOn: shift(5),
    ...over,
  });

  let id: number;

  it('creates a draft: organisers only, in scope; bad input refused with nothing changed', async () => {
    let r = await owner.post('/api/decisions', draft());
    expect(r.statusCode).toBe(403);
    r = await staff2.post('/api/decisions', draft());
    expect(r.statusCode).toBe(404);
    await rejected(() => staff.post('/api/decisions', draft({ motions: [] })), 400, '至少', false);
    await rejected(
      () =>
        staff.post(
          '/api/decisions',
          draft({ motions: [{ title: '选举业委会', item: 4, kind: 'election', seats: 2, candidates: [{ name: '甲' }] }] }),
        ),
      400,
      '第（三）项',
      false,
    );
    // R17: a 4-day period is too short under the seed profile (5–60 days)
    await rejected(() => staff.post('/api/decisions', draft({ opensOn: shift(20), closesOn: shift(23) })), 400, /R17/, false);
    r = await director.post('/api/decisions', draft());
    expect(r.statusCode, r.body).toBe(201);
    id = r.json().id;
    expect(r.json()).toMatchObject({
      state: 'draft',
      motions: [
        { code: 'm1', threshold: expect.stringContaining('过半数') },
        { code: 'm2', threshold: expect.stringContaining('四分之三') },
      ],
    });
  });

  it('R14: the topics must be announced 15 days before voting opens; R15: no edits after the notice', async () => {
    // voting opens in 5 days' past: announced today, the topics would stand 0 of 15 days (R14)
    await rejected(() => director.post(`/api/decisions/${id}/announce`), 400, /R14/);
    await rejected(() => director.post(`/api/decisions/${id}/announce`, { announcedOn: shift(1) }), 400, '不能晚于今天');
    // issue 13: the topics' notice cannot be dated back weeks to make the period look served
    await rejected(() => director.post(`/api/decisions/${id}/announce`, { announcedOn: shift(-20) }), 400, /补录/);
    // the history this test starts from: the topics were posted 20 days ago
    await announcedOn(t.db, id, shift(-20));
    const r = await director.get(`/api/decisions/${id}`);
    expect(r.json().state).toBe('announced');
    const notice = await t.db.selectFrom('public_notice').selectAll().where('id', '=', r.json().announceNoticeId).executeTakeFirstOrThrow();
    expect(notice).toMatchObject({ status: 'published', kind: 'other', publish_date: shift(-20) });
    expect(notice.body).toContain('选聘新的物业服务企业');
    await rejected(() => director.put(`/api/decisions/${id}`, { ...draft(), estateId: undefined, title: '改过的' }), 409, /R15/);
  });

  it('R5: opening freezes the roll — R3 heads (multi-unit owner one head, developer stock one head), A_T', async () => {
    const r = await director.post(`/api/decisions/${id}/open`);
    expect(r.statusCode, r.body).toBe(200);
    // 张三(2 units) + 李四 + 王五 + developer(2 units) + co-owned u6 + unowned u7 = 6 heads; 8 × 89.37
    expect(r.json()).toMatchObject({ state: 'voting', totals: { heads: 6, area: '714.96' }, turnout: { heads: 0, percent: { heads: 0 } } });
    const roll = await ddb(t.db).selectFrom('decision_roll').selectAll().where('decision_id', '=', id).execute();
    expect(roll).toHaveLength(8);
    expect(new Set(roll.map((x) => x.owner_code)).size).toBe(6);
    expect(roll.find((x) => x.unit_id === u(0))!.room).toBe('1-1-101');
    // the planner's statistics include the frozen roll (analyzed after the freeze committed): with
    // stale ones turnout became a nested loop, 71 s at 20,000 units (bench/cast-ballots.mjs)
    expect(await analyzed(t, 'decision_roll')).toBe(true);
  });

  it('R19: the same owner submitting twice at the same moment yields exactly one ballot', async () => {
    const body = { answers: { m1: 'yes', m2: 'abstain' } };
    const [a, b] = await Promise.all([owner.post(`/api/decisions/${id}/vote`, body), owner.post(`/api/decisions/${id}/vote`, body)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const ok = a.statusCode === 201 ? a : b;
    const no = a.statusCode === 201 ? b : a;
    expect(no.json().message).toContain('您已投票');
    const ballots = await ddb(t.db).selectFrom('ballot').selectAll().where('decision_id', '=', id).execute();
    expect(ballots).toHaveLength(2);
    // one ballot covers both of 张三's units (R19)
    const code = ok.json().receipts[0].code;
    const rec = (await owner.get(`/api/decisions/${id}/receipt/${code}`)).json();
    expect(rec).toMatchObject({
      channel: 'online',
      rooms: ['1-1-101', '1-1-102'],
      motions: [
        { code: 'm1', status: 'counted', choice: 'yes' },
        { code: 'm2', status: 'counted', choice: 'abstain' },
      ],
    });
    // staff see that the ballot was counted, not how it was cast
    expect((await staff.get(`/api/decisions/${id}/receipt/${code}`)).json().motions[0].choice).toBeNull();
  });

  it('misuse is refused, changes nothing and is logged: a second ballot, a unit not yours, a proxy without a principal, too many candidates', async () => {
    await rejected(() => owner.post(`/api/decisions/${id}/vote`, { answers: { m1: 'no', m2: 'no' } }), 409, '您已投票');
    await rejected(
      () => stranger.post(`/api/decisions/${id}/vote`, { answers: { m1: 'no', m2: 'no' } }),
      403,
      '不是本次表决范围内房屋的业主',
    );
    await rejected(
      () => stranger.post(`/api/decisions/${id}/vote`, { answers: { m1: 'no', m2: 'no' }, proxy: { document: PDF } }),
      400,
      /^代他人投票必须指明委托人[^R]*$/, // R20, said to the owner without the rule id
    );
    await rejected(
      () => stranger.post(`/api/decisions/${id}/vote`, { answers: { m1: 'no', m2: 'no' }, proxy: { principalUnitId: u(2) } }),
      400,
      /^代他人投票必须上传委托人签署的书面委托书[^R]*$/,
    );
    await rejected(() => stranger.post(`/api/decisions/${id}/vote`, { answers: { m1: 'no' } }), 400, '请对「筹集维修资金」作出选择');
    // staff cannot vote online; owners cannot enter paper ballots
    expect((await staff.post(`/api/decisions/${id}/vote`, { answers: { m1: 'no', m2: 'no' } })).statusCode).toBe(403);
    expect((await owner.post(`/api/decisions/${id}/paper`, { unitId: u(2), answers: { m1: 'yes' }, scan: PDF })).statusCode).toBe(403);
  });

  it('R20: a proxy vote names the principal and carries the written proxy', async () => {
    const r = await stranger.post(`/api/decisions/${id}/vote`, {
      answers: { m1: 'yes', m2: 'yes' },
      proxy: { principalUnitId: u(3), document: PDF },
    });
    expect(r.statusCode, r.body).toBe(201);
    const sub = await ddb(t.db)
      .selectFrom('ballot_submission')
      .selectAll()
      .where('code', '=', r.json().receipts[0].code)
      .executeTakeFirstOrThrow();
    expect(sub.principal_person_id).toBe(people['王五']);
    expect(sub.proxy_file_id).not.toBeNull();
  });

  it('paper ballots: double entry confirms or flags; no owner, no ballot; online prevails over paper for one unit', async () => {
    // a unit with no owner, and a co-owned unit without a designated voter (R4)
    await rejected(
      () => staff.post(`/api/decisions/${id}/paper`, { unitId: u(7), answers: { m1: 'yes' }, scan: PDF }),
      400,
      '没有可以表决的业主',
    );
    await rejected(() => staff.post(`/api/decisions/${id}/paper`, { unitId: u(6), answers: { m1: 'yes' }, scan: PDF }), 400, /R4/);
    await rejected(
      () => staff.post(`/api/decisions/${id}/paper`, { unitId: u(2), answers: { m1: 'yes' }, scan: { ...PDF, contentType: 'image/png' } }),
      400,
      'PNG',
    );
    let r = await staff.post(`/api/decisions/${id}/paper`, { unitId: u(2), answers: { m1: 'yes', m2: 'yes' }, scan: PDF });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ kind: 'first', outcome: 'entered', room: '1-1-201' });
    await rejected(
      () => staff.post(`/api/decisions/${id}/paper`, { unitId: u(2), answers: { m1: 'yes', m2: 'yes' }, scan: PDF }),
      409,
      '另一名工作人员',
    );
    r = await grid.post(`/api/decisions/${id}/paper`, { unitId: u(2), answers: { m1: 'yes', m2: 'yes' }, scan: PDF });
    expect(r.json()).toMatchObject({ kind: 'second', outcome: 'matched' });
    await rejected(() => director.post(`/api/decisions/${id}/paper`, { unitId: u(2), answers: { m1: 'no' }, scan: PDF }), 409, '已经录入');

    // the developer's ballot (one head for both units, R3): entered twice, differently → disputed
    r = await staff.post(`/api/decisions/${id}/paper`, { unitId: u(4), answers: { m1: 'yes', m2: 'no' }, scan: PDF });
    expect(r.json().outcome).toBe('entered');
    r = await grid.post(`/api/decisions/${id}/paper`, { unitId: u(5), answers: { m1: 'yes', m2: 'yes' }, scan: PDF });
    expect(r.json()).toMatchObject({ kind: 'second', outcome: 'mismatch' });
    let detail = (await director.get(`/api/decisions/${id}`)).json();
    expect(detail.mismatches).toBe(1);
    expect(
      (await grid.post(`/api/decisions/${id}/paper`, { unitId: u(4), answers: { m1: 'yes', m2: 'no' }, scan: PDF, review: true }))
        .statusCode,
    ).toBe(403);
    r = await director.post(`/api/decisions/${id}/paper`, { unitId: u(4), answers: { m1: 'yes', m2: 'no' }, scan: PDF, review: true });
    expect(r.json()).toMatchObject({ kind: 'review', outcome: 'resolved' });

    // 张三 also handed in paper: online prevails (the decision's setting), the paper one is superseded
    r = await staff.post(`/api/decisions/${id}/paper`, { unitId: u(1), answers: { m1: 'no', m2: 'no' }, scan: PDF });
    expect(r.statusCode, r.body).toBe(201);
    const head = (
      await ddb(t.db)
        .selectFrom('decision_roll')
        .select('head')
        .where('decision_id', '=', id)
        .where('unit_id', '=', u(0))
        .executeTakeFirstOrThrow()
    ).head;
    const mine = await ddb(t.db)
      .selectFrom('ballot')
      .select(['channel', 'status'])
      .where('decision_id', '=', id)
      .where('head', '=', head)
      .orderBy('id')
      .execute();
    expect(mine).toEqual([
      { channel: 'online', status: 'counted' },
      { channel: 'online', status: 'counted' },
      { channel: 'paper', status: 'superseded' },
      { channel: 'paper', status: 'superseded' },
    ]);
    detail = (await staff.get(`/api/decisions/${id}`)).json();
    // 张三, 王五 (proxy), 李四, developer = 4 of 6 heads; 6 of 8 units' area
    expect(detail.turnout).toMatchObject({ heads: 4, totalHeads: 6, area: '536.22', percent: { heads: 66.66, area: 75 } });
    expect((await owner.get(`/api/decisions/${id}`)).json().turnout).toBeNull();
  });

  it('closes only after the period; publishes the result with a public tally file that recomputes to it (R12, R18)', async () => {
    await rejected(() => director.post(`/api/decisions/${id}/close`), 409, '届满');
    await rejected(() => director.post(`/api/decisions/${id}/publish`), 409, '先截止投票');
    // the clock moves past the end of the period
    await ddb(t.db)
      .updateTable('decision')
      .set({ closes_on: shift(-1), opens_on: shift(-11), announced_on: shift(-30) })
      .where('id', '=', id)
      .execute();
    await rejected(() => owner.post(`/api/decisions/${id}/vote`, { answers: { m1: 'yes', m2: 'yes' } }), 409, '截止');
    let r = await director.post(`/api/decisions/${id}/close`);
    expect(r.json().state).toBe('closed');
    expect(await analyzed(t, 'ballot')).toBe(true); // the final ballots are analyzed for the tally
    expect(r.json().publishDeadline).toBe(shift(3));
    r = await director.post(`/api/decisions/${id}/publish`);
    expect(r.statusCode, r.body).toBe(200);
    const d = r.json();
    expect(d.state).toBe('published');
    // m1 (item 四): 4 of 6 heads = exactly ⅔ participation passes; yes = 张三, 王五, 李四, developer → passed
    expect(d.result.motions[0]).toMatchObject({ outcome: 'passed', result: { NT: 6, AT: '714.96', NP: 4, AP: '536.22', NY: 4 } });
    // m2 (item 六, major): yes = 王五 + 李四 (2 of 4 heads) → rejected on both approval conditions
    expect(d.result.motions[1]).toMatchObject({
      outcome: 'rejected',
      result: { failed: ['approval_headcount', 'approval_area'] },
      counts: { no: 1, abstain: 1 },
    });

    const file = await t.app.inject({ method: 'GET', url: `/api/public/decisions/${id}/tally.json` });
    expect(file.statusCode).toBe(200);
    expect(crypto.createHash('sha256').update(file.body).digest('hex')).toBe(d.tallySha256);
    expect(file.body).not.toMatch(/张三|李四|王五|开发公司/);
    const again = tallyFile(parseTallyFile(JSON.parse(file.body)));
    expect(again.results.map((x) => x.outcome)).toEqual(['passed', 'rejected']);
    expect(again.results[0]).toEqual(d.result.motions[0].result);

    const pub = await t.app.inject({ method: 'GET', url: `/api/public/estates/${estate()}/decisions` });
    expect(pub.json().items[0]).toMatchObject({ id, sha256: d.tallySha256 });
    const voters = (await t.app.inject({ method: 'GET', url: `/api/public/decisions/${id}/voters` })).json();
    expect(voters.items).toHaveLength(6);
    expect(Object.keys(voters.items[0]).sort()).toEqual(['area', 'room']);
    const notice = await t.db.selectFrom('public_notice').selectAll().where('id', '=', d.resultNoticeId).executeTakeFirstOrThrow();
    expect(notice).toMatchObject({ kind: 'decisionResult', status: 'published' });
    expect(notice.body).toContain(d.tallySha256);
    const docx = await staff.raw({ method: 'GET', url: `/api/decisions/${id}/result.docx` });
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    // the publication's audit entry records the file's hash, not the file (megabytes for a large estate)
    const published = await t.db
      .selectFrom('audit_entry')
      .select('after')
      .where('action', '=', 'decision.publish')
      .where('entity_id', '=', String(id))
      .executeTakeFirstOrThrow();
    expect(published.after).toMatchObject({ tally_sha256: d.tallySha256, state: 'published' });
    expect(published.after).not.toHaveProperty('tally_file');
    // the audit trail shows every ballot and entry
    const actions = (
      await t.db.selectFrom('audit_entry').select('action').where('entity_type', 'in', ['ballot_submission', 'paper_entry']).execute()
    ).map((a) => a.action);
    expect(actions.filter((a) => a === 'ballot.cast')).toHaveLength(2);
    expect(actions.filter((a) => a.startsWith('ballot.paper'))).toHaveLength(6);
    // an unpublished decision has no public file
    expect((await t.app.inject({ method: 'GET', url: `/api/public/decisions/${id + 1000}/tally.json` })).statusCode).toBe(404);
  });

  it('item 三: an election picks at most N; filling the seats records the owners’ committee and dissolves the PMC (R34)', async () => {
    const pmc = await t.db
      .insertInto('property_committee')
      .values({ estate_id: estate(), certificate_no: 'VOTE-PMC-1', established_on: '2025-01-01' })
      .returning('id')
      .executeTakeFirstOrThrow();
    let r = await staff.post(
      '/api/decisions',
      draft({
        title: '选举业主委员会',
        motions: [
          {
            title: '选举第一届业主委员会',
            item: 3,
            kind: 'election',
            seats: 1,
            candidates: [{ name: '甲', personId: people['李四'] }, { name: '乙' }],
          },
        ],
      }),
    );
    const eid = r.json().id;
    await announcedOn(t.db, eid, shift(-20));
    await staff.post(`/api/decisions/${eid}/open`);
    await rejected(() => owner.post(`/api/decisions/${eid}/vote`, { answers: { m1: ['c1', 'c2'] } }), 400, '不能超过应选名额');
    r = await owner.post(`/api/decisions/${eid}/vote`, { answers: { m1: ['c1'] } });
    expect(r.statusCode, r.body).toBe(201);
    for (const [unit, pick] of [
      [u(2), ['c1']],
      [u(3), ['c2']],
      [u(4), ['c1']],
    ] as const)
      expect((await staff.post(`/api/decisions/${eid}/paper`, { unitId: unit, answers: { m1: pick }, scan: PDF })).statusCode).toBe(201);
    await ddb(t.db)
      .updateTable('decision')
      .set({ closes_on: shift(-1) })
      .where('id', '=', eid)
      .execute();
    await staff.post(`/api/decisions/${eid}/close`);
    r = await staff.post(`/api/decisions/${eid}/publish`);
    expect(r.statusCode, r.body).toBe(200);
    const e = r.json().result.motions[0].election;
    expect(e).toMatchObject({ seats: 1, elected: ['c1'], unfilled: 0, quorum: true });
    expect(e.candidates[0]).toMatchObject({ name: '甲', NY: 3, elected: true });
    expect(e.candidates[1]).toMatchObject({ name: '乙', NY: 1, qualified: false });
    const committee = await t.db.selectFrom('owners_committee').selectAll().where('decision_id', '=', eid).executeTakeFirstOrThrow();
    expect(committee.members).toEqual([{ personId: people['李四'], name: '甲', seat: 'member' }]);
    expect((await t.db.selectFrom('property_committee').select('status').where('id', '=', pmc.id).executeTakeFirstOrThrow()).status).toBe(
      'dissolved',
    );
    expect(
      (await t.db.selectFrom('estate_governance').select('status').where('estate_id', '=', estate()).executeTakeFirstOrThrow()).status,
    ).toBe('ownersCommittee');
  });

  it('R19: a unit sold mid-vote — the buyer votes when the seller had not', async () => {
    let r = await staff.post('/api/decisions', draft({ title: '第三次表决', motions: [{ title: '修改管理规约', item: 2 }] }));
    const did = r.json().id;
    await announcedOn(t.db, did, shift(-20));
    await staff.post(`/api/decisions/${did}/open`);
    // 王五 sells u3 to the stranger's person after the freeze
    const buyer = (
      await t.db
        .insertInto('person')
        .values({ street_id: s.street, node_id: estate(), name: '孙八' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await t.db
      .updateTable('ownership')
      .set({ ended_on: todayInChina() })
      .where('unit_id', '=', u(3))
      .where('ended_on', 'is', null)
      .execute();
    await t.db
      .insertInto('ownership')
      .values({ unit_id: u(3), person_id: buyer, started_on: todayInChina() })
      .execute();
    const acc = (await t.db.selectFrom('account').select('id').where('username', '=', 'stranger_vote').executeTakeFirstOrThrow()).id;
    await t.db.insertInto('owner_binding').values({ account_id: acc, person_id: buyer, method: 'staff' }).execute();
    r = await stranger.post(`/api/decisions/${did}/vote`, { answers: { m1: 'yes' } });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().receipts[0].units).toEqual([u(3)]);
    const mine = (await stranger.get('/api/my/decisions')).json().items.find((x: { id: number }) => x.id === did);
    expect(mine).toMatchObject({ voted: true, canVote: false, units: [{ room: '1-1-202' }] });
  });

  it('admin of the street sees decisions; other community staff do not', async () => {
    expect((await admin.get('/api/decisions')).json().items.length).toBeGreaterThanOrEqual(3);
    expect((await staff2.get('/api/decisions')).json().items).toHaveLength(0);
    expect((await staff2.get(`/api/decisions/${id}`)).statusCode).toBe(404);
  });
});
