import { describe, expect, it } from 'vitest';
import { assessmentSettingsProblem, DEFAULT_ASSESSMENT, scoreCommunity, type AssessmentSettings } from './assessment.js';
import { FIGURE_CODES, type FigureCode } from './overview.js';

const none = () =>
  Object.fromEntries(FIGURE_CODES.map((c) => [c, { value: 0, of: 0 }])) as Record<FigureCode, { value: number; of: number }>;
const two: AssessmentSettings = {
  items: [
    { figure: 'coverage', mode: 'rate', weight: 60 },
    { figure: 'composition', mode: 'inverse', weight: 40 },
  ],
  overdueDeduction: 2,
  overdueCap: 5,
};

describe('社区目标考核 (seed item 10, issue 18 §3)', () => {
  it('an item earns weight × share in hundredths, rounded half up; inverse counts the share without the problem', () => {
    const f = { ...none(), coverage: { value: 1, of: 3 }, composition: { value: 1, of: 4 } };
    const s = scoreCommunity(two, f);
    // 60 × 1/3 = 20.00; 40 × 3/4 = 30.00
    expect(s.items.map((i) => i.pointsCenti)).toEqual([2000, 3000]);
    expect(s.totalCenti).toBe(5000);
    // 60 × 1/8 = 7.5 exactly → 750; 60 × 1/7 = 8.5714… → 857
    expect(scoreCommunity(two, { ...f, coverage: { value: 1, of: 8 } }).items[0]!.pointsCenti).toBe(750);
    expect(scoreCommunity(two, { ...f, coverage: { value: 1, of: 7 } }).items[0]!.pointsCenti).toBe(857);
    // 60 × 2/3 = 39.999… → 4000 (half up at the third decimal)
    expect(scoreCommunity(two, { ...f, coverage: { value: 2, of: 3 } }).items[0]!.pointsCenti).toBe(4000);
  });

  it('an item without data is left out and the rest scaled to 100; overdue items deducted up to the cap', () => {
    const s = scoreCommunity(two, { ...none(), coverage: { value: 1, of: 2 } });
    expect(s.items[1]!.pointsCenti).toBeNull();
    // 30 of 60 → 50.00 of 100
    expect(s.totalCenti).toBe(5000);
    expect(scoreCommunity(two, { ...none(), coverage: { value: 2, of: 2 }, overdue: { value: 2, of: 2 } }).totalCenti).toBe(9600);
    // 3 × 2 = 6 > cap 5
    expect(scoreCommunity(two, { ...none(), coverage: { value: 2, of: 2 }, overdue: { value: 3, of: 3 } }).totalCenti).toBe(9500);
    expect(scoreCommunity(two, { ...none(), coverage: { value: 0, of: 2 }, overdue: { value: 3, of: 3 } }).totalCenti).toBe(0);
  });

  it('settings: weights add up to exactly 100, no item twice', () => {
    expect(assessmentSettingsProblem(DEFAULT_ASSESSMENT)).toBeNull();
    expect(assessmentSettingsProblem(two)).toBeNull();
    expect(assessmentSettingsProblem({ ...two, items: [{ ...two.items[0]!, weight: 59 }, two.items[1]!] })).toBe(
      '各项分值合计应为100分，现为99分',
    );
    expect(assessmentSettingsProblem({ ...two, items: [two.items[0]!, { ...two.items[0]!, weight: 40 }] })).toContain('重复');
  });
});
