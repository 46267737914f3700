/**
 * 社区目标考核 for the committees' work (seed item 10, issue 18 §3): the street scores each community
 * on the overview's own figures. What is scored and how much it weighs is the street's setting —
 * the seed names no items — so the defaults below are a starting point the street edits, and each
 * score says how it was reached.
 */
import { rateOf, type FigureCode, FIGURE_INFO } from './overview.js';

/** How a figure turns into a share of an item's weight. */
export type AssessmentMode =
  /** value/of: the share of estates covered, items published, people trained… */
  | 'rate'
  /** (of − value)/of: the share without the problem (committees whose composition holds) */
  | 'inverse';

export interface AssessmentItem {
  figure: FigureCode;
  mode: AssessmentMode;
  /** points, integer; the weights of a street's items add up to 100 */
  weight: number;
}

export interface AssessmentSettings {
  items: AssessmentItem[];
  /** points taken off per overdue item (R30, R33, R42), up to `overdueCap` */
  overdueDeduction: number;
  overdueCap: number;
}

export const DEFAULT_ASSESSMENT: AssessmentSettings = {
  items: [
    { figure: 'coverage', mode: 'rate', weight: 25 },
    { figure: 'composition', mode: 'inverse', weight: 15 },
    { figure: 'board', mode: 'rate', weight: 20 },
    { figure: 'ticketsOnTime', mode: 'rate', weight: 10 },
    { figure: 'ticketSatisfaction', mode: 'rate', weight: 10 },
    { figure: 'evaluation', mode: 'rate', weight: 10 },
    { figure: 'training', mode: 'rate', weight: 10 },
  ],
  overdueDeduction: 2,
  overdueCap: 10,
};

/** Why settings cannot be saved, in Chinese, or null. */
export function assessmentSettingsProblem(s: AssessmentSettings): string | null {
  if (s.items.length === 0) return '至少设置一项考核内容';
  const seen = new Set<string>();
  for (const i of s.items) {
    if (seen.has(i.figure)) return `考核内容“${FIGURE_INFO[i.figure].label}”重复`;
    seen.add(i.figure);
    if (!Number.isInteger(i.weight) || i.weight <= 0) return `“${FIGURE_INFO[i.figure].label}”的分值应为正整数`;
  }
  const total = s.items.reduce((n, i) => n + i.weight, 0);
  if (total !== 100) return `各项分值合计应为100分，现为${total}分`;
  if (s.overdueCap < 0 || s.overdueDeduction < 0) return '逾期扣分不能为负数';
  return null;
}

/** n / d for non-negative integers, rounded half up, in integer arithmetic (no float drift at .5). */
const divideHalfUp = (n: number, d: number) => Math.floor((n * 2 + d) / (2 * d));

export interface ItemScore {
  figure: FigureCode;
  label: string;
  rule: string | null;
  weight: number;
  value: number;
  of: number;
  /** points earned in hundredths of a point (integer), null when the figure has no data */
  pointsCenti: number | null;
  explanation: string;
}

/**
 * A community's score: each item earns weight × share (in hundredths of a point, rounded half up,
 * integer arithmetic); an item without data (nothing to count) is left out and the others are
 * scaled up to 100, so a community is not marked down for what it does not have; overdue items
 * are deducted after.
 */
export function scoreCommunity(
  s: AssessmentSettings,
  figures: Record<FigureCode, { value: number; of: number }>,
): { items: ItemScore[]; deductionCenti: number; totalCenti: number; explanation: string } {
  const items: ItemScore[] = s.items.map((i) => {
    const f = figures[i.figure];
    const info = FIGURE_INFO[i.figure];
    const good = i.mode === 'rate' ? f.value : f.of - f.value;
    const item = { figure: i.figure, label: info.label, rule: info.rule, weight: i.weight, value: f.value, of: f.of };
    if (f.of === 0) return { ...item, pointsCenti: null, explanation: '无可统计的数据，不计入' };
    const pointsCenti = divideHalfUp(good * i.weight * 100, f.of);
    const share =
      i.mode === 'rate' ? `${info.valueLabel}${f.value}/${f.of}` : `${f.of}中${f.value}项${info.valueLabel}，合格${good}/${f.of}`;
    return {
      ...item,
      pointsCenti,
      explanation: `${share}（${rateOf(good, f.of)}%）× ${i.weight}分 = ${(pointsCenti / 100).toFixed(2)}分`,
    };
  });
  const counted = items.filter((i) => i.pointsCenti !== null);
  const weight = counted.reduce((n, i) => n + i.weight, 0);
  const earned = counted.reduce((n, i) => n + i.pointsCenti!, 0);
  // scaled to 100 when items were left out: earned × 100 / weight, rounded half up
  const scaled = weight === 0 ? 0 : divideHalfUp(earned * 100, weight);
  const overdue = figures.overdue?.value ?? 0;
  const deductionCenti = Math.min(overdue * s.overdueDeduction, s.overdueCap) * 100;
  const totalCenti = Math.max(0, scaled - deductionCenti);
  const parts = [
    weight === 100 || weight === 0
      ? `各项合计${(earned / 100).toFixed(2)}分`
      : `计入各项满分${weight}分，得${(earned / 100).toFixed(2)}分，折算为百分制${(scaled / 100).toFixed(2)}分`,
    deductionCenti ? `逾期事项${overdue}项，扣${deductionCenti / 100}分` : '无逾期事项',
  ];
  return { items, deductionCenti, totalCenti, explanation: `${parts.join('；')}，得分${(totalCenti / 100).toFixed(2)}分` };
}
