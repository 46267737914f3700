/**
 * Natural order of the names people give to buildings, entrances, rooms and grids: "2号楼" before
 * "10号楼", "1单元-201" before "1单元-1101", "第二网格" before "第十网格". One rule for the server's
 * lists, the web's sorters and the frozen roll of a decision (core/decisions.ts rollOrder).
 */

const isDigit = (c: number) => c >= 48 && c <= 57;

/** The text with every run of digits padded to 8 places, so that "2-1-101" sorts before "10-1-101". */
export function naturalKey(s: string): string {
  let out = '';
  for (let i = 0; i < s.length;) {
    let j = i;
    const digits = isDigit(s.charCodeAt(i));
    while (j < s.length && isDigit(s.charCodeAt(j)) === digits) j++;
    out += digits ? s.slice(i, j).padStart(8, '0') : s.slice(i, j);
    i = j;
  }
  return out;
}

/** Compares by UTF-16 code units, as `<` does: the same order as PostgreSQL's `collate "C"`. */
export const byCodeUnits = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** Natural order by naturalKey, then the text itself (so that "01号楼" and "1号楼" keep one order). */
export function compareNatural(a: string, b: string): number {
  return byCodeUnits(naturalKey(a), naturalKey(b)) || byCodeUnits(a, b);
}

const CHINESE_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 → 1, 十二 → 12, 二十 → 20, 九十九 → 99; null for anything else. */
export function chineseNumber(text: string): number | null {
  if (!/^[零〇一二两三四五六七八九十]+$/.test(text)) return null;
  const ten = text.indexOf('十');
  if (ten === -1) return text.length === 1 ? (CHINESE_DIGIT[text] ?? null) : null;
  if (text.indexOf('十', ten + 1) !== -1) return null;
  const tens = ten === 0 ? 1 : ten === 1 ? (CHINESE_DIGIT[text[0]!] ?? null) : null;
  const rest = text.slice(ten + 1);
  const ones = rest === '' ? 0 : rest.length === 1 ? (CHINESE_DIGIT[rest] ?? null) : null;
  return tens === null || ones === null ? null : tens * 10 + ones;
}

/** "第十二网格" reads as "第12网格": ordinals written in Chinese numerals compare by value. */
export function withArabicOrdinals(name: string): string {
  return name.replace(/第([零〇一二两三四五六七八九十]+)/g, (m, n: string) => {
    const v = chineseNumber(n);
    return v === null ? m : `第${v}`;
  });
}
