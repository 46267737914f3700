import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { missingYearsWarning, CalendarRangeError } from '../../core/workdays.js';
import type { Db } from '../db/connect.js';
import { badRequest } from '../http/errors.js';
import { actionContext } from '../http/request-context.js';
import { dateInput, okResponse } from '../http/schemas.js';
import { todayInChina } from '../clock.js';
import { loadCalendar } from './store.js';
import { removeCalendarDay } from './use-cases/remove-day.js';
import { setCalendarDay } from './use-cases/set-day.js';
import { setCalendarYear } from './use-cases/set-year.js';

const days = (label: string) =>
  z.coerce
    .number({ error: `${label}必须是正整数` })
    .int({ error: `${label}必须是正整数` })
    .min(1, { error: `${label}必须是正整数（至少 1 天）` })
    .max(3660, { error: `${label}不能超过 3660 天` });
const year = z.coerce
  .number({ error: '年份必须是整数' })
  .int({ error: '年份必须是整数' })
  .min(2000, { error: '年份须在 2000–2100 之间' })
  .max(2100, { error: '年份须在 2000–2100 之间' });

/** Core calendar errors (a date outside 2000–2100, an end before a start) are the caller's input. */
function asBadRequest<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof RangeError || err instanceof CalendarRangeError) throw badRequest(err.message);
    throw err;
  }
}

/** The working-day calendar (工作日历): public lookups, admin maintenance. */
export const calendarRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const tags = ['工作日历'];

  app.get(
    '/api/calendar/workdays/add',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '"自 D 日起 N 个工作日"的届满日（D 日不计入）',
        querystring: z.strictObject({ from: dateInput, days: days('工作日天数') }),
        response: { 200: z.object({ date: z.string(), calendarComplete: z.boolean() }) },
      },
    },
    async (req) => {
      const cal = await loadCalendar(db);
      const r = asBadRequest(() => cal.addWorkdays(req.query.from, req.query.days));
      return { date: r.date, calendarComplete: r.calendarComplete };
    },
  );

  app.get(
    '/api/calendar/workdays/between',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '两日之间的工作日数（起始日不计入，结束日计入）',
        querystring: z.strictObject({ from: dateInput, to: dateInput }),
        response: { 200: z.object({ days: z.number(), calendarComplete: z.boolean(), warning: z.string().nullable() }) },
      },
    },
    async (req) => {
      const cal = await loadCalendar(db);
      const r = asBadRequest(() => cal.workdaysBetween(req.query.from, req.query.to));
      return { days: r.days, calendarComplete: r.calendarComplete, warning: missingYearsWarning(r.missingYears) };
    },
  );

  app.get(
    '/api/calendar/days/add',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '"自 D 日起 N 日"的届满日；末日为休息日的顺延至其后第一个工作日（民法典第203条）',
        querystring: z.strictObject({ from: dateInput, days: days('天数') }),
        response: {
          200: z.object({ date: z.string(), calendarComplete: z.boolean(), extended: z.boolean(), warning: z.string().nullable() }),
        },
      },
    },
    async (req) => {
      const cal = await loadCalendar(db);
      const r = asBadRequest(() => cal.addCalendarDays(req.query.from, req.query.days));
      return { date: r.date, calendarComplete: r.calendarComplete, extended: r.extended, warning: missingYearsWarning(r.missingYears) };
    },
  );

  app.get(
    '/api/calendar/month',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '月历：节假日、调休上班日与工作日',
        querystring: z.strictObject({
          year,
          month: z.coerce
            .number({ error: '月份必须是 1–12 的整数' })
            .int()
            .min(1, { error: '月份必须是 1–12 的整数' })
            .max(12, { error: '月份必须是 1–12 的整数' }),
        }),
        response: {
          200: z.object({
            year: z.number(),
            month: z.number(),
            yearComplete: z.boolean(),
            warning: z.string().nullable(),
            days: z.array(
              z.object({
                date: z.string(),
                weekday: z.number(),
                isWorkday: z.boolean(),
                kind: z.enum(['holiday', 'makeUpWorkday']).nullable(),
                name: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const cal = await loadCalendar(db);
      const { year: y, month: m } = req.query;
      const count = new Date(Date.UTC(y, m, 0)).getUTCDate();
      const out = [];
      for (let d = 1; d <= count; d++) {
        const date = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const entry = cal.entry(date);
        out.push({
          date,
          weekday: new Date(`${date}T00:00:00Z`).getUTCDay(),
          isWorkday: cal.isWorkday(date),
          kind: entry?.kind ?? null,
          name: entry?.name ?? null,
        });
      }
      const complete = cal.isYearComplete(y);
      return { year: y, month: m, yearComplete: complete, warning: missingYearsWarning(complete ? [] : [y]), days: out };
    },
  );

  app.get(
    '/api/calendar/years',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '各年度节假日安排的录入情况；提醒录入下一年度',
        response: {
          200: z.object({
            years: z.array(
              z.object({ year: z.number(), complete: z.boolean(), source: z.string(), holidays: z.number(), makeUpWorkdays: z.number() }),
            ),
            reminder: z.string().nullable(),
          }),
        },
      },
    },
    async () => {
      const years = await db.selectFrom('calendar_year').select(['year', 'complete', 'source']).orderBy('year', 'desc').execute();
      const counts = await db.selectFrom('calendar_day').select(['date', 'kind']).execute();
      const tally = new Map<number, { holidays: number; makeUpWorkdays: number }>();
      for (const c of counts) {
        const y = Number(c.date.slice(0, 4));
        const t = tally.get(y) ?? { holidays: 0, makeUpWorkdays: 0 };
        if (c.kind === 'holiday') t.holidays++;
        else t.makeUpWorkdays++;
        tally.set(y, t);
      }
      const thisYear = Number(todayInChina().slice(0, 4));
      const complete = new Set(years.filter((y) => y.complete).map((y) => y.year));
      const missing = [thisYear, thisYear + 1].filter((y) => !complete.has(y));
      // Every year with a record, with entered days, or that the reminder names.
      const byYear = new Map(years.map((y) => [y.year, { year: y.year, complete: y.complete, source: y.source as string }]));
      for (const y of [...tally.keys(), thisYear, thisYear + 1])
        if (!byYear.has(y)) byYear.set(y, { year: y, complete: false, source: 'none' });
      return {
        years: [...byYear.values()]
          .sort((a, b) => b.year - a.year)
          .map((y) => ({ ...y, ...(tally.get(y.year) ?? { holidays: 0, makeUpWorkdays: 0 }) })),
        reminder: missing.length
          ? `${missing.join('、')}年度节假日安排尚未录入：国务院办公厅发布通知后，由区级管理员在"工作日历"中逐日登记并标记为已录入（全区各街道共用）`
          : null,
      };
    },
  );

  app.post(
    '/api/calendar/days',
    {
      config: { permission: 'calendar.manage' },
      schema: {
        tags,
        summary: '登记一天：法定节假日或调休上班日',
        body: z.strictObject({
          date: dateInput,
          kind: z.enum(['holiday', 'makeUpWorkday'], { error: '类型只能是 holiday（法定节假日）或 makeUpWorkday（调休上班日）' }),
          name: z.string({ error: '名称必须是文字' }).trim().max(20, { error: '名称不能超过 20 个字' }).nullish(),
        }),
        response: { 200: z.object({ changed: z.boolean() }) },
      },
    },
    async (req) => setCalendarDay(actionContext(db, req), { date: req.body.date, kind: req.body.kind, name: req.body.name ?? null }),
  );

  app.delete(
    '/api/calendar/days/:date',
    {
      config: { permission: 'calendar.manage' },
      schema: { tags, summary: '删除一天的登记', params: z.strictObject({ date: dateInput }), response: { 200: okResponse } },
    },
    async (req) => {
      await removeCalendarDay(actionContext(db, req), req.params.date);
      return { ok: true as const };
    },
  );

  app.put(
    '/api/calendar/years/:year',
    {
      config: { permission: 'calendar.manage' },
      schema: {
        tags,
        summary: '标记某年度节假日安排已录入（或未录入）',
        params: z.strictObject({ year }),
        body: z.strictObject({ complete: z.boolean({ error: 'complete 必须是 true 或 false' }) }),
        response: { 200: okResponse },
      },
    },
    async (req) => {
      await setCalendarYear(actionContext(db, req), req.params.year, req.body.complete);
      return { ok: true as const };
    },
  );
};
