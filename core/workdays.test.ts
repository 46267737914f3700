import { describe, expect, it } from 'vitest';
import { WorkCalendar, dayIndex, missingYearsWarning } from './workdays.js';

// The 2025 schedule around National Day and the turn of the year (国务院办公厅 2024年11月 通知).
const cal = new WorkCalendar({
  completeYears: [2025, 2026],
  entries: [
    { date: '2025-09-28', kind: 'makeUpWorkday', name: '国庆节' },
    { date: '2025-10-11', kind: 'makeUpWorkday', name: '国庆节' },
    ...['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08'].map((date) => ({
      date,
      kind: 'holiday' as const,
      name: '国庆节、中秋节',
    })),
    { date: '2026-01-01', kind: 'holiday', name: '元旦' },
    { date: '2026-01-02', kind: 'holiday', name: '元旦' },
    { date: '2026-01-03', kind: 'holiday', name: '元旦' },
    { date: '2026-01-04', kind: 'makeUpWorkday', name: '元旦' },
  ],
});

describe('working days (rules.md §6; R27, R29, R30 periods)', () => {
  it('knows weekends, holidays and make-up working days', () => {
    expect(cal.isWorkday('2025-09-26')).toBe(true); // Friday
    expect(cal.isWorkday('2025-09-27')).toBe(false); // Saturday
    expect(cal.isWorkday('2025-09-28')).toBe(true); // Sunday, 调休上班
    expect(cal.isWorkday('2025-10-01')).toBe(false);
    expect(cal.isWorkday('2025-10-08')).toBe(false); // Wednesday, holiday
    expect(cal.isWorkday('2025-10-09')).toBe(true);
    expect(cal.isWorkday('2025-10-11')).toBe(true); // Saturday, 调休上班
    expect(cal.isWorkday('2025-10-12')).toBe(false);
    expect(cal.entry('2025-10-11')).toEqual({ kind: 'makeUpWorkday', name: '国庆节' });
  });

  it('5 working days of publicity posted on 2025-09-26 (R27): the posting day is not counted, the holiday is skipped', () => {
    // 09-28 (Sun, make-up), 09-29, 09-30, then 10-09, 10-10
    expect(cal.addWorkdays('2025-09-26', 5)).toEqual({ date: '2025-10-10', calendarComplete: true, missingYears: [] });
    expect(cal.addWorkdays('2025-09-26', 6)).toMatchObject({ date: '2025-10-11' }); // the Saturday make-up day counts
    expect(cal.addWorkdays('2025-09-26', 7)).toMatchObject({ date: '2025-10-13' });
    expect(cal.addWorkdays('2025-09-30', 1)).toMatchObject({ date: '2025-10-09' });
  });

  it('posting on a rest day counts from the next working day', () => {
    expect(cal.addWorkdays('2025-10-03', 1)).toMatchObject({ date: '2025-10-09' });
    expect(cal.addWorkdays('2025-10-04', 5)).toMatchObject({ date: '2025-10-14' });
  });

  it('crosses the year boundary with the new year’s holidays', () => {
    // 2025-12-31 (Wed) → 2026-01-01..03 holiday, 01-04 Sunday make-up day
    expect(cal.addWorkdays('2025-12-31', 1)).toEqual({ date: '2026-01-04', calendarComplete: true, missingYears: [] });
    expect(cal.addWorkdays('2025-12-30', 2)).toMatchObject({ date: '2026-01-04' });
    expect(cal.addWorkdays('2025-12-31', 2)).toMatchObject({ date: '2026-01-05' });
  });

  it('flags a period reaching into a year with no schedule (2027) and computes it Monday–Friday', () => {
    const r = cal.addWorkdays('2026-12-30', 5);
    // 12-31 (Thu), then 2027-01-01 (Fri, counted Mon–Fri), 01-04, 01-05, 01-06
    expect(r).toEqual({ date: '2027-01-06', calendarComplete: false, missingYears: [2027] });
    expect(missingYearsWarning(r.missingYears)).toMatch(/^2027年度节假日安排尚未录入/);
    expect(cal.addWorkdays('2026-12-28', 3).calendarComplete).toBe(true);
  });

  it('counts working days between two dates, excluding the first', () => {
    expect(cal.workdaysBetween('2025-09-26', '2025-10-10').days).toBe(5);
    expect(cal.workdaysBetween('2025-10-01', '2025-10-08').days).toBe(0);
    expect(cal.workdaysBetween('2025-10-10', '2025-10-10').days).toBe(0);
    expect(() => cal.workdaysBetween('2025-10-10', '2025-10-09')).toThrow(/不能早于/);
  });

  it('calendar-day periods ending on a rest day run to the next working day (民法典 第203条)', () => {
    expect(cal.addCalendarDays('2025-09-23', 10)).toEqual({ date: '2025-10-09', calendarComplete: true, missingYears: [], extended: true });
    expect(cal.addCalendarDays('2025-09-25', 3)).toMatchObject({ date: '2025-09-28', extended: false }); // make-up Sunday is a working day
    expect(cal.addCalendarDays('2025-09-01', 15)).toMatchObject({ date: '2025-09-16', extended: false });
  });

  it('rejects zero, negative and fractional lengths and impossible dates', () => {
    expect(() => cal.addWorkdays('2025-10-01', 0)).toThrow(/正整数/);
    expect(() => cal.addWorkdays('2025-10-01', -3)).toThrow(/正整数/);
    expect(() => cal.addWorkdays('2025-10-01', 1.5)).toThrow(/正整数/);
    expect(() => cal.addWorkdays('2025-02-30', 5)).toThrow(/日期无效/);
    expect(Number.isNaN(dayIndex('2025-02-29'))).toBe(true);
    expect(Number.isNaN(dayIndex('2024-02-29'))).toBe(false);
  });
});
