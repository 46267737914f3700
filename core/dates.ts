/** Calendar dates travel as 'YYYY-MM-DD' strings everywhere (both database drivers are normalised to it). */

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The years a date may name: a title held since 1950 is real, the year 0000 is not (PostgreSQL has
 * no year 0, and JavaScript reads years below 100 as 19xx).
 */
export const DATE_YEARS = { min: 1900, max: 2100 } as const;

/** True for a real calendar date within DATE_YEARS: 2024-02-29 yes, 2025-02-29, 2025-02-30 and 0000-01-01 no. */
export function isValidDate(text: string): boolean {
  const m = DATE_PATTERN.exec(text);
  if (!m) return false;
  const y = Number(m[1]);
  if (y < DATE_YEARS.min || y > DATE_YEARS.max) return false;
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Formats a date string as the Chinese official style: 2025-10-13 → 2025年10月13日. */
export function formatDateZh(date: string): string {
  const m = DATE_PATTERN.exec(date);
  if (!m) return date;
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}

/** Adds calendar days (not working days: see core/workdays.ts) to a 'YYYY-MM-DD' date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
