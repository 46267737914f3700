/**
 * Working days (工作日, rules.md §6). A working day is a Monday–Friday that is not a statutory
 * holiday, or a weekend day declared a make-up working day (调休上班). The calendar is data: the
 * State Council's yearly schedule, entered per year. A period reaching into a year whose schedule
 * has not been entered is computed Monday–Friday and flagged, never silently guessed.
 *
 * Counting (民法典 第201条): "N working days from D" does not count D itself; the period ends at the
 * end of the N-th working day after D. Calendar-day periods that end on a rest day run to the next
 * working day (民法典 第203条).
 *
 * Every day is an index (days since 1970-01-01); the working days of the whole span are numbered
 * once, so "the N-th working day after D" is one array lookup rather than a walk over the days.
 */

export type DayKind = 'holiday' | 'makeUpWorkday';

export interface CalendarEntry {
  date: string;
  kind: DayKind;
  name: string | null;
}

export interface CalendarInput {
  /** Years whose schedule has been entered in full. */
  completeYears: Iterable<number>;
  entries: Iterable<CalendarEntry>;
}

export interface PeriodEnd {
  date: string;
  /** false when the period touches a year whose holiday schedule is not entered yet */
  calendarComplete: boolean;
  /** the years lacking a schedule that the period touches */
  missingYears: number[];
}

const DAY_MS = 86_400_000;
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;
const FIRST_DAY = Date.UTC(FIRST_YEAR, 0, 1) / DAY_MS;
const LAST_DAY = Date.UTC(LAST_YEAR, 11, 31) / DAY_MS;
const SPAN = LAST_DAY - FIRST_DAY + 1;

export class CalendarRangeError extends Error {}

/** 'YYYY-MM-DD' → day index, or NaN. Validates the date (2025-02-30 is NaN). */
export function dayIndex(date: string): number {
  if (date.length !== 10 || date[4] !== '-' || date[7] !== '-') return NaN;
  const y = +date.slice(0, 4);
  const m = +date.slice(5, 7);
  const d = +date.slice(8, 10);
  if (!(y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= 31)) return NaN;
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (back.getUTCDate() !== d || back.getUTCMonth() !== m - 1) return NaN;
  return t / DAY_MS;
}

export function dateOf(index: number): string {
  return new Date(index * DAY_MS).toISOString().slice(0, 10);
}

const yearOfIndex = (index: number) => new Date(index * DAY_MS).getUTCFullYear();

export class WorkCalendar {
  /** 1 = working day, per day of the span */
  private readonly work = new Uint8Array(SPAN);
  /** number of working days in [FIRST_DAY, day] */
  private readonly cumulative = new Int32Array(SPAN);
  /** day offsets of the working days, in order */
  private readonly workdays: Int32Array;
  private readonly complete = new Set<number>();
  private readonly names = new Map<number, { kind: DayKind; name: string | null }>();

  constructor(input: CalendarInput) {
    for (const y of input.completeYears) this.complete.add(y);
    for (let i = 0; i < SPAN; i++) {
      const weekday = (FIRST_DAY + i + 4) % 7; // 1970-01-01 was a Thursday (4); 0 = Sunday
      this.work[i] = weekday === 0 || weekday === 6 ? 0 : 1;
    }
    for (const e of input.entries) {
      const idx = dayIndex(e.date);
      if (Number.isNaN(idx) || idx < FIRST_DAY || idx > LAST_DAY) continue;
      this.work[idx - FIRST_DAY] = e.kind === 'makeUpWorkday' ? 1 : 0;
      this.names.set(idx, { kind: e.kind, name: e.name });
    }
    let count = 0;
    for (let i = 0; i < SPAN; i++) {
      count += this.work[i]!;
      this.cumulative[i] = count;
    }
    this.workdays = new Int32Array(count);
    for (let i = 0, k = 0; i < SPAN; i++) if (this.work[i]) this.workdays[k++] = i;
  }

  isYearComplete(year: number): boolean {
    return this.complete.has(year);
  }

  isWorkday(date: string): boolean {
    return this.work[this.offset(date)] === 1;
  }

  /** The entered meaning of a day, if any (holiday or make-up working day) and its name. */
  entry(date: string): { kind: DayKind; name: string | null } | undefined {
    return this.names.get(this.offset(date) + FIRST_DAY);
  }

  /** End of "N working days from D" (D not counted): the N-th working day after D. */
  addWorkdays(from: string, days: number): PeriodEnd {
    if (!Number.isInteger(days) || days < 1) throw new RangeError('工作日天数必须是正整数');
    const start = this.offset(from);
    const k = this.cumulative[start]! + days - 1;
    if (k >= this.workdays.length) throw new CalendarRangeError(`期间超出日历范围（${LAST_YEAR}年）`);
    return this.period(start, this.workdays[k]!);
  }

  /** Working days in (from, to]: the day `from` is not counted, `to` is. */
  workdaysBetween(from: string, to: string): { days: number; calendarComplete: boolean; missingYears: number[] } {
    const a = this.offset(from);
    const b = this.offset(to);
    if (b < a) throw new RangeError('结束日期不能早于开始日期');
    const { calendarComplete, missingYears } = this.period(a, b);
    return { days: this.cumulative[b]! - this.cumulative[a]!, calendarComplete, missingYears };
  }

  /** End of an N calendar-day period from D (D not counted), moved to the next working day if it ends on a rest day (民法典 第203条). */
  addCalendarDays(from: string, days: number): PeriodEnd & { extended: boolean } {
    if (!Number.isInteger(days) || days < 1) throw new RangeError('天数必须是正整数');
    const start = this.offset(from);
    let end = start + days;
    if (end >= SPAN) throw new CalendarRangeError(`期间超出日历范围（${LAST_YEAR}年）`);
    const plain = end;
    while (end < SPAN && !this.work[end]) end++;
    if (end >= SPAN) throw new CalendarRangeError(`期间超出日历范围（${LAST_YEAR}年）`);
    return { ...this.period(start, end), extended: end !== plain };
  }

  private offset(date: string): number {
    const idx = dayIndex(date);
    if (Number.isNaN(idx)) throw new RangeError(`日期无效：${date}，应为 YYYY-MM-DD`);
    if (idx < FIRST_DAY || idx > LAST_DAY) throw new CalendarRangeError(`日期 ${date} 超出日历范围（${FIRST_YEAR}–${LAST_YEAR}年）`);
    return idx - FIRST_DAY;
  }

  private period(startOffset: number, endOffset: number): PeriodEnd {
    const y0 = yearOfIndex(startOffset + FIRST_DAY);
    const y1 = yearOfIndex(endOffset + FIRST_DAY);
    const missingYears: number[] = [];
    for (let y = y0; y <= y1; y++) if (!this.complete.has(y)) missingYears.push(y);
    return { date: dateOf(endOffset + FIRST_DAY), calendarComplete: missingYears.length === 0, missingYears };
  }
}

/** The flag text shown wherever a date computed without the year's schedule appears. */
export function missingYearsWarning(years: number[]): string | null {
  if (years.length === 0) return null;
  return `${years.join('、')}年度节假日安排尚未录入，该日期按周一至周五推算，录入后可能变化`;
}
