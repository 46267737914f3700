import { withArabicOrdinals } from '../../../core/ordering';

const collator = new Intl.Collator('zh-CN', { numeric: true });

/** Natural order for Chinese names: 2号楼 before 10号楼, 第二网格 before 第十网格. */
export function compareNames(a: string, b: string): number {
  return collator.compare(withArabicOrdinals(a), withArabicOrdinals(b)) || collator.compare(a, b);
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
