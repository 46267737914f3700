import PgBoss from 'pg-boss';
import { todayInChina } from '../clock.js';
import type { DbHandle } from '../db/connect.js';
import { refreshStatistics } from '../db/statistics.js';
import type { OutboundChannel } from '../notifications/channel.js';
import { closeEndedPeriods } from './close-periods.js';
import { runDecisionSchedule } from './decision-schedule.js';
import { remindDeadlines } from './remind-deadlines.js';
import { remindCalendarYear, remindEndingPeriods } from './remind-periods.js';
import { refreshServedEstates } from '../companies/served-estates.js';
import { deliverPending } from '../messages/deliver.js';
import { remindNonVoters } from '../messages/remind-voters.js';
import { remindTaskDeadlines } from '../coordination/task-deadlines.js';
import { listArrearsCandidates, remindMinutes, remindOverdueRectifications } from '../committees/jobs.js';
import { remindAnnualReports } from '../committees/street-setting.js';
import { escalateOverdue } from '../tickets/use-cases/escalate-overdue.js';
import { flagMissedDuties } from '../cobuilding/use-cases/duty.js';
import { nowInstant } from '../tickets/clock.js';
import { remindDisclosures } from '../disclosures/reminders.js';

/**
 * Scheduled jobs on pg-boss, in the same database (embedded or server). pg-boss claims each job
 * with FOR UPDATE SKIP LOCKED, and a cron schedule fires once per slot across all instances, so
 * several app instances never run one twice. The job bodies are idempotent besides.
 */
export const JOBS = {
  closePeriods: { name: 'notices-close-periods', cron: '*/10 * * * *' },
  remindDeadlines: { name: 'deadline-reminders', cron: '5 * * * *' },
  // Owners' decisions: voting opens on its opening day and closes the day after its period (issue 6).
  decisionSchedule: { name: 'decision-schedule', cron: '2 * * * *' },
  // Issue 19: owners who have not voted are reminded three days before a vote closes; the messages
  // that wait (another instance's, or left by a crash) go out.
  ownerMessages: { name: 'owner-messages', cron: '*/5 * * * *' },
  // The planner's statistics for whatever changed in the hour (PGlite has no autovacuum).
  refreshStatistics: { name: 'planner-statistics', cron: '37 * * * *' },
  // Issue 16: overdue tickets climb grid → community → street; duties nobody checked in for are flagged.
  // Both also run once at start, so a restart after a while catches up at once.
  serviceDesk: { name: 'service-desk', cron: '*/5 * * * *' },
  // Issue 15: 十公开 items about to go stale or stale, owners' questions due or overdue, registry
  // items' history. Also run once at start (a restart after a while catches up at once).
  disclosures: { name: 'disclosure-reminders', cron: '20 * * * *' },
  // Issue 14 (R37): on the first of each month, owner representatives in arrears become negative-list candidates.
  committeeArrears: { name: 'committee-arrears', cron: '20 7 1 * *' },
} as const;

/**
 * Issue 20 §6: two instances starting together on an empty PostgreSQL database both create pg-boss's
 * queues and schedules, and one died of a deadlock (40P01) inside pgboss.create_queue. The statements
 * are idempotent: the one PostgreSQL chose as the victim simply runs again, after a short random wait.
 */
export async function retryDeadlock<T>(fn: () => Promise<T>, tries = 6): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if ((err as { code?: string }).code !== '40P01' || attempt >= tries) throw err;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 80));
    }
  }
}

export async function startScheduler(handle: DbHandle, channel: OutboundChannel, log: (msg: string) => void): Promise<PgBoss> {
  const boss = new PgBoss({ db: { executeSql: handle.executeSql }, schema: 'pgboss', migrate: true, supervise: true, schedule: true });
  boss.on('error', (err: Error) => log(`定时任务出错：${err.message}`));
  await retryDeadlock(() => boss.start());
  const run = {
    [JOBS.closePeriods.name]: () => closeEndedPeriods(handle.db, todayInChina(), channel),
    [JOBS.remindDeadlines.name]: async () => {
      const today = todayInChina();
      await remindDeadlines(handle.db, today, channel);
      await remindEndingPeriods(handle.db, today, channel);
      await remindCalendarYear(handle.db, today, channel);
      // Contracts that start or end today move property staff's scope (company → estates).
      await refreshServedEstates(handle.db, today);
      // Coordination tasks due soon or overdue (issue 17).
      await remindTaskDeadlines(handle.db, today, channel);
      // Committee minutes to be posted within 3 days (issue 14, R32).
      await remindMinutes(handle.db, today, channel);
      // Overdue rectification items, once per overdue period; the street's 述职 month (issue 14, R36).
      await remindOverdueRectifications(handle.db, today, channel);
      await remindAnnualReports(handle.db, today, channel);
    },
    [JOBS.decisionSchedule.name]: async () => {
      await runDecisionSchedule(handle.db, todayInChina(), channel);
    },
    [JOBS.ownerMessages.name]: async () => {
      await remindNonVoters(handle.db, todayInChina());
      await deliverPending(handle.db, channel);
    },
    [JOBS.refreshStatistics.name]: () => refreshStatistics(handle.db),
    [JOBS.disclosures.name]: async () => {
      await remindDisclosures(handle.db, todayInChina(), channel);
    },
    [JOBS.committeeArrears.name]: async () => {
      await listArrearsCandidates(handle.db, todayInChina(), channel);
    },
    [JOBS.serviceDesk.name]: async () => {
      await escalateOverdue(handle.db, nowInstant(), channel);
      await flagMissedDuties(handle.db, nowInstant(), channel);
    },
  };
  for (const job of Object.values(JOBS)) {
    await retryDeadlock(() => boss.createQueue(job.name));
    await retryDeadlock(() => boss.schedule(job.name, job.cron, {}, { tz: 'Asia/Shanghai' }));
    await boss.work(job.name, { pollingIntervalSeconds: 10 }, async () => {
      await run[job.name]();
    });
  }
  await boss.send(JOBS.serviceDesk.name, {});
  await boss.send(JOBS.disclosures.name, {});
  return boss;
}
