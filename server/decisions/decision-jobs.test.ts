import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateOf, dayIndex } from '../../core/workdays.js';
import { verifyAuditChain } from '../audit/verify.js';
import { seedCalendarFromPackage } from '../calendar/store.js';
import { todayInChina } from '../clock.js';
import { runDecisionSchedule } from '../jobs/decision-schedule.js';
import { LoggingChannel } from '../notifications/channel.js';
import { makeStreet, type TestStreet } from '../test/factories.js';
import { announcedOn } from '../test/history.js';
import { createTestApp, login, type Client, type TestApp } from '../test/harness.js';
import { ddb } from './tables.js';

const shift = (days: number) => dateOf(dayIndex(todayInChina()) + days);

describe('scheduled opening and closing of decisions (R5, R14, R17)', () => {
  let t: TestApp;
  let s: TestStreet;
  let director: Client;
  let staff: Client;
  const channel = new LoggingChannel(() => {});
  const estate = () => s.communities[0]!.estates[0]!.id;

  beforeAll(async () => {
    t = await createTestApp();
    await seedCalendarFromPackage(t.db);
    s = await makeStreet(t.db, 'DJob');
    director = await login(t.app, s.accounts.director!.username);
    staff = await login(t.app, s.accounts.staff1!.username);
  });
  afterAll(() => t.close());

  /** A decision announced 15 days before `opensOn` (R14), voting `opensOn`…`closesOn`. */
  async function announced(title: string, opensOn: string, closesOn: string, by = director) {
    const r = await by.post('/api/decisions', {
      estateId: estate(),
      title,
      organiser: '物业管理委员会',
      motions: [{ title: '制定管理规约', item: 2 }],
      opensOn,
      closesOn,
    });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id as number;
    await announcedOn(t.db, id, dateOf(dayIndex(opensOn) - 15));
    return id;
  }
  const row = (id: number) => ddb(t.db).selectFrom('decision').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const audits = async (action: string, id: number) =>
    (
      await t.db.selectFrom('audit_entry').select(['actor_id']).where('action', '=', action).where('entity_id', '=', String(id)).execute()
    ).map((a) => a.actor_id);
  const bell = async (c: Client) => (await c.get('/api/notifications')).json().items as { title: string; body: string; link: string }[];

  let id: number;

  it('opens an announced decision on its opening day, freezing the roll as the manual open does (R5), once', async () => {
    id = await announced('定时开始的表决', shift(0), shift(14));
    // the day before the opening day: nothing (R14)
    expect(await runDecisionSchedule(t.db, shift(-1), channel)).toEqual({ opened: 0, closed: 0 });
    expect((await row(id)).state).toBe('announced');
    // opening day: two runs at once (two instances) open it once
    const runs = await Promise.all([runDecisionSchedule(t.db, shift(0), channel), runDecisionSchedule(t.db, shift(0), channel)]);
    expect(runs.reduce((n, r) => n + r.opened, 0)).toBe(1);
    expect(await runDecisionSchedule(t.db, shift(0), channel)).toEqual({ opened: 0, closed: 0 });
    const d = await row(id);
    expect(d).toMatchObject({ state: 'voting', opened_on: shift(0) });
    const units = await t.db.selectFrom('unit').select('id').where('estate_id', '=', estate()).execute();
    const roll = await ddb(t.db).selectFrom('decision_roll').select('unit_id').where('decision_id', '=', id).execute();
    expect(roll.length).toBe(units.length);
    expect(d.total_heads).toBeGreaterThan(0);
    // the totals go out with the same notice as a manual open; the system acted (no actor)
    const notice = await t.db
      .selectFrom('public_notice')
      .select(['title', 'body'])
      .where('title', 'like', '%开始投票及表决权总数%定时开始的表决%')
      .execute();
    expect(notice).toHaveLength(1);
    expect(notice[0]!.body).toContain(`业主总人数${d.total_heads}人`);
    expect(await audits('decision.open', id)).toEqual([null]);
    // the organiser who drafted it is told
    const mine = await bell(director);
    expect(mine[0]).toMatchObject({ title: '表决已开始投票：定时开始的表决', link: `/decisions/${id}` });
    expect(mine[0]!.body).toContain(`业主总人数${d.total_heads}人`);
    expect(channel.sent.at(-1)).toMatchObject({ accountId: s.accounts.director!.id, title: '表决已开始投票：定时开始的表决' });
  });

  it('closes voting the day after the last day of the period (R17), once, and tells the organisers', async () => {
    expect(await runDecisionSchedule(t.db, shift(14), channel)).toEqual({ opened: 0, closed: 0 }); // last day: still voting
    expect((await row(id)).state).toBe('voting');
    expect(await runDecisionSchedule(t.db, shift(15), channel)).toEqual({ opened: 0, closed: 1 });
    expect(await runDecisionSchedule(t.db, shift(16), channel)).toEqual({ opened: 0, closed: 0 }); // never twice
    expect(await row(id)).toMatchObject({ state: 'closed', closed_on: shift(15) });
    expect(await audits('decision.close', id)).toEqual([null]);
    const mine = await bell(director);
    expect(mine[0]).toMatchObject({ title: '表决投票期已届满：定时开始的表决', link: `/decisions/${id}` });
    expect(mine[0]!.body).toContain('3日内公布');
  });

  it('leaves alone what an organiser already did, drafts and cancelled decisions; the audit chain stays whole', async () => {
    // opened by hand on its opening day: the job finds nothing to do
    const manual = await announced('手动开始的表决', shift(0), shift(9), staff);
    expect((await director.post(`/api/decisions/${manual}/open`)).statusCode).toBe(200);
    // a draft whose opening day has come was never announced: it may not open (R14, R15)
    const draft = await director.post('/api/decisions', {
      estateId: estate(),
      title: '未公告的表决',
      organiser: '物业管理委员会',
      motions: [{ title: '制定管理规约', item: 2 }],
      opensOn: shift(0),
      closesOn: shift(9),
    });
    // cancelled before voting
    const cancelled = await announced('取消的表决', shift(0), shift(9));
    expect((await director.post(`/api/decisions/${cancelled}/cancel`)).statusCode).toBe(200);
    const opens = (await audits('decision.open', manual)).length;
    expect(await runDecisionSchedule(t.db, shift(0), channel)).toEqual({ opened: 0, closed: 0 });
    expect(await audits('decision.open', manual)).toHaveLength(opens);
    expect((await row(draft.json().id)).state).toBe('draft');
    expect((await row(cancelled)).state).toBe('cancelled');
    // the manually opened one closes by itself after its period; the staff member who drafted it is told
    expect(await runDecisionSchedule(t.db, shift(10), channel)).toEqual({ opened: 0, closed: 1 });
    expect((await bell(staff))[0]).toMatchObject({ title: '表决投票期已届满：手动开始的表决' });
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});
