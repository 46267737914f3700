import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateOf, dayIndex } from '../../core/workdays.js';
import { todayInChina } from '../clock.js';
import { auditCount, makeStreet, type TestStreet } from '../test/factories.js';
import { announcedOn } from '../test/history.js';
import { createTestApp, login, type Client, type TestApp } from '../test/harness.js';
import { ddb } from './tables.js';

const PDF = { fileName: '扫描件.pdf', contentType: 'application/pdf', dataBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64') };
const shift = (days: number) => dateOf(dayIndex(todayInChina()) + days);

/**
 * Issue 13 §1–2: who may vote for a head, across channels and after a sale (R19), what a head is
 * (R3, R4), and that no staff account ever casts an owner's ballot.
 */
describe('who votes: R19 across channels, R3 heads, staff never vote', () => {
  let t: TestApp;
  let s: TestStreet;
  let staff: Client;
  let units: number[];
  const estate = () => s.communities[0]!.estates[0]!.id;
  const u = (i: number) => units[i]!;
  let hash: string;
  let seq = 0;

  /** A person on the roll of the estate. */
  const person = async (name: string) =>
    (
      await t.db
        .insertInto('person')
        .values({ street_id: s.street, node_id: estate(), name, kind: 'natural' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const own = (unit: number, personId: number, designated = false) =>
    t.db
      .insertInto('ownership')
      .values({ unit_id: unit, person_id: personId, started_on: '2015-03-01', designated_voter: designated })
      .execute();
  /** An owner account at the estate bound to the person, logged in. */
  const ownerAccount = async (personId: number, roles: { role: 'owner' | 'communityStaff'; node: number }[] = []) => {
    const username = `wv_owner_${++seq}`;
    const acc = await t.db
      .insertInto('account')
      .values({ username, display_name: username, password_hash: hash, mobile: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const r of [{ role: 'owner' as const, node: estate() }, ...roles])
      await t.db.insertInto('role_assignment').values({ account_id: acc.id, role: r.role, node_id: r.node }).execute();
    await t.db.insertInto('owner_binding').values({ account_id: acc.id, person_id: personId, method: 'staff' }).execute();
    return { id: acc.id, client: await login(t.app, username) };
  };
  /** The unit changes hands today (R19): the seller's title ends, the buyer's starts. */
  const sell = async (unit: number, buyer: number) => {
    await t.db
      .updateTable('ownership')
      .set({ ended_on: todayInChina() })
      .where('unit_id', '=', unit)
      .where('ended_on', 'is', null)
      .execute();
    await t.db.insertInto('ownership').values({ unit_id: unit, person_id: buyer, started_on: todayInChina() }).execute();
  };
  /** A decision over the estate, announced 20 days ago and open for voting. */
  const openDecision = async (title: string, prevailing: 'online' | 'paper' = 'online') => {
    let r = await staff.post('/api/decisions', {
      estateId: estate(),
      title,
      organiser: '物业管理委员会',
      motions: [{ title: '修改管理规约', item: 2 }],
      opensOn: shift(-5),
      closesOn: shift(5),
      prevailing,
    });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id as number;
    await announcedOn(t.db, id, shift(-20));
    r = await staff.post(`/api/decisions/${id}/open`);
    expect(r.statusCode, r.body).toBe(200);
    return { id, totals: r.json().totals as { heads: number; area: string } };
  };
  const ballots = (id: number) =>
    ddb(t.db).selectFrom('ballot').select(['head', 'channel', 'status', 'choice']).where('decision_id', '=', id).orderBy('id').execute();

  beforeAll(async () => {
    t = await createTestApp();
    s = await makeStreet(t.db, 'WhoVotes');
    staff = await login(t.app, s.accounts.staff1!.username);
    units = (
      await t.db.selectFrom('unit').select('id').where('estate_id', '=', estate()).orderBy('building_id').orderBy('number').execute()
    ).map((r) => r.id);
    hash = (await t.db.selectFrom('account').select('password_hash').where('id', '=', s.accounts.owner!.id).executeTakeFirstOrThrow())
      .password_hash;
  });
  afterAll(() => t.close());

  describe('R3: a head is a buyer — its set of owners — never its designated voter', () => {
    let zhang: number;
    let li: number;
    beforeAll(async () => {
      // 张三 owns u0 alone and co-owns u1 with 李四; the co-owners designate 张三 to vote for u1 (R4)
      zhang = await person('张三');
      li = await person('李四');
      await own(u(0), zhang);
      await own(u(1), zhang, true);
      await own(u(1), li);
    });

    it('the owner roll counts two heads, whoever is designated to vote for the co-owned unit', async () => {
      // the other units of the estate have no owner: each is a head of its own, reported apart
      const heads = async () => {
        const c = (await staff.get(`/api/roll?estateId=${estate()}`)).json().counts;
        return (c.heads - c.unownedUnits) as number;
      };
      const withZhang = await heads();
      await t.db.updateTable('ownership').set({ designated_voter: false }).where('unit_id', '=', u(1)).execute();
      await t.db.updateTable('ownership').set({ designated_voter: true }).where('unit_id', '=', u(1)).where('person_id', '=', li).execute();
      const withLi = await heads();
      await t.db.updateTable('ownership').set({ designated_voter: false }).where('unit_id', '=', u(1)).execute();
      const withNobody = await heads();
      expect(withZhang).toBe(2);
      expect(withLi).toBe(2);
      expect(withNobody).toBe(2);
      await t.db
        .updateTable('ownership')
        .set({ designated_voter: true })
        .where('unit_id', '=', u(1))
        .where('person_id', '=', zhang)
        .execute();
    });

    it('the frozen roll has two heads; the designated voter casts one ballot for each (two receipts)', async () => {
      const { id, totals } = await openDecision('R3 两个买受人');
      const unowned = (await staff.get(`/api/roll?estateId=${estate()}`)).json().counts.unownedUnits as number;
      expect(totals.heads - unowned).toBe(2);
      const zhangAcc = await ownerAccount(zhang);
      const r = await zhangAcc.client.post(`/api/decisions/${id}/vote`, { answers: { m1: 'yes' } });
      expect(r.statusCode, r.body).toBe(201);
      expect(
        r
          .json()
          .receipts.map((x: { units: number[] }) => x.units)
          .sort(),
      ).toEqual([[u(0)], [u(1)]].sort());
      const detail = (await staff.get(`/api/decisions/${id}`)).json();
      expect(detail.turnout).toMatchObject({ heads: 2, totalHeads: totals.heads });
      await staff.post(`/api/decisions/${id}/cancel`);
    });
  });

  describe('R19: the old owner’s cast ballot stands, whatever the channel of the buyer’s', () => {
    it('paper by the seller, then the buyer online (online prevails): refused, the paper ballot stays counted', async () => {
      const seller = await person('赵一');
      const buyer = await person('钱二');
      await own(u(2), seller);
      const { id } = await openDecision('R19 纸质在先');
      let r = await staff.post(`/api/decisions/${id}/paper`, { unitId: u(2), answers: { m1: 'no' }, scan: PDF });
      expect(r.statusCode, r.body).toBe(201);
      await sell(u(2), buyer);
      const buyerAcc = await ownerAccount(buyer);
      const before = { ballots: await ballots(id), audits: await auditCount(t.db) };
      r = await buyerAcc.client.post(`/api/decisions/${id}/vote`, { answers: { m1: 'yes' } });
      expect(r.statusCode, r.body).toBe(409);
      expect(r.json().message).toMatch(/原业主.*R19/);
      expect(await ballots(id)).toEqual(before.ballots);
      expect(await auditCount(t.db)).toBe(before.audits);
      expect(before.ballots.map((b) => [b.channel, b.status, b.choice])).toEqual([['paper', 'counted', 'no']]);
    });

    it('online by the seller, then the buyer’s paper ballot (paper prevails): refused, the online ballot stays counted', async () => {
      const seller = await person('孙三');
      const buyer = await person('周四');
      await own(u(3), seller);
      const { id } = await openDecision('R19 网络在先', 'paper');
      const sellerAcc = await ownerAccount(seller);
      let r = await sellerAcc.client.post(`/api/decisions/${id}/vote`, { answers: { m1: 'no' } });
      expect(r.statusCode, r.body).toBe(201);
      await sell(u(3), buyer);
      const before = await ballots(id);
      r = await staff.post(`/api/decisions/${id}/paper`, { unitId: u(3), answers: { m1: 'yes' }, scan: PDF });
      expect(r.statusCode, r.body).toBe(409);
      expect(r.json().message).toMatch(/原业主.*R19/);
      expect(await ballots(id)).toEqual(before);
      expect(before.map((b) => [b.channel, b.status, b.choice])).toEqual([['online', 'counted', 'no']]);
    });

    it('the same owner’s own two ballots still follow the decision’s precedence (online prevails over their paper one)', async () => {
      const owner = await person('吴五');
      await own(u(4), owner);
      const { id } = await openDecision('同一业主两种方式');
      let r = await staff.post(`/api/decisions/${id}/paper`, { unitId: u(4), answers: { m1: 'no' }, scan: PDF });
      expect(r.statusCode, r.body).toBe(201);
      const acc = await ownerAccount(owner);
      r = await acc.client.post(`/api/decisions/${id}/vote`, { answers: { m1: 'yes' } });
      expect(r.statusCode, r.body).toBe(201);
      expect((await ballots(id)).map((b) => [b.channel, b.status])).toEqual([
        ['paper', 'superseded'],
        ['online', 'counted'],
      ]);
    });
  });

  describe('nobody votes for an owner but the owner (or their written proxy)', () => {
    it('an account that also holds a staff role cannot cast a ballot, with nothing written', async () => {
      const owner = await person('郑六');
      await own(u(5), owner);
      const { id } = await openDecision('工作人员不能投票');
      const dual = await ownerAccount(owner, [{ role: 'communityStaff', node: s.communities[0]!.id }]);
      const before = { ballots: await ballots(id), audits: await auditCount(t.db) };
      const r = await dual.client.post(`/api/decisions/${id}/vote`, { answers: { m1: 'yes' } });
      expect(r.statusCode, r.body).toBe(403);
      expect(r.json().message).toMatch(/工作人员/);
      expect(await ballots(id)).toEqual(before.ballots);
      expect(await auditCount(t.db)).toBe(before.audits);
    });
  });
});
