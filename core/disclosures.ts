/**
 * 物业监督台 "十公开" (R38, seed item 9): the ten items every estate publishes, in the seed's order,
 * who is responsible for each, where its content comes from, and when it is current, stale or
 * missing. Pure rules: the server feeds dates and the working-day calendar.
 */
import { addDays } from './dates.js';
import type { WorkCalendar } from './workdays.js';

export const DISCLOSURE_ITEMS = [
  'serviceStandard',
  'serviceContent',
  'feeStandard',
  'contract',
  'publicIncome',
  'paidServices',
  'supervisionPhone',
  'committeeMembers',
  'serviceStaff',
  'partyPledges',
] as const;
export type DisclosureItem = (typeof DISCLOSURE_ITEMS)[number];

/** Who keeps an item current (and answers owners' questions on it). */
export type ResponsibleParty = 'company' | 'committee';
/**
 * entered: typed by the responsible party; table: 公共收益支出 rows; registry: read from what the
 * platform already keeps (contract, roster, staff list); registryOrEntered: from the registry when
 * it holds something (党员承诺 from co-building), else entered.
 */
export type ItemSource = 'entered' | 'table' | 'registry' | 'registryOrEntered';

export const DISCLOSURE_ITEM_INFO: Record<DisclosureItem, { label: string; responsible: ResponsibleParty; source: ItemSource }> = {
  serviceStandard: { label: '服务标准', responsible: 'company', source: 'entered' },
  serviceContent: { label: '服务内容', responsible: 'company', source: 'entered' },
  feeStandard: { label: '收费标准', responsible: 'company', source: 'entered' },
  contract: { label: '物业合同', responsible: 'company', source: 'registry' },
  publicIncome: { label: '公共收益支出', responsible: 'company', source: 'table' },
  paidServices: { label: '有偿服务内容', responsible: 'company', source: 'entered' },
  supervisionPhone: { label: '物业监督电话', responsible: 'company', source: 'entered' },
  committeeMembers: { label: '业委会（物管会）成员', responsible: 'committee', source: 'registry' },
  serviceStaff: { label: '物业服务人员', responsible: 'company', source: 'registry' },
  partyPledges: { label: '小区党员承诺', responsible: 'committee', source: 'registryOrEntered' },
};

export const RESPONSIBLE_LABEL: Record<ResponsibleParty, string> = { company: '物业服务企业', committee: '业委会（物管会）' };

export const isDisclosureItem = (x: string): x is DisclosureItem => (DISCLOSURE_ITEMS as readonly string[]).includes(x);

/**
 * How often an item must be renewed. `calendar`: the content must be renewed after each period
 * (quarter, year) ends, within `graceWorkdays` working days; `rolling`: within `months` of the last
 * update; `inStep`: kept in step with the registry, current whenever the registry holds it.
 */
export type RenewalSpec =
  { kind: 'calendar'; months: 3 | 6 | 12; graceWorkdays: number } | { kind: 'rolling'; months: number } | { kind: 'inStep' };

export interface DisclosureSettings {
  renewal: Record<DisclosureItem, RenewalSpec>;
  /** the responsible party is reminded this many working days before an item goes stale */
  remindWorkdaysBefore: number;
  /** an owner's question is answered within this many working days of the day it was asked */
  answerWorkdays: number;
}

const yearly: RenewalSpec = { kind: 'rolling', months: 12 };
export const DEFAULT_DISCLOSURE_SETTINGS: DisclosureSettings = {
  renewal: {
    serviceStandard: yearly,
    serviceContent: yearly,
    feeStandard: yearly,
    contract: { kind: 'inStep' },
    publicIncome: { kind: 'calendar', months: 3, graceWorkdays: 10 },
    paidServices: yearly,
    supervisionPhone: yearly,
    committeeMembers: { kind: 'inStep' },
    serviceStaff: { kind: 'inStep' },
    partyPledges: yearly,
  },
  remindWorkdaysBefore: 5,
  answerWorkdays: 5,
};

export function renewalLabel(r: RenewalSpec): string {
  if (r.kind === 'inStep') return '随登记信息自动更新';
  if (r.kind === 'rolling') return r.months === 12 ? '变更时更新，至少每年一次' : `变更时更新，至少每${r.months}个月一次`;
  const period = r.months === 3 ? '季度' : r.months === 6 ? '半年' : '年度';
  return `每${period}结束后${r.graceWorkdays}个工作日内更新`;
}

export type DisclosureStatus = 'current' | 'stale' | 'missing';
export const STATUS_LABEL: Record<DisclosureStatus, string> = { current: '已更新', stale: '待更新', missing: '未公开' };

/** `date` plus `months` calendar months, clamped to the month's last day (2026-01-31 + 1 → 2026-02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The last day of the calendar period (of `months` months, aligned to the year) that contains `date`. */
export function periodEnd(date: string, months: number): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const endMonth = Math.ceil(m / months) * months;
  const last = new Date(Date.UTC(y, endMonth, 0)).getUTCDate();
  return `${y}-${String(endMonth).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

export interface Freshness {
  status: DisclosureStatus;
  /** the last day the current content counts as current; null when missing or kept in step */
  dueOn: string | null;
  /** false when dueOn was counted through a year without holiday data (flagged, not guessed) */
  calendarComplete: boolean;
}

/**
 * An item's state on `today`: missing without content; current up to and including its due day;
 * stale after it. A `calendar` item updated on U is due by the `graceWorkdays`-th working day after
 * the end of U's period (a quarter's accounts are published within the grace after the quarter).
 */
export function freshness(spec: RenewalSpec, updatedOn: string | null, today: string, calendar: WorkCalendar): Freshness {
  if (!updatedOn) return { status: 'missing', dueOn: null, calendarComplete: true };
  if (spec.kind === 'inStep') return { status: 'current', dueOn: null, calendarComplete: true };
  let dueOn: string;
  let calendarComplete = true;
  if (spec.kind === 'rolling') dueOn = addMonths(updatedOn, spec.months);
  else {
    const end = periodEnd(updatedOn, spec.months);
    if (spec.graceWorkdays > 0) {
      const r = calendar.addWorkdays(end, spec.graceWorkdays);
      dueOn = r.date;
      calendarComplete = r.calendarComplete;
    } else dueOn = end;
  }
  return { status: today > dueOn ? 'stale' : 'current', dueOn, calendarComplete };
}

/** The day a reminder goes out before `dueOn`: `before` working days earlier (counted back). */
export function remindOn(dueOn: string, before: number, calendar: WorkCalendar): string {
  let d = dueOn;
  let left = before;
  while (left > 0) {
    d = addDays(d, -1);
    if (calendar.isWorkday(d)) left--;
  }
  return d;
}

// ── 公共收益支出 ────────────────────────────────────────────────────────────────────────────────

export type IncomeKind = 'income' | 'expense';
export const INCOME_KIND_LABEL: Record<IncomeKind, string> = { income: '收入', expense: '支出' };
export interface IncomeRow {
  kind: IncomeKind;
  /** YYYY-MM-DD */
  date: string;
  title: string;
  amountFen: number;
  note?: string | null;
}

/** Exact totals in fen (integers only; the database keeps fen too). */
export function incomeTotals(rows: readonly IncomeRow[]): { incomeFen: number; expenseFen: number; balanceFen: number } {
  let incomeFen = 0;
  let expenseFen = 0;
  for (const r of rows) {
    if (!Number.isSafeInteger(r.amountFen) || r.amountFen < 0) throw new RangeError('金额必须是非负整数（分）');
    if (r.kind === 'income') incomeFen += r.amountFen;
    else expenseFen += r.amountFen;
  }
  return { incomeFen, expenseFen, balanceFen: incomeFen - expenseFen };
}

/** "2026Q3" for a date; the default period of a 公共收益支出 statement is a quarter. */
export function quarterOf(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return `${y}Q${Math.ceil(m / 3)}`;
}

export function quarterRange(q: string): { from: string; to: string } | null {
  const m = /^(\d{4})Q([1-4])$/.exec(q);
  if (!m) return null;
  const y = Number(m[1]);
  const n = Number(m[2]);
  const from = `${y}-${String(n * 3 - 2).padStart(2, '0')}-01`;
  return { from, to: periodEnd(from, 3) };
}

export const quarterLabel = (q: string) => q.replace(/^(\d{4})Q(\d)$/, '$1年第$2季度');
