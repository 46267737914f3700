import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { naturalKey } from '../../core/decisions.js';
import { parseTallyFile, tallyFile } from '../../core/tally.js';
import { up as orderRolls } from '../db/migrations/20261127_0018_roll_order.js';
import { computeResult } from './tally.js';
import { ddb } from './tables.js';
import { verifyAuditChain } from '../audit/verify.js';
import { DEMO_PASSWORD, ensureDemoData } from '../demo/load-demo.js';
import { createTestApp, login, type TestApp } from '../test/harness.js';

describe('demo decisions (issue 6)', () => {
  let t: TestApp;
  let estate: number;
  beforeAll(async () => {
    t = await createTestApp();
    await ensureDemoData(t.db);
    const street = await t.db.selectFrom('org_node').select('id').where('kind', '=', 'street').orderBy('id').executeTakeFirstOrThrow();
    // ensureDemoData loads the demo decisions with the rest of the demo street (load-demo.ts).
    estate = (
      await t.db
        .selectFrom('org_closure as c')
        .innerJoin('org_node as e', 'e.id', 'c.descendant_id')
        .select('e.id')
        .where('c.ancestor_id', '=', street.id)
        .where('e.kind', '=', 'estate')
        .orderBy('e.id')
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(() => t.close());

  it('the PMC director sees one decision in voting (items 2 and 8) and one published last year', async () => {
    const zhuren = await login(t.app, 'zhuren', DEMO_PASSWORD);
    const list = (await zhuren.get(`/api/decisions?estateId=${estate}`)).json().items as { id: number; state: string }[];
    expect(list.map((d) => d.state).sort()).toEqual(['published', 'voting']);
    const voting = (await zhuren.get(`/api/decisions/${list.find((d) => d.state === 'voting')!.id}`)).json();
    expect(voting.motions.map((m: { item: number }) => m.item)).toEqual([2, 8]);
    expect(voting.totals.heads).toBeGreaterThan(100);
    // R14: announced at least 15 days before voting opened; open now
    expect(voting.announcedOn <= voting.earliestOpening).toBe(true);
    expect(voting.opensOn <= voting.today && voting.today <= voting.closesOn).toBe(true);
    expect(voting.announceNoticeId).toEqual(expect.any(Number));
  });

  it('the yezhu owner votes once on the phone page and gets a receipt', async () => {
    const yezhu = await login(t.app, 'yezhu', DEMO_PASSWORD);
    const zhuren = await login(t.app, 'zhuren', DEMO_PASSWORD);
    const id = ((await zhuren.get(`/api/decisions?estateId=${estate}`)).json().items as { id: number; state: string }[]).find(
      (d) => d.state === 'voting',
    )!.id;
    const r = await yezhu.post(`/api/decisions/${id}/vote`, { answers: { m1: 'yes', m2: 'abstain' } });
    expect(r.statusCode, r.body).toBe(201);
    const [receipt] = r.json().receipts;
    expect(receipt.units.length).toBe(2); // the demo owner holds two units: one head (R3)
    expect((await yezhu.get(`/api/decisions/${id}/receipt/${receipt.code}`)).statusCode).toBe(200);
    const again = await yezhu.post(`/api/decisions/${id}/vote`, { answers: { m1: 'no', m2: 'no' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('您已投票');
  });

  it('last year’s result is public with its tally file, which recomputes to it', async () => {
    const pub = (await t.app.inject(`/api/public/estates/${estate}/decisions`)).json().items;
    expect(pub).toHaveLength(1);
    const d = pub[0];
    expect(d.resultNoticeId).toEqual(expect.any(Number));
    expect(d.result.motions.map((m: { item: number; outcome: string }) => [m.item, m.outcome])).toEqual([
      [5, 'passed'],
      [6, 'rejected'],
    ]);
    const file = await t.app.inject(`/api/public/decisions/${d.id}/tally.json`);
    expect(file.headers['x-content-sha256']).toBe(d.sha256);
    const again = tallyFile(parseTallyFile(JSON.parse(file.body)));
    expect(again.results.map((r) => r.outcome)).toEqual(['passed', 'rejected']);
    expect(again.results[1]!.failed).toEqual(expect.arrayContaining(['approval_headcount']));
    expect((await t.app.inject(`/api/public/decisions/${d.id}/result.docx`)).statusCode).toBe(200);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('the frozen roll keeps its natural order: the tally file, the voter list and the paper roll list by it', async () => {
    const d = (await t.app.inject(`/api/public/estates/${estate}/decisions`)).json().items[0];
    const natural = (rooms: string[]) =>
      [...rooms].sort((a, b) => (naturalKey(a) < naturalKey(b) ? -1 : naturalKey(a) > naturalKey(b) ? 1 : 0));
    const file = JSON.parse((await t.app.inject(`/api/public/decisions/${d.id}/tally.json`)).body) as { units: { unit: string }[] };
    const fileRooms = file.units.map((u) => u.unit);
    expect(new Set(fileRooms.map((r) => r.split('-')[0])).size).toBeGreaterThan(1); // several buildings: the order matters
    expect(fileRooms).toEqual(natural(fileRooms));
    const voters = (await t.app.inject(`/api/public/decisions/${d.id}/voters`)).json().items.map((v: { room: string }) => v.room);
    expect(voters.length).toBeGreaterThan(0);
    expect(voters).toEqual(natural(voters));
    // and the published file is what the publish path computes from the stored roll and ballots today
    const row = await ddb(t.db).selectFrom('decision').selectAll().where('id', '=', d.id).executeTakeFirstOrThrow();
    expect((await computeResult(t.db, row)).text).toBe(row.tally_file);
  });

  it('migration 0018 gives rolls frozen before it exactly the order the freeze gives', async () => {
    const order = () =>
      sql`select decision_id, unit_id, position, owner_rank from decision_roll order by decision_id, unit_id`.execute(t.db);
    const frozen = (await order()).rows;
    expect(frozen.length).toBeGreaterThan(100);
    await sql`drop index decision_roll_position`.execute(t.db);
    await sql`alter table decision_roll drop column position, drop column owner_rank`.execute(t.db);
    await orderRolls(t.db);
    expect((await order()).rows).toEqual(frozen);
  });

  it('migration 0018 gives a room number two units of an earlier roll shared the units’ names in full', async () => {
    const roll = ddb(t.db).selectFrom('decision_roll as r').innerJoin('unit as u', 'u.id', 'r.unit_id');
    const [a, b] = await roll
      .select(['r.decision_id', 'r.unit_id', 'r.room', 'u.entrance', 'u.number'])
      .where('r.decision_id', '=', (await ddb(t.db).selectFrom('decision').select('id').orderBy('id').executeTakeFirstOrThrow()).id)
      .orderBy('r.unit_id')
      .limit(2)
      .execute();
    // as an older freeze could leave it: two units shortened to one number
    await sql`update decision_roll set room = ${a!.room} where decision_id = ${b!.decision_id} and unit_id = ${b!.unit_id}`.execute(t.db);
    await sql`drop index decision_roll_position`.execute(t.db);
    await sql`alter table decision_roll drop column position, drop column owner_rank`.execute(t.db);
    await orderRolls(t.db);
    const after = await roll
      .innerJoin('org_node as bd', 'bd.id', 'u.building_id')
      .select(['r.unit_id', 'r.room', 'bd.name as building', 'u.entrance', 'u.number'])
      .where('r.decision_id', '=', a!.decision_id)
      .execute();
    const rooms = after.map((r) => r.room);
    expect(new Set(rooms).size).toBe(rooms.length);
    for (const id of [a!.unit_id, b!.unit_id]) {
      const r = after.find((x) => x.unit_id === id)!;
      expect(r.room).toBe([r.building, r.entrance, r.number].filter(Boolean).join('-'));
    }
  });
});
