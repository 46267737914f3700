const collator = new Intl.Collator('zh-CN', { numeric: true });

const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 → 1, 十二 → 12, 二十 → 20, 九十九 → 99; null for anything else. */
function chineseNumber(text: string): number | null {
  if (!/^[零〇一二两三四五六七八九十]+$/.test(text)) return null;
  const ten = text.indexOf('十');
  if (ten === -1) return text.length === 1 ? (DIGIT[text] ?? null) : null;
  if (text.indexOf('十', ten + 1) !== -1) return null;
  const tens = ten === 0 ? 1 : text.length > 0 && ten === 1 ? (DIGIT[text[0]!] ?? null) : null;
  const rest = text.slice(ten + 1);
  const ones = rest === '' ? 0 : rest.length === 1 ? (DIGIT[rest] ?? null) : null;
  return tens === null || ones === null ? null : tens * 10 + ones;
}

/** "第十二网格" sorts as "第12网格": ordinals written in Chinese numerals compare by value. */
function sortKey(name: string): string {
  return name.replace(/第([零〇一二两三四五六七八九十]+)/g, (m, n: string) => {
    const v = chineseNumber(n);
    return v === null ? m : `第${v}`;
  });
}

/** Natural order for Chinese names: 2号楼 before 10号楼, 第二网格 before 第十网格. */
export function compareNames(a: string, b: string): number {
  return collator.compare(sortKey(a), sortKey(b)) || collator.compare(a, b);
}

const timeFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** An ISO instant as Beijing time, `YYYY-MM-DD HH:mm:ss`. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = Object.fromEntries(timeFormat.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** "89.37" → "89.37 ㎡"; the server already sends two decimals. */
export function formatArea(area: string): string {
  return `${formatThousands(area)} ㎡`;
}

/** Groups the integer part of a decimal string: "123456.78" → "123,456.78". */
export function formatThousands(value: string | number): string {
  const [whole = '', frac] = String(value).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac !== undefined ? `${grouped}.${frac}` : grouped;
}

const dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today in Beijing time, `YYYY-MM-DD` (the server counts every period in China's calendar). */
/** Days the server's calendar day is ahead of this browser's (0 unless the browser's clock is off). */
let serverDaysAhead = 0;

/**
 * Takes the server's day (from the session) as today: deadlines are the server's, and a browser whose
 * clock is wrong — or a test server whose calendar has moved on — must not disable the right dates.
 */
export function setServerToday(serverToday: string) {
  serverDaysAhead = Math.round((Date.parse(serverToday) - Date.parse(dateFormat.format(new Date()))) / 86_400_000) || 0;
}

/** Today in China, as the server counts it once the session is loaded. */
export function todayInChina(): string {
  const now = new Date();
  return dateFormat.format(serverDaysAhead ? new Date(now.getTime() + serverDaysAhead * 86_400_000) : now);
}

/** A file size for people: 830 KB, 2.4 MB (at least 1 KB, so a tiny file never shows as 0). */
export function formatFileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
