import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTallyFile, tallyFile } from '../../core/tally.js';
import { dateOf, dayIndex } from '../../core/workdays.js';
import { todayInChina } from '../clock.js';
import { makeStreet, type TestStreet } from '../test/factories.js';
import { announcedOn } from '../test/history.js';
import { createTestApp, login, type Client, type TestApp } from '../test/harness.js';
import { ddb } from './tables.js';

const PDF = { fileName: '表决票.pdf', contentType: 'application/pdf', dataBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64') };
const shift = (days: number) => dateOf(dayIndex(todayInChina()) + days);

/**
 * R10: a spoiled paper ballot (废票) counts as the decision's rule says. One building of four units:
 * A owns two (one head, R3), B and C one each: N_T = 3, A_T = 4 units. A votes yes online, B's paper
 * ballot is spoiled, C does not vote.
 */
describe('spoiled paper ballots (R10)', () => {
  let t: TestApp;
  let s: TestStreet;
  let director: Client;
  let staff: Client;
  let owner: Client;

  beforeAll(async () => {
    t = await createTestApp();
    s = await makeStreet(t.db, 'Spoil');
    director = await login(t.app, s.accounts.director!.username);
    staff = await login(t.app, s.accounts.staff1!.username);
    owner = await login(t.app, s.accounts.owner!.username);
    const estate = s.communities[0]!.estates[0]!;
    const units = await t.db.selectFrom('unit').select('id').where('building_id', '=', estate.buildings[0]!).orderBy('number').execute();
    expect(units).toHaveLength(4);
    const person = async (name: string) =>
      (await t.db.insertInto('person').values({ street_id: s.street, node_id: estate.id, name }).returning('id').executeTakeFirstOrThrow())
        .id;
    const [a, b, c] = [await person('甲'), await person('乙'), await person('丙')];
    for (const [unit, who] of [
      [units[0]!.id, a],
      [units[1]!.id, a],
      [units[2]!.id, b],
      [units[3]!.id, c],
    ] as const)
      await t.db.insertInto('ownership').values({ unit_id: unit, person_id: who, started_on: '2020-01-01' }).execute();
    await t.db.insertInto('owner_binding').values({ account_id: s.accounts.owner!.id, person_id: a, method: 'staff' }).execute();
  });
  afterAll(() => t.close());

  /** A decision under `spoiled`, run to its published result: yes online, a spoiled paper ballot, one absent. */
  async function run(spoiled: 'abstain' | 'excluded' | undefined) {
    const estate = s.communities[0]!.estates[0]!;
    const r = await director.post('/api/decisions', {
      estateId: estate.id,
      buildingIds: [estate.buildings[0]],
      title: `废票规则${spoiled ?? '默认'}`,
      organiser: '物业管理委员会',
      motions: [{ title: '选聘物业服务企业', item: 4 }],
      opensOn: shift(0),
      closesOn: shift(9),
      ...(spoiled ? { spoiled } : {}),
    });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id as number;
    await announcedOn(t.db, id, shift(-15));
    const opened = await director.post(`/api/decisions/${id}/open`);
    expect(opened.json()).toMatchObject({ totals: { heads: 3 } });
    // online, a spoiled choice is no choice
    const bad = await owner.post(`/api/decisions/${id}/vote`, { answers: { m1: 'spoiled' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('只能选择同意、反对或弃权');
    expect((await owner.post(`/api/decisions/${id}/vote`, { answers: { m1: 'yes' } })).statusCode).toBe(201);
    const roll = await ddb(t.db)
      .selectFrom('decision_roll')
      .select(['unit_id', 'room'])
      .where('decision_id', '=', id)
      .orderBy('room')
      .execute();
    const paper = await staff.post(`/api/decisions/${id}/paper`, { unitId: roll[2]!.unit_id, answers: { m1: 'spoiled' }, scan: PDF });
    expect(paper.statusCode, paper.body).toBe(201);
    // live turnout counts the spoiled ballot's owner only where it takes part
    const turnout = (await director.get(`/api/decisions/${id}`)).json().turnout.heads as number;
    await ddb(t.db)
      .updateTable('decision')
      .set({ opens_on: shift(-10), closes_on: shift(-1) })
      .where('id', '=', id)
      .execute();
    expect((await director.post(`/api/decisions/${id}/close`)).statusCode).toBe(200);
    const published = await director.post(`/api/decisions/${id}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    const file = await t.app.inject({ method: 'GET', url: `/api/public/decisions/${id}/tally.json` });
    const notice = await t.db
      .selectFrom('public_notice')
      .select('body')
      .where('id', '=', published.json().resultNoticeId)
      .executeTakeFirstOrThrow();
    return { d: published.json(), file: JSON.parse(file.body), notice: notice.body as string, turnout };
  }

  it('视为弃权: the spoiled ballot takes part — exactly 2/3 of heads participate, exactly 1/2 approve: rejected (R7, R8)', async () => {
    const { d, file, notice, turnout } = await run('abstain');
    expect(d.rules.spoiled).toBe('abstain');
    expect(turnout).toBe(2);
    const m = d.result.motions[0];
    expect(m.result).toMatchObject({ NT: 3, NP: 2, NY: 1, outcome: 'rejected', failed: ['approval_headcount'] });
    expect(m.spoiled).toBe(1);
    // in the public file the spoiled ballot is an abstention, and the file recomputes to the result
    expect(file.ballots.map((b: { choice: string }) => b.choice).sort()).toEqual(['abstain', 'yes']);
    expect(tallyFile(parseTallyFile(file)).results[0]).toMatchObject({ NP: 2, outcome: 'rejected' });
    expect(notice).toContain('废票1张');
    expect(notice).toContain('视为弃权');
  });

  it('不计入: the spoiled ballot is left out — 1 of 3 heads participate: no quorum (R7)', async () => {
    const { d, file, notice, turnout } = await run('excluded');
    expect(turnout).toBe(1);
    const m = d.result.motions[0];
    expect(m.result).toMatchObject({ NT: 3, NP: 1, outcome: 'no_quorum' });
    expect(m.result.failed).toEqual(expect.arrayContaining(['participation_headcount', 'participation_area']));
    expect(m.spoiled).toBe(1);
    expect(file.ballots).toHaveLength(1);
    expect(notice).toContain('不计入参与表决');
  });

  it('unstated, the decision takes the street profile’s rule and says so', async () => {
    const { d } = await run(undefined);
    expect(d.rules.spoiled).toBe('abstain');
  });
});
