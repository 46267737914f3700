import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCalendarFromPackage } from '../calendar/store.js';
import { LoggingChannel } from '../notifications/channel.js';
import { makeStreet, type TestStreet } from '../test/factories.js';
import { publishedOn } from '../test/history.js';
import { createTestApp, login, type Client, type TestApp } from '../test/harness.js';
import { closeEndedPeriods } from './close-periods.js';
import { remindDeadlines } from './remind-deadlines.js';
import { remindCalendarYear, remindEndingPeriods } from './remind-periods.js';

describe('deadline jobs and notifications', () => {
  let t: TestApp;
  let s: TestStreet;
  let staff: Client;
  let admin: Client;
  const channel = new LoggingChannel(() => {});
  beforeAll(async () => {
    t = await createTestApp();
    await seedCalendarFromPackage(t.db);
    s = await makeStreet(t.db, 'Job');
    staff = await login(t.app, s.accounts.staff1!.username);
    admin = await login(t.app, s.accounts.admin!.username);
  });
  afterAll(() => t.close());

  async function publishedNotice(publishDate: string) {
    const d = await staff.post('/api/notices', {
      nodeId: s.communities[0]!.estates[0]!.id,
      kind: 'memberList',
      title: `名单公示 ${publishDate}`,
      body: '名单如下',
      periodUnit: 'workdays',
      periodDays: 5,
      acceptsObjections: true,
    });
    await publishedOn(t.db, s.accounts.staff1!.id, d.json().id, publishDate);
    return d.json().id as number;
  }

  it('closes a publicity period the day after it ends, once, and tells its author', async () => {
    const id = await publishedNotice('2025-09-26'); // ends 2025-10-10
    expect(await closeEndedPeriods(t.db, '2025-10-10', channel)).toBe(0); // last day of publicity
    expect(await closeEndedPeriods(t.db, '2025-10-11', channel)).toBe(1);
    expect(await closeEndedPeriods(t.db, '2025-10-12', channel)).toBe(0); // never twice
    const bell = (await staff.get('/api/notifications')).json();
    expect(bell.unread).toBeGreaterThanOrEqual(1);
    expect(bell.items[0]).toMatchObject({ title: `公示期届满：名单公示 2025-09-26`, read: false, link: `/notices/${id}` });
    expect(bell.items[0].body).toContain('2025年10月10日届满');
    expect(channel.sent.at(-1)).toMatchObject({ accountId: s.accounts.staff1!.id, title: '公示期届满：名单公示 2025-09-26' });
    expect((await t.db.selectFrom('audit_entry').select('action').where('action', '=', 'notice.closePeriod').execute()).length).toBe(1);
  });

  it('reminds the street admins 1 working day before an objection is due, then marks it overdue (R30)', async () => {
    const id = await publishedNotice('2025-09-26');
    await staff.post(`/api/notices/${id}/objections`, { content: '异议', objectorName: '业主甲', receivedOn: '2025-09-30' }); // due 2025-10-14
    expect(await remindDeadlines(t.db, '2025-10-10', channel)).toEqual({ reminded: 0, overdue: 0 }); // 10-11, 10-13, 10-14 still ahead
    expect(await remindDeadlines(t.db, '2025-10-13', channel)).toEqual({ reminded: 1, overdue: 0 });
    expect(await remindDeadlines(t.db, '2025-10-14', channel)).toEqual({ reminded: 0, overdue: 0 });
    expect(await remindDeadlines(t.db, '2025-10-15', channel)).toEqual({ reminded: 0, overdue: 1 });
    expect(await remindDeadlines(t.db, '2025-10-16', channel)).toEqual({ reminded: 0, overdue: 0 });
    const bell = (await admin.get('/api/notifications')).json();
    expect(bell.items.map((n: { title: string }) => n.title)).toEqual(['异议核查已逾期', '异议核查即将到期']);
    expect(bell.items[0].link).toBe(`/notices/${id}`);
    // only the street's admins: community staff get none of these
    const staffBell = (await staff.get('/api/notifications')).json();
    expect(staffBell.items.some((n: { title: string }) => n.title.startsWith('异议核查'))).toBe(false);
  });

  it('tells the poster one working day before a publicity period ends, once', async () => {
    const id = await publishedNotice('2025-09-26'); // ends 2025-10-10 (Fri)
    expect(await remindEndingPeriods(t.db, '2025-10-08', channel)).toBe(0); // holiday; 10-09 and 10-10 still ahead
    // this one and the two earlier notices of this file that end the same day
    expect(await remindEndingPeriods(t.db, '2025-10-09', channel)).toBe(3);
    expect(await remindEndingPeriods(t.db, '2025-10-10', channel)).toBe(0);
    const bell = (await staff.get('/api/notifications')).json();
    expect(
      bell.items.find((n: { link: string; title: string }) => n.link === `/notices/${id}` && n.title.startsWith('公示期即将届满')),
    ).toBeDefined();
  });

  it('reminds street admins from November to enter next year’s schedule, once a year', async () => {
    expect(await remindCalendarYear(t.db, '2026-10-31', channel)).toBe(false); // too early
    expect(await remindCalendarYear(t.db, '2026-11-02', channel)).toBe(true); // 2027 not entered
    expect(await remindCalendarYear(t.db, '2026-11-03', channel)).toBe(false); // once
    expect(await remindCalendarYear(t.db, '2025-11-03', channel)).toBe(false); // 2026 is entered
    const bell = (await admin.get('/api/notifications')).json();
    expect(bell.items.some((n: { title: string; link: string }) => n.title === '请录入2027年节假日安排' && n.link === '/calendar')).toBe(
      true,
    );
  });

  it('an owner who objected online hears the verification result', async () => {
    const id = await publishedNotice('2025-09-26');
    const owner = await login(t.app, s.accounts.owner!.username);
    // the period is over: file within one that is open
    const open = await staff.post('/api/notices', {
      nodeId: s.communities[0]!.estates[0]!.id,
      kind: 'memberList',
      title: '当前名单公示',
      body: '名单',
      periodUnit: 'workdays',
      periodDays: 5,
      acceptsObjections: true,
    });
    await staff.post(`/api/notices/${open.json().id}/publish`, {});
    const filed = await owner.post(`/api/notices/${open.json().id}/objections`, { content: '有异议' });
    await admin.post(`/api/objections/${filed.json().objections[0].id}/verify`, {
      outcome: 'rejected',
      finding: '经核查，不存在所述情况。',
    });
    const bell = (await owner.get('/api/notifications')).json();
    expect(bell.items[0]).toMatchObject({ title: '异议核查结果：异议不成立', link: `/notices/${open.json().id}` });
    expect(id).toBeGreaterThan(0);
  });

  it('the bell: mark one read, mark all read; nobody reads or marks another’s', async () => {
    const mine = (await admin.get('/api/notifications')).json();
    const first = mine.items[0].id;
    expect((await staff.post(`/api/notifications/${first}/read`)).statusCode).toBe(404);
    expect((await admin.post(`/api/notifications/${first}/read`)).statusCode).toBe(200);
    expect((await admin.get('/api/notifications')).json().unread).toBe(mine.unread - 1);
    await admin.post('/api/notifications/read-all');
    expect((await admin.get('/api/notifications')).json().unread).toBe(0);
    expect((await t.app.inject('/api/notifications')).statusCode).toBe(401);
  });
});
