import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCalendarFromPackage } from '../calendar/store.js';
import { LoggingChannel } from '../notifications/channel.js';
import { makeStreet, type TestStreet } from '../test/factories.js';
import { actorOf } from '../test/history.js';
import { createTestApp, login, type Client, type TestApp } from '../test/harness.js';
import { sdb } from './tables.js';
import { escalateOverdue } from './use-cases/escalate-overdue.js';
import { raiseTicket } from './use-cases/raise-ticket.js';
import { takeStep } from './use-cases/take-step.js';

/**
 * The clocks through the real steps (issue 16), on the calendar the platform seeds (chinese-days):
 * tickets raised on a known day in the past run through the use cases with that day's instant, the
 * way server/test/history.ts records history. 2025 National Day: 10-01…10-08 off, Sunday 09-28 and
 * Saturday 10-11 worked (调休).
 */
describe('ticket clocks across a holiday with make-up working days', () => {
  let t: TestApp;
  let s: TestStreet;
  const channel = new LoggingChannel(() => {});
  let staff: Client;
  let kind: { stops: number; runs: number };
  const at = (iso: string) => new Date(iso);
  const ctx = async (key: string) => ({ db: t.db, actor: await actorOf(t.db, s.accounts[key]!.id), requestId: null, ip: null });
  const row = (id: number) => sdb(t.db).selectFrom('ticket').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await createTestApp({ outbound: channel });
    await seedCalendarFromPackage(t.db);
    s = await makeStreet(t.db, 'Clk');
    staff = await login(t.app, s.accounts.staff1!.username);
    const c = s.communities[0]!.id;
    const base = {
      handlerType: 'propertyCompany',
      respond: { unit: 'hours', amount: 24 },
      finish: { unit: 'workdays', amount: 3 },
      dispatch: 'auto',
    };
    const a = await staff.post(`/api/communities/${c}/service-kinds`, { ...base, name: '报修', clockStops: ['waitingResident'] });
    const b = await staff.post(`/api/communities/${c}/service-kinds`, { ...base, name: '环境卫生', clockStops: [] });
    expect(a.statusCode, a.body).toBe(201);
    kind = { stops: a.json().kinds[0].id, runs: b.json().kinds[1].id };
  });
  afterAll(() => t.close());

  const raise = async (kindId: number, now: Date) =>
    (
      await raiseTicket(
        await ctx('staff1'),
        {
          kindId,
          title: '电梯停运',
          description: '来电',
          channel: 'phone',
          estateId: s.communities[0]!.estates[0]!.id,
          place: '1号楼电梯',
          callerName: '李女士',
        },
        now,
      )
    ).id;

  it('raised at 10:00 on 09-30: response within 24 hours (10:00 on the holiday 10-01), finish within 3 working days (24:00 on Saturday 10-11)', async () => {
    const id = await raise(kind.stops, at('2025-09-30T10:00:00+08:00'));
    const r = await row(id);
    expect(new Date(r.respond_due_at).toISOString()).toBe(at('2025-10-01T10:00:00+08:00').toISOString());
    expect(new Date(r.finish_due_at).toISOString()).toBe(at('2025-10-12T00:00:00+08:00').toISOString());
    // accepted one second late: the response is late; finished at 23:59:59 on the make-up Saturday: on time
    await takeStep(await ctx('company'), id, 'accept', {}, at('2025-10-01T10:00:01+08:00'));
    expect((await row(id)).responded_late).toBe(true);
    await sdb(t.db)
      .insertInto('service_photo')
      .values({ uploaded_by: s.accounts.company!.id, content_type: 'image/png', size: 1, sha256: 'x', content: Buffer.from('x') })
      .execute();
    const photo = await sdb(t.db).selectFrom('service_photo').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    await takeStep(await ctx('company'), id, 'finish', { reason: '已修复', photoIds: [photo.id] }, at('2025-10-11T23:59:59+08:00'));
    expect(await row(id)).toMatchObject({ state: 'finished', finished_late: false });
  });

  it('waiting for the resident stops the clock where the list says so: 09-30 → 10-10 gives back two working days', async () => {
    const id = await raise(kind.stops, at('2025-09-29T09:00:00+08:00'));
    // 3 working days from Monday 09-29: 09-30, 10-09, 10-10 → 24:00 on 10-10
    expect(new Date((await row(id)).finish_due_at).toISOString()).toBe(at('2025-10-11T00:00:00+08:00').toISOString());
    const company = await ctx('company');
    await takeStep(company, id, 'accept', {}, at('2025-09-29T10:00:00+08:00'));
    await takeStep(company, id, 'pause', { reason: '业主出差，无法入户', waitState: 'waitingResident' }, at('2025-09-30T10:00:00+08:00'));
    expect((await row(id)).paused_since).not.toBeNull();
    // while the clock stands, the ticket is not overdue and does not escalate
    expect((await escalateOverdue(t.db, at('2025-10-14T09:00:00+08:00'), channel)).escalated).toBe(0);
    await takeStep(company, id, 'resume', {}, at('2025-10-10T09:00:00+08:00'));
    const r = await row(id);
    expect(r.paused_workdays).toBe(2);
    // two working days more: 10-11 (调休) and 10-13 → 24:00 on 10-13
    expect(new Date(r.finish_due_at).toISOString()).toBe(at('2025-10-14T00:00:00+08:00').toISOString());
  });

  it('a kind whose list does not stop the clock keeps it running while waiting, and the ticket escalates grid → community → street by working days', async () => {
    const id = await raise(kind.runs, at('2025-09-29T09:00:00+08:00'));
    const company = await ctx('company');
    await takeStep(company, id, 'accept', {}, at('2025-09-29T10:00:00+08:00'));
    await takeStep(company, id, 'pause', { reason: '等待业主', waitState: 'waitingResident' }, at('2025-09-30T10:00:00+08:00'));
    expect((await row(id)).paused_since).toBeNull();
    // due 24:00 on 10-10; at 23:59 not yet
    expect((await escalateOverdue(t.db, at('2025-10-10T23:59:00+08:00'), channel)).escalated).toBe(0);
    // the limit ran out on Friday 10-10; Saturday 10-11 is a working day (调休), so by 08:00 on it one working day
    // is gone: grid and community at once, each told
    expect((await escalateOverdue(t.db, at('2025-10-11T08:00:00+08:00'), channel)).escalated).toBe(1);
    expect((await row(id)).escalation_level).toBe(2);
    // Sunday 10-12 is a rest day: still community; Monday 10-13 is the second working day → street
    expect((await escalateOverdue(t.db, at('2025-10-12T12:00:00+08:00'), channel)).escalated).toBe(0);
    expect((await escalateOverdue(t.db, at('2025-10-13T09:00:00+08:00'), channel)).escalated).toBe(1);
    expect((await row(id)).escalation_level).toBe(3);
    // idempotent: a week later only the ticket of the previous test (due 24:00 on 10-13) climbs, this one stays
    expect((await escalateOverdue(t.db, at('2025-10-20T09:00:00+08:00'), channel)).escalated).toBe(1);
    expect((await row(id)).escalation_level).toBe(3);
    const titles = async (accountId: number) =>
      (
        await t.db
          .selectFrom('notification')
          .select('title')
          .where('account_id', '=', accountId)
          .where('link', '=', `/tickets/${id}`)
          .execute()
      ).map((n) => n.title);
    expect((await titles(s.accounts.grid!.id)).filter((x) => x === '诉求逾期，已升级至网格')).toHaveLength(1);
    expect((await titles(s.accounts.staff1!.id)).filter((x) => x === '诉求逾期，已升级至社区')).toHaveLength(1);
    expect((await titles(s.accounts.admin!.id)).filter((x) => x === '诉求逾期，已升级至街道')).toHaveLength(1);
    const events = await sdb(t.db)
      .selectFrom('ticket_event')
      .select('note')
      .where('ticket_id', '=', id)
      .where('action', '=', 'escalate')
      .execute();
    expect(events.map((e) => e.note)).toEqual(['已逾期，升级至网格督办', '已逾期，升级至社区督办', '已逾期，升级至街道督办']);
    // the overdue list shows it (the street's view)
    const admin = await login(t.app, s.accounts.admin!.username);
    const list = await admin.get('/api/tickets?status=overdue&pageSize=100');
    expect(list.json().items.map((i: { id: number }) => i.id)).toContain(id);
  });
});
