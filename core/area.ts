/**
 * Exclusive areas (专有部分面积) are exact decimals with two places. They are stored and computed as
 * integer hundredths of a square metre ("centi"), never as floating point (rules.md, counting
 * conventions; R2, R3). A threshold compares shares by cross-multiplication on these integers.
 *
 * `parseArea` is the ONE reading of an area typed by a person: the unit form (web), the API
 * (`areaInput`), the Excel import and the tally file all use it, so what one accepts the others do.
 */

export type AreaParseResult = { ok: true; centi: number } | { ok: false; message: string };

/** The largest area of one exclusive part: 999999.99 ㎡ (and well inside the database's integer). */
export const MAX_AREA_CENTI = 99_999_999;

const AREA_PATTERN = /^(\d+)(?:\.(\d{1,2}))?$/;
/** After NFKC, ㎡ and m² read "m2"; one unit word may follow the number. */
const UNIT_SUFFIX = /\s*(?:m2|平方米|平米|平方)$/i;

/**
 * Parses an area into hundredths: "89.37", "89.3", "89", the JSON number 89.37, and the same with
 * full-width digits and dot ("８９．３７"), spaces, and a unit ("89.37㎡", "89.37 平方米", "89.37m²").
 * More than 0, at most two decimals, at most 999999.99 ㎡.
 */
export function parseArea(input: string | number): AreaParseResult {
  const text = typeof input === 'number' ? numberToPlainString(input) : normaliseAreaText(input);
  if (text.startsWith('-')) return { ok: false, message: '面积不能为负数' };
  const m = AREA_PATTERN.exec(text);
  if (!m) {
    if (/^\d+\.\d{3,}$/.test(text)) return { ok: false, message: '面积最多保留两位小数' };
    return { ok: false, message: '面积格式不正确，应为数字，最多两位小数，如 89.37' };
  }
  const whole = m[1]!.replace(/^0+(?=\d)/, '');
  if (whole.length > String(Math.trunc(MAX_AREA_CENTI / 100)).length) return tooLarge();
  const centi = Number(whole) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (centi <= 0) return { ok: false, message: '面积必须大于 0' };
  if (centi > MAX_AREA_CENTI) return tooLarge();
  return { ok: true, centi };
}

const tooLarge = (): AreaParseResult => ({ ok: false, message: `面积超出范围（最大 ${formatArea(MAX_AREA_CENTI)} ㎡），请核对` });

/** Full-width forms folded (NFKC: "８９．３７" → "89.37", "㎡" → "m2", ideographic space → space), one unit word dropped. */
function normaliseAreaText(input: string): string {
  return input.normalize('NFKC').trim().replace(UNIT_SUFFIX, '').trim();
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
