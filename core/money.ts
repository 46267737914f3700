/**
 * Sums of money (欠费金额, 公共收益收支) are exact: integer fen (分), never floating point. `parseYuan`
 * is the one reading of an amount typed by a person, in yuan with at most two decimals.
 */

export type MoneyParseResult = { ok: true; fen: number } | { ok: false; message: string };

/** The largest amount one field holds: 21,474,836.47 元 (the database's integer of fen). */
export const MAX_FEN = 2_147_483_647;

const YUAN_PATTERN = /^(\d+)(?:\.(\d{1,2}))?$/;

/**
 * "1234.5", "1,234.50", "１２３４.５", "1234.5元" and the JSON number 1234.5 → 123450 fen. More than 0
 * unless `allowZero`; at most two decimals; at most MAX_FEN.
 */
export function parseYuan(input: string | number, { allowZero = false } = {}): MoneyParseResult {
  const text =
    typeof input === 'number'
      ? Number.isFinite(input)
        ? String(input)
        : 'NaN'
      : input
          .normalize('NFKC')
          .trim()
          .replace(/\s*(?:元|人民币)$/, '')
          .replace(/^[¥￥]\s*/, '')
          .replace(/,(?=\d{3}(?:\D|$))/g, '')
          .trim();
  if (text.startsWith('-')) return { ok: false, message: '金额不能为负数' };
  const m = YUAN_PATTERN.exec(text);
  if (!m) {
    if (/^\d+\.\d{3,}$/.test(text)) return { ok: false, message: '金额最多保留两位小数（分）' };
    return { ok: false, message: '金额格式不正确，应为数字，最多两位小数，如 1234.50' };
  }
  const whole = m[1]!.replace(/^0+(?=\d)/, '');
  if (whole.length > 8) return tooLarge();
  const fen = Number(whole) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (fen > MAX_FEN) return tooLarge();
  if (fen === 0 && !allowZero) return { ok: false, message: '金额必须大于 0' };
  return { ok: true, fen };
}

const tooLarge = (): MoneyParseResult => ({ ok: false, message: `金额超出范围（最大 ${formatYuan(MAX_FEN)} 元），请核对` });

/** 123450 → "1234.50" */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
