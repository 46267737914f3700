import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCount, makeStreet, type TestStreet } from '../test/factories.js';
import { createTestApp, login, type Client, type TestApp } from '../test/harness.js';
import { todayInChina } from '../clock.js';
import { loadCalendar, seedCalendarFromPackage } from './store.js';

describe('working-day calendar API', () => {
  let t: TestApp;
  let s: TestStreet;
  /** the district admin (区级管理员): the calendar is the national schedule, kept by the district (issue 13) */
  let admin: Client;
  beforeAll(async () => {
    t = await createTestApp();
    expect(await seedCalendarFromPackage(t.db)).toEqual(expect.arrayContaining([2025, 2026]));
    s = await makeStreet(t.db, 'Cal');
    admin = await login(t.app, s.accounts.districtAdmin!.username);
  });
  afterAll(() => t.close());

  const add = (from: string, days: number | string) => t.app.inject(`/api/calendar/workdays/add?from=${from}&days=${days}`);

  it('seeding twice adds nothing and keeps admin corrections', async () => {
    expect(await seedCalendarFromPackage(t.db)).toEqual([]);
  });

  it('2025 National Day: 5 working days from 2025-09-26 end on 2025-10-10 (R27)', async () => {
    const res = await add('2025-09-26', 5);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ date: '2025-10-10', calendarComplete: true });
    expect((await add('2025-09-26', 6)).json().date).toBe('2025-10-11'); // Saturday make-up working day
    expect((await add('2025-09-27', 1)).json().date).toBe('2025-09-28'); // Sunday make-up working day
  });

  it('the month view shows holidays and make-up days', async () => {
    const res = await t.app.inject('/api/calendar/month?year=2025&month=10');
    const days = res.json().days as { date: string; isWorkday: boolean; kind: string | null; name: string | null }[];
    expect(days).toHaveLength(31);
    expect(days.find((d) => d.date === '2025-10-01')).toMatchObject({ isWorkday: false, kind: 'holiday', name: '国庆节' });
    expect(days.find((d) => d.date === '2025-10-11')).toMatchObject({ isWorkday: true, kind: 'makeUpWorkday' });
    expect(res.json().yearComplete).toBe(true);
  });

  it('a period reaching into 2027 is flagged until the year is entered; the district admin is named in the reminder', async () => {
    const r = await add('2026-12-30', 5);
    expect(r.json()).toEqual({ date: '2027-01-06', calendarComplete: false });
    const years = (await t.app.inject('/api/calendar/years')).json();
    // the reminder names next year (and this one, once the package's data runs out)
    const nextYear = Number(todayInChina().slice(0, 4)) + 1;
    expect(years.reminder).toMatch(new RegExp(`${nextYear}年度节假日安排尚未录入`));
    expect(years.reminder).toMatch(/区级管理员/);
    expect(years.reminder).not.toMatch(/街道管理员/);
    expect(years.years.find((y: { year: number }) => y.year === nextYear)).toMatchObject({ complete: false, holidays: 0 });
    expect(years.years.find((y: { year: number }) => y.year === 2025)).toMatchObject({ complete: true, source: 'package' });
    const month = (await t.app.inject('/api/calendar/month?year=2027&month=1')).json();
    expect(month.warning).toMatch(/2027年度节假日安排尚未录入/);
  });

  it('the district admin enters 2027: days, then the year; periods change and the flag clears', async () => {
    const before = await auditCount(t.db);
    for (const date of ['2027-01-01', '2027-01-02', '2027-01-03']) {
      expect((await admin.post('/api/calendar/days', { date, kind: 'holiday', name: '元旦' })).json()).toEqual({ changed: true });
    }
    // the same meaning again is a no-op
    expect((await admin.post('/api/calendar/days', { date: '2027-01-01', kind: 'holiday', name: '元旦' })).json()).toEqual({
      changed: false,
    });
    expect((await add('2026-12-30', 5)).json()).toEqual({ date: '2027-01-07', calendarComplete: false });
    expect((await admin.put('/api/calendar/years/2027', { complete: true })).statusCode).toBe(200);
    expect((await add('2026-12-30', 5)).json()).toEqual({ date: '2027-01-07', calendarComplete: true });
    expect(await auditCount(t.db)).toBe(before + 4);
  });

  it('a day entered twice with different meanings is refused, nothing changed', async () => {
    const before = await auditCount(t.db);
    const res = await admin.post('/api/calendar/days', { date: '2027-01-02', kind: 'makeUpWorkday', name: '元旦' });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('2027年1月2日已登记为法定节假日（元旦），与本次登记的调休上班日冲突；如需更正，请先删除原登记');
    const weekday = await admin.post('/api/calendar/days', { date: '2027-01-05', kind: 'makeUpWorkday' });
    expect(weekday.statusCode).toBe(400);
    expect(weekday.json().message).toMatch(/是工作日（周一至周五），无需登记为调休上班日/);
    expect(await auditCount(t.db)).toBe(before);
  });

  it('removing a day restores the Monday–Friday rule; unknown day is 404', async () => {
    expect((await admin.delete('/api/calendar/days/2027-01-01')).statusCode).toBe(200);
    expect((await add('2026-12-31', 1)).json().date).toBe('2027-01-01');
    expect((await admin.delete('/api/calendar/days/2027-01-01')).statusCode).toBe(404);
  });

  it('marking a year with no holidays entered is refused', async () => {
    const res = await admin.put('/api/calendar/years/2030', { complete: true });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/2030年尚未登记任何法定节假日/);
  });

  it('bad input: 0 or negative days, impossible dates, years out of range', async () => {
    for (const [from, days, pattern] of [
      ['2025-10-01', 0, /至少 1 天/],
      ['2025-10-01', -5, /至少 1 天/],
      ['2025-10-01', 'abc', /正整数/],
      ['2025-02-30', 5, /日期无效/],
      ['2025/10/01', 5, /from/],
      ['1999-12-31', 5, /超出日历范围/],
    ] as const) {
      const res = await add(from, days);
      expect(res.statusCode, `${from} ${days}`).toBe(400);
      expect(res.json().message).toMatch(pattern);
    }
    const between = await t.app.inject('/api/calendar/workdays/between?from=2025-10-10&to=2025-10-01');
    expect(between.statusCode).toBe(400);
    expect(between.json().message).toMatch(/不能早于/);
  });

  it('issue 13: a street admin cannot change a day that moves the deadlines of every street; the district admin can; both read', async () => {
    const street = await login(t.app, s.accounts.admin!.username);
    const before = await auditCount(t.db);
    for (const [method, url, body] of [
      ['post', '/api/calendar/days', { date: '2027-05-03', kind: 'holiday', name: '劳动节' }],
      ['put', '/api/calendar/years/2027', { complete: false }],
      ['delete', '/api/calendar/days/2027-01-02', undefined],
    ] as const) {
      const res = await (method === 'delete' ? street.delete(url) : street[method](url, body));
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().message).toMatch(/维护工作日历/);
      expect(res.json().message).toMatch(/区级管理员/);
    }
    expect(await auditCount(t.db)).toBe(before);
    expect((await add('2027-04-30', 1)).json().date).toBe('2027-05-03'); // still a working day
    // both read the month
    for (const c of [street, admin]) {
      const month = await c.get('/api/calendar/month?year=2027&month=1');
      expect(month.statusCode).toBe(200);
      expect(month.json().days.find((d: { date: string }) => d.date === '2027-01-02')).toMatchObject({ kind: 'holiday' });
    }
    // the district admin can
    expect((await admin.post('/api/calendar/days', { date: '2027-05-03', kind: 'holiday', name: '劳动节' })).json()).toEqual({
      changed: true,
    });
    expect((await add('2027-04-30', 1)).json().date).toBe('2027-05-04');
    const entry = await t.db
      .selectFrom('audit_entry')
      .select(['action', 'node_id'])
      .where('action', '=', 'calendar.setDay')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.node_id).toBe(s.district); // recorded at the district, where the calendar is kept
  });

  it('no one below the district maintains the calendar', async () => {
    for (const key of ['admin', 'party', 'staff1', 'grid', 'owner', 'district']) {
      const c = await login(t.app, s.accounts[key]!.username);
      expect((await c.post('/api/calendar/days', { date: '2027-05-01', kind: 'holiday', name: '劳动节' })).statusCode, key).toBe(403);
    }
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/calendar/days', payload: { date: '2027-05-01', kind: 'holiday' } })).statusCode,
    ).toBe(401);
  });

  it('another instance sees a change at once (the calendar version lives in the database)', async () => {
    const before = await loadCalendar(t.db);
    expect(before.isWorkday('2027-06-14')).toBe(true);
    await admin.post('/api/calendar/days', { date: '2027-06-14', kind: 'holiday', name: '端午节' });
    expect((await loadCalendar(t.db)).isWorkday('2027-06-14')).toBe(false);
  });
});
