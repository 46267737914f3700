import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTallyFile, tallyFile, type TallyFile } from '../../core/tally.js';
import { dateOf, dayIndex } from '../../core/workdays.js';
import { runCli } from '../cli.js';
import { todayInChina } from '../clock.js';
import { makeStreet, type TestStreet } from '../test/factories.js';
import { announcedOn } from '../test/history.js';
import { createTestApp, login, type Client, type TestApp } from '../test/harness.js';
import { RECEIPT_LOOKUP_LIMIT } from './use-cases/check-receipt.js';
import { ddb } from './tables.js';

const shift = (days: number) => dateOf(dayIndex(todayInChina()) + days);
const sha = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

/**
 * Ballots the voter can verify (issue 19): a receipt is a tracker. Before publication anyone with the
 * code sees that the ballot is recorded (never its choices); after publication, that it is in the
 * published tally file — its tracker beside an anonymous owner code, with the choices listed there —
 * without any room or name; wrong codes say so and one address cannot go on guessing. A decision
 * with the secret ballot publishes a file without room numbers that `npx gongzhi tally` recounts to
 * the same result.
 */
describe('receipts as trackers; the secret ballot', () => {
  let t: TestApp;
  let s: TestStreet;
  let director: Client;
  let owner: Client;
  const estate = () => s.communities[0]!.estates[0]!.id;
  const public_ = (url: string, ip = '10.9.0.1') => t.app.inject({ method: 'GET', url, remoteAddress: ip });

  beforeAll(async () => {
    t = await createTestApp();
    s = await makeStreet(t.db, 'Rcpt');
    director = await login(t.app, s.accounts.director!.username);
    owner = await login(t.app, s.accounts.owner!.username);
    const units = (
      await t.db.selectFrom('unit').select('id').where('estate_id', '=', estate()).orderBy('building_id').orderBy('number').execute()
    ).map((r) => r.id);
    // 8 units, each with an owner of its own; the test owner's account is bound to the first
    for (const [i, unit] of units.entries()) {
      const p = await t.db
        .insertInto('person')
        .values({ street_id: s.street, node_id: estate(), name: `业主${i + 1}`, kind: 'natural' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.db.insertInto('ownership').values({ unit_id: unit, person_id: p.id, started_on: '2020-01-01' }).execute();
      if (i === 0)
        await t.db.insertInto('owner_binding').values({ account_id: s.accounts.owner!.id, person_id: p.id, method: 'staff' }).execute();
    }
  });
  afterAll(() => t.close());

  /** A decision in voting (announced 20 days ago, open since 5 days), with `secretBallot` as given. */
  async function votingDecision(secretBallot: boolean) {
    const r = await director.post('/api/decisions', {
      estateId: estate(),
      title: secretBallot ? '无记名表决' : '记名表决',
      organiser: '物业管理委员会',
      motions: [
        { title: '选聘物业服务企业', item: 4 },
        { title: '修改管理规约', item: 2 },
      ],
      opensOn: shift(-5),
      closesOn: shift(5),
      secretBallot,
    });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id as number;
    await announcedOn(t.db, id, shift(-20));
    expect((await director.post(`/api/decisions/${id}/open`)).statusCode).toBe(200);
    return id;
  }

  /** Paper ballots for every other head of the roll (as staff would enter them; the director can). */
  async function paperBallots(id: number) {
    const roll = (await director.get(`/api/decisions/${id}/roll`)).json().items as { unitId: number; voted: boolean }[];
    for (const [i, u] of roll.entries()) {
      if (u.voted || i % 2 === 0) continue;
      const r = await director.post(`/api/decisions/${id}/paper`, {
        unitId: u.unitId,
        answers: { m1: i % 3 === 0 ? 'no' : 'yes', m2: 'yes' },
        scan: { fileName: 's.pdf', contentType: 'application/pdf', dataBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64') },
      });
      expect(r.statusCode, r.body).toBe(201);
    }
  }

  async function closeAndPublish(id: number) {
    await ddb(t.db)
      .updateTable('decision')
      .set({ closes_on: shift(-1) })
      .where('id', '=', id)
      .execute();
    expect((await director.post(`/api/decisions/${id}/close`)).statusCode).toBe(200);
    const r = await director.post(`/api/decisions/${id}/publish`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  }

  let shownId: number;
  let receipt: string;

  it('the announcement states how the file will show the ballots; receipts are 12 characters', async () => {
    shownId = await votingDecision(false);
    const d = (await director.get(`/api/decisions/${shownId}`)).json();
    expect(d.rules.secretBallot).toBe(false);
    const notice = await t.db.selectFrom('public_notice').select('body').where('id', '=', d.announceNoticeId).executeTakeFirstOrThrow();
    expect(notice.body).toContain('本次表决为记名表决');
    expect(notice.body).toContain('回执码');
    const r = await owner.post(`/api/decisions/${shownId}/vote`, { answers: { m1: 'yes', m2: 'abstain' } });
    expect(r.statusCode, r.body).toBe(201);
    receipt = r.json().receipts[0].code;
    expect(receipt).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{12}$/);
  });

  it('before publication: anyone with the code sees that the ballot is recorded, never its choices or whose it is', async () => {
    // typed as shown (groups of four), in lower case
    const typed = `${receipt.slice(0, 4)}-${receipt.slice(4, 8)} ${receipt.slice(8)}`.toLowerCase();
    const r = await public_(`/api/public/estates/${estate()}/receipts/${encodeURIComponent(typed)}`);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({ code: receipt, channel: 'online', decision: { id: shownId, state: 'voting' }, published: null });
    expect(body.motions.map((m: { status: string }) => m.status)).toEqual(['counted', 'counted']);
    // nothing of the choices, the rooms or the person
    expect(r.body).not.toMatch(/yes|abstain|业主1|1-1-101|head/);
  });

  it('unknown or malformed codes say so (404/400) and nothing else; another estate’s board does not know the code', async () => {
    let r = await public_(`/api/public/estates/${estate()}/receipts/ABCDEFGHJKMN`, '10.9.0.2');
    expect(r.statusCode).toBe(404);
    expect(r.json().message).toContain('没有找到这个回执码');
    r = await public_(`/api/public/estates/${s.communities[0]!.estates[1]!.id}/receipts/${receipt}`, '10.9.0.2');
    expect(r.statusCode).toBe(404);
    r = await public_(`/api/public/estates/${estate()}/receipts/${'<script>'}`, '10.9.0.2');
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/回执码/);
    r = await public_(`/api/public/estates/${s.street}/receipts/${receipt}`, '10.9.0.2');
    expect(r.statusCode).toBe(404);
  });

  it(`rate limit: after ${RECEIPT_LOOKUP_LIMIT} wrong codes in an hour one address is refused (429), even with a right code; others are not`, async () => {
    const ip = '10.9.0.3';
    for (let i = 0; i < RECEIPT_LOOKUP_LIMIT; i++) {
      const guess = crypto.randomBytes(6).toString('hex').toUpperCase().replace(/[01]/g, 'A');
      const r = await public_(`/api/public/estates/${estate()}/receipts/${guess.slice(0, 12).replace(/[^A-Z2-9]/g, 'B')}`, ip);
      expect(r.statusCode).toBe(404);
    }
    const r = await public_(`/api/public/estates/${estate()}/receipts/${receipt}`, ip);
    expect(r.statusCode).toBe(429);
    expect(r.json().message).toContain('一小时后再试');
    expect((await public_(`/api/public/estates/${estate()}/receipts/${receipt}`, '10.9.0.4')).statusCode).toBe(200);
    // the log keeps addresses and outcomes only; a refused lookup looks nothing up and is not logged
    const rows = await ddb(t.db).selectFrom('receipt_lookup').selectAll().where('ip', '=', ip).execute();
    expect(rows.map((x) => x.found)).toEqual(Array(RECEIPT_LOOKUP_LIMIT).fill(false));
  });

  it('after publication: the receipt’s tracker is in the published file beside an owner code, with the choices cast', async () => {
    await paperBallots(shownId);
    await closeAndPublish(shownId);
    const r = await public_(`/api/public/estates/${estate()}/receipts/${receipt}`, '10.9.0.5');
    expect(r.statusCode, r.body).toBe(200);
    const p = r.json().published;
    expect(p.tracker).toBe(sha(`${shownId}:${receipt}`).slice(0, 32));
    expect(p.inFile).toBe(true);
    expect(p.choices.map((c: { motion: string; choice: string }) => [c.motion, c.choice])).toEqual([
      ['m1', 'yes'],
      ['m2', 'abstain'],
    ]);
    // the check a voter (or the page) makes on the downloaded file itself
    const text = (await public_(`/api/public/decisions/${shownId}/tally.json`)).body;
    expect(sha(text)).toBe(p.sha256);
    const file = JSON.parse(text) as TallyFile;
    expect(file.receipts!.find((x) => x.tracker === p.tracker)!.owner).toBe(p.owner);
    expect(file.ballots.filter((b) => b.owner === p.owner).map((b) => b.choice)).toEqual(['yes', 'abstain']);
    // one tracker per counted ballot: the owner's online one and each paper ballot
    const heads = new Set(file.ballots.map((b) => b.owner));
    expect(file.receipts).toHaveLength(heads.size);
    // rooms shown, as before
    expect(file.units[0]!.unit).toMatch(/^\d+-\d+-\d+$/);
  });

  it('secret ballot: stated in the announcement; the file has no room number, the voter still finds their ballot, the CLI recounts the same result', async () => {
    const id = await votingDecision(true);
    const d = (await director.get(`/api/decisions/${id}`)).json();
    expect(d.rules.secretBallot).toBe(true);
    const notice = await t.db.selectFrom('public_notice').select('body').where('id', '=', d.announceNoticeId).executeTakeFirstOrThrow();
    expect(notice.body).toContain('本次表决为无记名表决');
    expect(notice.body).toContain('不含房号');
    // R15: the setting cannot change once announced
    expect((await director.put(`/api/decisions/${id}`, { ...d, secretBallot: false })).statusCode).toBeGreaterThanOrEqual(400);
    const v = await owner.post(`/api/decisions/${id}/vote`, { answers: { m1: 'no', m2: 'yes' } });
    expect(v.statusCode, v.body).toBe(201);
    const code = v.json().receipts[0].code as string;
    await paperBallots(id);
    const published = await closeAndPublish(id);

    const text = (await public_(`/api/public/decisions/${id}/tally.json`)).body;
    const file = JSON.parse(text) as TallyFile;
    const rooms = await ddb(t.db).selectFrom('decision_roll').select('room').where('decision_id', '=', id).execute();
    for (const { room } of rooms) expect(text).not.toContain(`"${room}"`);
    expect(file.units.map((u) => u.unit)).toEqual(file.units.map((_, i) => `u${i + 1}`));

    // the voter finds their ballot by the receipt, with their choices
    const r = await public_(`/api/public/estates/${estate()}/receipts/${code}`, '10.9.0.6');
    expect(r.json().published).toMatchObject({ inFile: true, tracker: sha(`${id}:${code}`).slice(0, 32) });
    expect(r.json().published.choices.map((c: { choice: string }) => c.choice)).toEqual(['no', 'yes']);

    // `npx gongzhi tally` recounts the file to the published result
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-tally-'));
    const f = path.join(dir, 'tally.json');
    fs.writeFileSync(f, text);
    const lines: string[] = [];
    const log = console.log;
    console.log = (x: string) => lines.push(x);
    try {
      expect(await runCli(['tally', f])).toBe(0);
    } finally {
      console.log = log;
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const recount = JSON.parse(lines[0]!);
    expect(recount).toEqual(tallyFile(parseTallyFile(file)));
    const official = published.result.motions.map((m: { result: unknown }) => m.result);
    expect(recount.results).toEqual(official);
  });
});
