import { describe, expect, it } from 'vitest';
import { creditGrade, gradeOf, ratioScore, YANTAI_CREDIT_SETTINGS } from './credit.js';
import {
  addMonths,
  DEFAULT_DISCLOSURE_SETTINGS,
  freshness,
  incomeTotals,
  periodEnd,
  quarterOf,
  quarterRange,
  remindOn,
} from './disclosures.js';
import { WorkCalendar } from './workdays.js';

const cal = new WorkCalendar({
  entries: [
    { date: '2026-10-01', kind: 'holiday', name: '国庆节' },
    { date: '2026-10-02', kind: 'holiday', name: '国庆节' },
    { date: '2026-10-05', kind: 'holiday', name: '国庆节' },
    { date: '2026-10-06', kind: 'holiday', name: '国庆节' },
    { date: '2026-10-07', kind: 'holiday', name: '国庆节' },
    { date: '2026-10-10', kind: 'makeUpWorkday', name: '国庆节调休' },
  ],
  completeYears: [2026],
});

describe('十公开 freshness (R38)', () => {
  it('a yearly item is current up to and including the same day a year later, stale the day after', () => {
    const spec = DEFAULT_DISCLOSURE_SETTINGS.renewal.serviceStandard;
    expect(freshness(spec, '2025-12-04', '2026-12-04', cal)).toMatchObject({ status: 'current', dueOn: '2026-12-04' });
    expect(freshness(spec, '2025-12-04', '2026-12-05', cal).status).toBe('stale');
    expect(freshness(spec, null, '2026-12-05', cal)).toMatchObject({ status: 'missing', dueOn: null });
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
  });

  it('公共收益支出 is due the 10th working day after its quarter ends (holidays skipped); a year without data is flagged', () => {
    const spec = DEFAULT_DISCLOSURE_SETTINGS.renewal.publicIncome;
    // Q3 2026 ends 09-30; working days after: 10-08, 09, 10 (调休), 12, 13, 14, 15, 16, 19, 20
    expect(freshness(spec, '2026-07-20', '2026-10-20', cal)).toMatchObject({
      status: 'current',
      dueOn: '2026-10-20',
      calendarComplete: true,
    });
    expect(freshness(spec, '2026-07-20', '2026-10-21', cal).status).toBe('stale');
    expect(freshness(spec, '2026-11-02', '2026-12-05', cal)).toMatchObject({ status: 'current', calendarComplete: false });
    expect(periodEnd('2026-11-02', 3)).toBe('2026-12-31');
    expect(quarterOf('2026-11-02')).toBe('2026Q4');
    expect(quarterRange('2026Q1')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(quarterRange('2026Q5')).toBeNull();
  });

  it('kept in step items are current whenever the registry holds them', () => {
    expect(freshness({ kind: 'inStep' }, '2010-01-01', '2026-12-05', cal).status).toBe('current');
  });

  it('the reminder goes out N working days before the due day', () => {
    // back over the National Day holidays to the 2nd working day before
    expect(remindOn('2026-10-09', 2, cal)).toBe('2026-09-30');
    expect(remindOn('2026-10-12', 3, cal)).toBe('2026-10-08');
  });

  it('totals are exact integers of fen', () => {
    const rows = [
      { kind: 'income' as const, date: '2026-07-01', title: 'a', amountFen: 10 },
      { kind: 'income' as const, date: '2026-07-01', title: 'b', amountFen: 20 },
      { kind: 'expense' as const, date: '2026-07-01', title: 'c', amountFen: 31 },
    ];
    expect(incomeTotals(rows)).toEqual({ incomeFen: 30, expenseFen: 31, balanceFen: -1 });
    expect(() => incomeTotals([{ ...rows[0]!, amountFen: 1.5 }])).toThrow();
  });
});

describe('credit inputs (R39)', () => {
  it('Yantai bands at their edges', () => {
    const b = YANTAI_CREDIT_SETTINGS.bands;
    expect([85, 84.9, 80, 79.9, 70, 69.9, 60, 59.9, 0].map((x) => gradeOf(x, b))).toEqual([
      'AAA',
      'AA',
      'AA',
      'A',
      'A',
      'B',
      'B',
      'C',
      'C',
    ]);
  });
  it('an input without data is left out and the others carry its weight; each input explained', () => {
    const g = creditGrade(
      [
        { input: 'partyOrg', score: 100, explanation: '已建立党组织' },
        { input: 'disclosure', score: 50, explanation: '一半' },
        { input: 'tickets', score: null, explanation: '无工单' },
      ],
      YANTAI_CREDIT_SETTINGS,
    );
    // (100·20 + 50·25) / 45 = 72.2
    expect(g.score).toBe(72.2);
    expect(g.grade).toBe('A');
    expect(g.inputs.find((i) => i.input === 'tickets')).toMatchObject({ points: null });
    expect(g.inputs.find((i) => i.input === 'partyOrg')!.points).toBe(44.4);
    expect(ratioScore(1, 10, { num: 1, den: 5 })).toBe(50);
    expect(ratioScore(3, 10, { num: 1, den: 5 })).toBe(100);
    expect(ratioScore(0, 0)).toBeNull();
  });
});
