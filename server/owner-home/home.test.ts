import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateOf, dayIndex } from '../../core/workdays.js';
import { todayInChina } from '../clock.js';
import { makeStreet, type TestStreet } from '../test/factories.js';
import { announcedOn } from '../test/history.js';
import { createTestApp, login, type Client, type TestApp } from '../test/harness.js';
import { registerHomeSection } from './sections.js';

const shift = (days: number) => dateOf(dayIndex(todayInChina()) + days);

/** The owner's home (issue 19): their units, open votes first with days left and whether they voted, their own ballot, sections of others. */
describe('the owner’s home', () => {
  let t: TestApp;
  let s: TestStreet;
  let owner: Client;
  let director: Client;
  const estate = () => s.communities[0]!.estates[0]!.id;

  beforeAll(async () => {
    t = await createTestApp();
    s = await makeStreet(t.db, 'Home');
    owner = await login(t.app, s.accounts.owner!.username);
    director = await login(t.app, s.accounts.director!.username);
    const [u0] = await t.db.selectFrom('unit').select('id').where('estate_id', '=', estate()).orderBy('id').execute();
    const p = await t.db
      .insertInto('person')
      .values({ street_id: s.street, node_id: estate(), name: '吴敏', kind: 'natural' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db.insertInto('ownership').values({ unit_id: u0!.id, person_id: p.id, started_on: '2020-01-01' }).execute();
    await t.db.insertInto('owner_binding').values({ account_id: s.accounts.owner!.id, person_id: p.id, method: 'staff' }).execute();
  });
  afterAll(() => t.close());

  const decision = async (title: string, closesIn: number) => {
    const r = await director.post('/api/decisions', {
      estateId: estate(),
      title,
      organiser: '物业管理委员会',
      motions: [
        { title: '续聘物业', item: 4 },
        { title: '选举业委会', item: 3, kind: 'election', seats: 1, candidates: [{ name: '甲' }, { name: '乙' }] },
      ],
      opensOn: shift(-5),
      closesOn: shift(closesIn),
    });
    const id = r.json().id as number;
    await announcedOn(t.db, id, shift(-20));
    expect((await director.post(`/api/decisions/${id}/open`)).statusCode).toBe(200);
    return id;
  };

  it('open votes first, with the days left and whether the owner voted; then the owner’s own ballot with its receipt', async () => {
    const first = await decision('第一次表决', 9);
    const second = await decision('第二次表决', 2);
    registerHomeSection({
      key: 'test-evaluations',
      title: '待评议',
      load: async (_db, _user, estateIds) =>
        estateIds.includes(estate()) ? [{ id: 'e1', title: '物管会年度述职评议', waiting: true }] : [],
    });
    let home = (await owner.get('/api/my/home')).json();
    expect(home.bound).toBe(true);
    expect(home.units).toHaveLength(1);
    expect(home.votes.map((v: { id: number }) => v.id)).toEqual([second, first]);
    expect(home.votes[0]).toMatchObject({ canVote: true, voted: false, daysLeft: 2, state: 'voting' });
    // a section with items shows them; one that offers an action (我要反映问题) shows even when empty
    expect(home.sections).toEqual([
      { key: 'tickets', title: '我的诉求', action: { label: '我要反映问题', link: '/tickets/new' }, items: [] },
      { key: 'test-evaluations', title: '待评议', action: null, items: [{ id: 'e1', title: '物管会年度述职评议', waiting: true }] },
    ]);
    expect(home.notices.length).toBeGreaterThan(0); // the votes' announcements

    const v = await owner.post(`/api/decisions/${second}/vote`, { answers: { m1: 'no', m2: ['c2'] } });
    expect(v.statusCode).toBe(201);
    home = (await owner.get('/api/my/home')).json();
    // what is left to vote on comes first
    expect(home.votes.map((x: { id: number; voted: boolean }) => [x.id, x.voted])).toEqual([
      [first, false],
      [second, true],
    ]);
    const mine = (await owner.get('/api/my/decisions')).json().items.find((d: { id: number }) => d.id === second);
    expect(mine.ballots).toHaveLength(1);
    expect(mine.ballots[0]).toMatchObject({ code: v.json().receipts[0].code, channel: 'online', proxy: false, byMe: true });
    expect(mine.ballots[0].answers).toEqual([
      { motion: 'm1', title: '续聘物业', choice: 'no', candidates: null, status: 'counted', statusLabel: '已计入' },
      { motion: 'm2', title: '选举业委会', choice: null, candidates: ['乙'], status: 'counted', statusLabel: '已计入' },
    ]);
  });

  it('staff have no owner home', async () => {
    expect((await director.get('/api/my/home')).statusCode).toBe(403);
  });
});
