/**
 * Exclusive areas (专有部分面积) are exact decimals with two places. They are stored and computed as
 * integer hundredths of a square metre ("centi"), never as floating point (rules.md, counting
 * conventions; R2, R3). A threshold compares shares by cross-multiplication on these integers.
 */

export type AreaParseResult = { ok: true; centi: number } | { ok: false; message: string };

const AREA_PATTERN = /^(\d{1,9})(?:\.(\d{1,2}))?$/;

/** Parses "89.37", "89.3", "89" (or the number 89.37 as typed in JSON) into hundredths. */
export function parseArea(input: string | number): AreaParseResult {
  const text = typeof input === 'number' ? numberToPlainString(input) : input.trim();
  if (text.startsWith('-')) return { ok: false, message: '面积不能为负数' };
  const m = AREA_PATTERN.exec(text);
  if (!m) {
    if (/^\d+\.\d{3,}$/.test(text)) return { ok: false, message: '面积最多保留两位小数' };
    return { ok: false, message: '面积格式不正确，应为数字，最多两位小数，如 89.37' };
  }
  const whole = Number(m[1]);
  const frac = Number((m[2] ?? '').padEnd(2, '0'));
  const centi = whole * 100 + frac;
  if (centi <= 0) return { ok: false, message: '面积必须大于 0' };
  return { ok: true, centi };
}

/** Formats hundredths as a two-decimal string: 8937 → "89.37". */
export function formatArea(centi: number): string {
  const sign = centi < 0 ? '-' : '';
  const abs = Math.abs(centi);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function numberToPlainString(n: number): string {
  if (!Number.isFinite(n)) return 'NaN';
  // JSON numbers such as 89.37 print back exactly as typed; 1e21 and the like are rejected by the pattern.
  return String(n);
}
