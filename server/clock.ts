// Made once: building a formatter with a time zone costs ~40 µs, and every vote asks for today.
const CHINA_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * Browser tests walk a formation or a vote over weeks of legal periods in minutes: they restart the
 * server with its calendar day moved on (GONGZHI_TEST_DAYS_AHEAD), as the days would pass. Users
 * cannot back-date a notice to skip a period (issue 13), so only the clock itself may move — and only
 * in a test run (NODE_ENV=test); a server that is not under test always uses the real day.
 */
export const TEST_DAYS_AHEAD = process.env.NODE_ENV === 'test' ? Math.trunc(Number(process.env.GONGZHI_TEST_DAYS_AHEAD ?? 0)) || 0 : 0;

/**
 * Today's date where the users live (Asia/Shanghai). Deadlines are days, not instants: a notice
 * posted at 23:30 Beijing time is posted that Beijing day, whatever the server's own time zone.
 */
export function todayInChina(now: Date = new Date()): string {
  return CHINA_DAY.format(TEST_DAYS_AHEAD ? new Date(now.getTime() + TEST_DAYS_AHEAD * 86_400_000) : now);
}

const CHINA_MINUTE = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** An instant as Beijing wall time, "2026-12-04 17:30": for texts users read (a ticket's deadline on an agenda). */
export function formatChinaMinute(at: Date | string): string {
  return CHINA_MINUTE.format(new Date(at));
}
