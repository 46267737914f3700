import { describe, expect, it } from 'vitest';
import { JOBS, startScheduler } from './jobs/scheduler.js';
import { LoggingChannel } from './notifications/channel.js';
import { openTestDatabase } from './test/harness.js';

/**
 * Issue 20 §6, PostgreSQL only (a *.pg.test.ts file runs in the PostgreSQL lane, `npm run test:pg`):
 * several instances share only a PostgreSQL server — the embedded database has one process per data
 * folder (its lock).
 */
describe('first start of several instances on one PostgreSQL server', () => {
  // several instances share only a PostgreSQL server: the embedded database has one process per data folder (its lock)
  it('the job schedulers of three instances starting at once all start (pg-boss deadlocked one on PostgreSQL); each queue and schedule exists once', async () => {
    const h = await openTestDatabase();
    const errors: string[] = [];
    const channel = new LoggingChannel(() => {});
    try {
      const results = await Promise.allSettled([0, 1, 2].map(() => startScheduler(h, channel, (m) => errors.push(m))));
      const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      try {
        expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(['ok', 'ok', 'ok']);
        const names: string[] = Object.values(JOBS)
          .map((j) => j.name)
          .sort();
        const queues = await h.executeSql(`select name from pgboss.queue order by name`, []);
        expect(queues.rows.map((r) => (r as { name: string }).name).filter((n) => names.includes(n))).toEqual(names);
        const schedules = await h.executeSql(`select name from pgboss.schedule order by name`, []);
        expect(schedules.rows.map((r) => (r as { name: string }).name)).toEqual(names);
      } finally {
        for (const boss of started) await boss.stop({ graceful: false, wait: true });
      }
    } finally {
      await h.close();
    }
  }, 60_000);
});
