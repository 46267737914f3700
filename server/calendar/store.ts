import { createRequire } from 'node:module';
import { sql } from 'kysely';
import { WorkCalendar, type DayKind } from '../../core/workdays.js';
import type { Db } from '../db/connect.js';

/**
 * The calendar lives in the database (seeded from the `chinese-days` package, corrected and
 * extended by the district admin, issue 13). Each process keeps a built WorkCalendar and rebuilds it when the
 * database's calendar version moves, so an edit on one instance reaches all of them.
 */

const VERSION_KEY = 'calendar_version';

interface PackageData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** "National Day,国庆节,3" → "国庆节" */
const chineseName = (v: string) => v.split(',')[1] ?? v;

/**
 * Adds every year the package knows and the database does not have yet. Years already present
 * (entered or corrected by an admin, or seeded before) are left exactly as they are.
 */
export async function seedCalendarFromPackage(db: Db): Promise<number[]> {
  const require = createRequire(import.meta.url);
  const data = require('chinese-days/dist/chinese-days.json') as PackageData;
  const byYear = new Map<number, { date: string; kind: DayKind; name: string }[]>();
  const add = (date: string, kind: DayKind, name: string) => {
    const y = Number(date.slice(0, 4));
    let list = byYear.get(y);
    if (!list) byYear.set(y, (list = []));
    list.push({ date, kind, name });
  };
  for (const [date, v] of Object.entries(data.holidays)) add(date, 'holiday', chineseName(v));
  for (const [date, v] of Object.entries(data.workdays)) add(date, 'makeUpWorkday', chineseName(v));
  const added: number[] = [];
  await db.transaction().execute(async (trx) => {
    // Several instances starting together on one empty database (issue 20: one crashed on
    // calendar_year_pkey): one seeds, the others wait here and then find the years present.
    await sql`select pg_advisory_xact_lock(hashtext('gongzhi.calendar.seed'))`.execute(trx);
    const present = new Set((await trx.selectFrom('calendar_year').select('year').execute()).map((r) => r.year));
    for (const [year, days] of [...byYear.entries()].sort((a, b) => a[0] - b[0])) {
      if (present.has(year) || year < 2000 || year > 2100) continue;
      await trx.insertInto('calendar_year').values({ year, complete: true, source: 'package' }).execute();
      await trx
        .insertInto('calendar_day')
        .values(days.map((d) => ({ ...d, source: 'package' as const })))
        .onConflict((oc) => oc.column('date').doNothing())
        .execute();
      added.push(year);
    }
    if (added.length) await bumpCalendarVersion(trx);
  });
  return added;
}

export async function bumpCalendarVersion(db: Db): Promise<void> {
  await sql`insert into app_setting (key, value) values (${VERSION_KEY}, '1'::jsonb)
            on conflict (key) do update set value = to_jsonb((app_setting.value #>> '{}')::bigint + 1)`.execute(db);
}

const cache = new WeakMap<Db, { version: string; calendar: WorkCalendar }>();

/** The current calendar: one small query to check the version, a rebuild only when it changed. */
export async function loadCalendar(db: Db): Promise<WorkCalendar> {
  const row = await db.selectFrom('app_setting').select('value').where('key', '=', VERSION_KEY).executeTakeFirst();
  const version = JSON.stringify(row?.value ?? 0);
  const cached = cache.get(db);
  if (cached && cached.version === version) return cached.calendar;
  const [years, days] = await Promise.all([
    db.selectFrom('calendar_year').select(['year', 'complete']).execute(),
    db.selectFrom('calendar_day').select(['date', 'kind', 'name']).execute(),
  ]);
  const calendar = new WorkCalendar({ completeYears: years.filter((y) => y.complete).map((y) => y.year), entries: days });
  cache.set(db, { version, calendar });
  return calendar;
}
