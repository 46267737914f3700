import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateOf, dayIndex } from '../../core/workdays.js';
import { verifyAuditChain } from '../audit/verify.js';
import { todayInChina } from '../clock.js';
import { makeStreet, type TestStreet } from '../test/factories.js';
import { announcedOn } from '../test/history.js';
import { createTestApp, login, type Client, type TestApp } from '../test/harness.js';
import { AppError } from '../http/errors.js';
import { writeBatch } from './ballot-writer.js';
import { ddb } from './tables.js';

const shift = (days: number) => dateOf(dayIndex(todayInChina()) + days);

/** The group-commit writer of online ballots (R19): many owners at once, each exactly once, each audited. */
describe('casting at the same moment (R19)', () => {
  let t: TestApp;
  let s: TestStreet;
  const owners: Client[] = [];
  let id: number;
  const N = 6;
  /** the owner of one more unit, who votes only in the last test (account id, person id) */
  let late: { account: number; person: number; username: string };

  beforeAll(async () => {
    t = await createTestApp();
    s = await makeStreet(t.db, 'Batch');
    const estate = s.communities[0]!.estates[0]!.id;
    const units = await t.db
      .selectFrom('unit')
      .select('id')
      .where('estate_id', '=', estate)
      .orderBy('id')
      .limit(N + 2)
      .execute();
    expect(units.length).toBe(N + 2);
    const hash = (await t.db.selectFrom('account').select('password_hash').where('id', '=', s.accounts.owner!.id).executeTakeFirstOrThrow())
      .password_hash;
    for (const [i, u] of units.entries()) {
      const p = await t.db
        .insertInto('person')
        .values({ street_id: s.street, node_id: estate, name: `业主${i}` })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.db.insertInto('ownership').values({ unit_id: u.id, person_id: p.id, started_on: '2020-01-01' }).execute();
      const a = await t.db
        .insertInto('account')
        .values({ username: `batch_owner_${i}`, display_name: `业主${i}`, password_hash: hash, mobile: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.db.insertInto('role_assignment').values({ account_id: a.id, role: 'owner', node_id: estate }).execute();
      await t.db.insertInto('owner_binding').values({ account_id: a.id, person_id: p.id, method: 'staff' }).execute();
      if (i < N) owners.push(await login(t.app, `batch_owner_${i}`));
      else if (i === N) late = { account: a.id, person: p.id, username: `batch_owner_${i}` };
      else {
        // the last unit's owner is bound to the late owner's account as well: that account votes for two heads
        await t.db.deleteFrom('owner_binding').where('account_id', '=', a.id).execute();
        await t.db.insertInto('owner_binding').values({ account_id: late.account, person_id: p.id, method: 'staff' }).execute();
      }
    }
    const director = await login(t.app, s.accounts.director!.username);
    const d = await director.post('/api/decisions', {
      estateId: estate,
      title: '同时投票',
      organiser: '物业管理委员会',
      motions: [
        { title: '制定管理规约', item: 2 },
        { title: '改变共有部分用途', item: 8 },
      ],
      opensOn: shift(0),
      closesOn: shift(9),
    });
    id = d.json().id;
    await announcedOn(t.db, id, shift(-15));
    expect((await director.post(`/api/decisions/${id}/open`)).statusCode).toBe(200);
  });
  afterAll(() => t.close());

  it('every owner twice at once: exactly one ballot per owner and motion, one audit entry each, the chain whole', async () => {
    const before = (await t.db.selectFrom('audit_entry').select('id').where('action', '=', 'ballot.cast').execute()).length;
    // Other changes append to the same audit chain meanwhile (recordAudit): both take the chain's head row.
    const admin = await login(t.app, s.accounts.admin!.username);
    const others = Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        admin.post('/api/org/nodes', { kind: 'grid', parentId: s.communities[0]!.id, name: `同时网格${i}` }),
      ),
    );
    const res = await Promise.all(
      owners.flatMap((o, i) => [
        o.post(`/api/decisions/${id}/vote`, { answers: { m1: 'yes', m2: i % 2 ? 'no' : 'abstain' } }),
        o.post(`/api/decisions/${id}/vote`, { answers: { m1: 'no', m2: 'no' } }),
      ]),
    );
    for (const r of await others) expect(r.statusCode, r.body).toBe(201);
    for (let i = 0; i < N; i++) {
      const pair = [res[2 * i]!.statusCode, res[2 * i + 1]!.statusCode].sort();
      expect(pair).toEqual([201, 409]);
    }
    const refused = res.filter((r) => r.statusCode === 409);
    for (const r of refused) expect(r.json().message).toContain('您已投票');
    const codes = res.filter((r) => r.statusCode === 201).map((r) => r.json().receipts[0].code);
    expect(new Set(codes).size).toBe(N);
    const ballots = await ddb(t.db).selectFrom('ballot').select(['head', 'motion_code', 'status']).where('decision_id', '=', id).execute();
    expect(ballots).toHaveLength(2 * N);
    expect(new Set(ballots.map((b) => `${b.head}|${b.motion_code}`)).size).toBe(2 * N);
    expect(ballots.every((b) => b.status === 'counted')).toBe(true);
    const audits = await t.db
      .selectFrom('audit_entry')
      .select(['actor_id', 'after'])
      .where('action', '=', 'ballot.cast')
      .orderBy('id')
      .execute();
    expect(audits.length - before).toBe(N);
    // each entry names its own owner and receipt code
    expect(new Set(audits.slice(before).map((a) => a.actor_id)).size).toBe(N);
    expect(new Set(audits.slice(before).map((a) => (a.after as { code: string }).code))).toEqual(new Set(codes));
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
    // the refusals are in the misuse log
    const logged = await ddb(t.db).selectFrom('decision_refusal').select('id').where('decision_id', '=', id).execute();
    expect(logged).toHaveLength(N);
  });

  it('a ballot keeps its decision, voter and caster: deleting any of them is refused at the delete, and nothing changes (migration 0017)', async () => {
    const sub = await ddb(t.db)
      .selectFrom('ballot_submission')
      .select(['id', 'cast_by', 'voter_person_id'])
      .where('decision_id', '=', id)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const refused = async (q: { execute(): Promise<unknown> }) => {
      const err = await q.execute().then(
        () => null,
        (e: { code?: string; message?: string }) => e,
      );
      expect(err?.code).toBe('23503');
      return err!.message!;
    };
    expect(await refused(t.db.deleteFrom('person').where('id', '=', sub.voter_person_id!))).toContain('该业主已有表决票，不能删除');
    expect(await refused(t.db.deleteFrom('account').where('id', '=', sub.cast_by!))).toContain('该账号已提交过表决票，不能删除');
    expect(await refused(ddb(t.db).deleteFrom('decision').where('id', '=', id))).toContain('该表决已有表决票，不能删除');
    expect(await ddb(t.db).selectFrom('ballot').select('id').where('decision_id', '=', id).execute()).toHaveLength(2 * N);
    expect(await t.db.selectFrom('person').select('id').where('id', '=', sub.voter_person_id!).executeTakeFirst()).toBeDefined();
    expect(await t.db.selectFrom('account').select('id').where('id', '=', sub.cast_by!).executeTakeFirst()).toBeDefined();
    // A person and an account without ballots are not held back.
    const p = await t.db
      .insertInto('person')
      .values({ street_id: s.street, node_id: s.communities[0]!.estates[0]!.id, name: '未投票者' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const a = await t.db
      .insertInto('account')
      .values({ username: 'never_voted', display_name: '未投票者', password_hash: 'x', mobile: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(Number((await t.db.deleteFrom('person').where('id', '=', p.id).executeTakeFirst()).numDeletedRows)).toBe(1);
    expect(Number((await t.db.deleteFrom('account').where('id', '=', a.id).executeTakeFirst()).numDeletedRows)).toBe(1);
  });

  it('a decision closed between the batch read and its write: nothing is written, and the batch read again is refused (R17)', async () => {
    const roles = await t.db
      .selectFrom('role_assignment')
      .select(['role', 'node_id as nodeId'])
      .where('account_id', '=', late.account)
      .execute();
    const actor = {
      id: late.account,
      username: late.username,
      displayName: '业主',
      mustChangePassword: false,
      roles,
      sessionId: 'x',
      csrfToken: 'x',
    };
    const before = await ddb(t.db).selectFrom('ballot_submission').select('id').where('decision_id', '=', id).execute();
    const outcome = await writeBatch(
      t.db,
      [{ ctx: { db: t.db, actor, requestId: 'test', ip: null }, decisionId: id, answers: { m1: 'yes', m2: 'yes' } }],
      // the read saw the decision voting; it closes before the write
      () =>
        ddb(t.db)
          .updateTable('decision')
          .set({ state: 'closed' })
          .where('id', '=', id)
          .execute()
          .then(() => {}),
    );
    expect(outcome).toHaveLength(1);
    expect(outcome[0]).toBeInstanceOf(AppError);
    expect((outcome[0] as AppError).status).toBe(409);
    const after = await ddb(t.db).selectFrom('ballot_submission').select('id').where('decision_id', '=', id).execute();
    expect(after).toHaveLength(before.length);
    expect(
      await ddb(t.db).selectFrom('ballot').select('id').where('head', 'like', `%${late.person}%`).where('decision_id', '=', id).execute(),
    ).toHaveLength(0);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
    await ddb(t.db).updateTable('decision').set({ state: 'voting' }).where('id', '=', id).execute();
  });

  it('an account bound to two owners votes once for both heads: two submissions, two receipts, two audit entries', async () => {
    const owner = await login(t.app, late.username);
    const r = await owner.post(`/api/decisions/${id}/vote`, { answers: { m1: 'yes', m2: 'no' } });
    expect(r.statusCode, r.body).toBe(201);
    const receipts = r.json().receipts as { code: string }[];
    expect(receipts).toHaveLength(2);
    const subs = await ddb(t.db)
      .selectFrom('ballot_submission')
      .select(['id', 'head', 'code'])
      .where('decision_id', '=', id)
      .where('cast_by', '=', late.account)
      .execute();
    expect(new Set(subs.map((x) => x.head)).size).toBe(2);
    expect(new Set(subs.map((x) => x.code))).toEqual(new Set(receipts.map((x) => x.code)));
    const ballots = await ddb(t.db)
      .selectFrom('ballot')
      .select(['submission_id', 'motion_code'])
      .where(
        'submission_id',
        'in',
        subs.map((x) => x.id),
      )
      .execute();
    expect(ballots).toHaveLength(4);
    const audits = await t.db
      .selectFrom('audit_entry')
      .select(['entity_id'])
      .where('action', '=', 'ballot.cast')
      .where('actor_id', '=', late.account)
      .execute();
    expect(new Set(audits.map((a) => a.entity_id))).toEqual(new Set(subs.map((x) => String(x.id))));
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('after the period nobody votes, even through the writer', async () => {
    await ddb(t.db)
      .updateTable('decision')
      .set({ closes_on: shift(-1), opens_on: shift(-10) })
      .where('id', '=', id)
      .execute();
    const r = await owners[0]!.post(`/api/decisions/${id}/vote`, { answers: { m1: 'yes', m2: 'yes' } });
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toContain('截止');
  });
});
