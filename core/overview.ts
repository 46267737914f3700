/**
 * The street's and the district's overview (issue 18 §2): the figures a dashboard shows, as data.
 * Each figure is a count over the rows of one list ("of" rows, "value" of them meeting the figure),
 * so the number on a card, the bars of its chart, the table under it and the list a user opens from
 * it are one computation and cannot drift. The server fills the rows; this file says what each
 * figure means, which rule it stands for, and which way is good.
 */

export const FIGURE_CODES = [
  'coverage',
  'forming',
  'overdue',
  'composition',
  'partyBuilding',
  'gridStaffing',
  'oneHoldsAll',
  'board',
  'ticketsOnTime',
  'ticketSatisfaction',
  'evaluation',
  'training',
  'votes',
] as const;
export type FigureCode = (typeof FIGURE_CODES)[number];

export interface FigureInfo {
  label: string;
  /** the rule (rules.md) the figure stands for, or null */
  rule: string | null;
  /** how value and of read in a sentence: "{value}/{of} 个小区已成立物管会" */
  valueLabel: string;
  ofLabel: string;
  /** a rate (value/of in percent) or a count of problems (value alone, lower is better) */
  kind: 'rate' | 'problems' | 'count';
  /** what one row of the list is */
  rowLabel: string;
  /** the page where the full list lives (the dashboard links there) */
  page: string;
}

export const FIGURE_INFO: Record<FigureCode, FigureInfo> = {
  coverage: {
    label: '物管会组建覆盖率',
    rule: 'R42',
    valueLabel: '已成立物管会',
    ofLabel: '需组建物管会的小区',
    kind: 'rate',
    rowLabel: '小区',
    page: '/governance',
  },
  forming: {
    label: '组建中的小区',
    rule: 'R26',
    valueLabel: '组建中',
    ofLabel: '组建案件',
    kind: 'count',
    rowLabel: '组建案件',
    page: '/governance',
  },
  overdue: {
    label: '逾期事项',
    rule: 'R30、R33、R42',
    valueLabel: '逾期事项',
    ofLabel: '逾期事项',
    kind: 'problems',
    rowLabel: '事项',
    page: '/governance',
  },
  composition: {
    label: '构成不合规的物管会',
    rule: 'R22–R25',
    valueLabel: '构成不合规',
    ofLabel: '运行中的物管会',
    kind: 'problems',
    rowLabel: '物管会',
    page: '/committees',
  },
  partyBuilding: {
    label: '物业企业党组织覆盖',
    rule: 'R39',
    valueLabel: '已建党组织或派党建指导员',
    ofLabel: '服务本辖区的物业企业',
    kind: 'rate',
    rowLabel: '物业企业',
    page: '/companies',
  },
  gridStaffing: {
    label: '网格员配备',
    rule: 'R40',
    valueLabel: '已配备网格员',
    ofLabel: '网格',
    kind: 'rate',
    rowLabel: '网格',
    page: '/people',
  },
  oneHoldsAll: {
    label: '网格“一人兼”',
    rule: 'R40',
    valueLabel: '实现“一人兼”',
    ofLabel: '网格',
    kind: 'rate',
    rowLabel: '网格',
    page: '/people',
  },
  board: {
    label: '十公开完整率',
    rule: 'R38',
    valueLabel: '已公开事项',
    ofLabel: '应公开事项',
    kind: 'rate',
    rowLabel: '小区',
    page: '/disclosures',
  },
  ticketsOnTime: {
    label: '诉求按时办结率',
    rule: null,
    valueLabel: '按时办结',
    ofLabel: '已办结诉求',
    kind: 'rate',
    rowLabel: '诉求',
    page: '/tickets',
  },
  ticketSatisfaction: {
    label: '诉求满意率',
    rule: null,
    valueLabel: '满意及基本满意',
    ofLabel: '已评价诉求',
    kind: 'rate',
    rowLabel: '诉求',
    page: '/tickets',
  },
  evaluation: {
    label: '业主评议满意率',
    rule: 'R36',
    valueLabel: '满意及基本满意',
    ofLabel: '评议票（户）',
    kind: 'rate',
    rowLabel: '评议',
    page: '/committees',
  },
  training: {
    label: '年度培训覆盖率',
    rule: 'R41',
    valueLabel: '已参训',
    ofLabel: '应参训人员',
    kind: 'rate',
    rowLabel: '人员',
    page: '/committees',
  },
  votes: {
    label: '业主共同决定参与率',
    rule: 'R7',
    valueLabel: '参与表决（人）',
    ofLabel: '应参与（人）',
    kind: 'rate',
    rowLabel: '表决',
    page: '/decisions',
  },
};

/** One row of a figure's list: the node it counts under, and its share of value and of. */
export interface FigureRow {
  /** the child node of the view the row counts under (drill-down) */
  childId: number;
  id: number;
  name: string;
  /** where the row is: community / estate */
  place: string;
  /** this row's contribution: 1/1 for a yes-row, 0/1 for a no-row; heads for a vote */
  value: number;
  of: number;
  /** why it counts (or not), in Chinese */
  note: string;
  /** the page showing the row, when there is one */
  link: string | null;
}

export interface FigureTotals {
  value: number;
  of: number;
  /** value/of in percent with one decimal; null when of is 0 */
  rate: number | null;
}

/** value/of in percent, one decimal, exact halves rounded up in integers (no float drift). */
export function rateOf(value: number, of: number): number | null {
  if (of <= 0) return null;
  return Math.round((value * 1000) / of) / 10;
}

export function totalsOf(rows: readonly Pick<FigureRow, 'value' | 'of'>[]): FigureTotals {
  let value = 0;
  let of = 0;
  for (const r of rows) {
    value += r.value;
    of += r.of;
  }
  return { value, of, rate: rateOf(value, of) };
}

/** The chart and table of a figure: its totals per child node, in the children's order. */
export function byChild(rows: readonly FigureRow[], children: readonly { id: number; name: string }[]) {
  const groups = new Map<number, FigureRow[]>();
  for (const r of rows) groups.set(r.childId, [...(groups.get(r.childId) ?? []), r]);
  return children.map((c) => ({ id: c.id, name: c.name, ...totalsOf(groups.get(c.id) ?? []) }));
}
