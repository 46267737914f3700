import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { uploadQueue } from '../documents/upload-sheets.js';
import type { Db, DbHandle } from '../db/connect.js';
import { AppError } from './errors.js';

/** Routes whose successful answer is a ballot counted (online or entered from paper). */
const BALLOT_ROUTES: Record<string, 'online' | 'paper'> = {
  '/api/decisions/:id/vote': 'online',
  '/api/decisions/:id/paper': 'paper',
};

export interface MetricsOptions {
  db: Db;
  poolStats?: DbHandle['poolStats'];
  /** Bearer token a scraper must send; without one, only this machine (loopback) may read /metrics. */
  token?: string | null;
}

/**
 * Prometheus-format metrics at /metrics (issue 20): requests by route, method and status, latency
 * histogram per route, 5xx errors, database connections, the job queue (pg-boss: waiting, active,
 * failed in the last day), ballots counted, and Node's own (event loop lag, heap). One registry per
 * app, so that several apps in one process (tests) do not share counters.
 */
export function installMetrics(app: FastifyInstance, opts: MetricsOptions) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'gongzhi_' });
  const requests = new Counter({
    name: 'gongzhi_http_requests_total',
    help: 'HTTP requests answered, by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'gongzhi_http_errors_total',
    help: 'HTTP answers with a server error (5xx), by route and status',
    labelNames: ['route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'gongzhi_http_request_duration_seconds',
    help: 'Time to answer, by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const ballots = new Counter({
    name: 'gongzhi_ballots_submitted_total',
    help: 'Ballots accepted, online or entered from paper',
    labelNames: ['channel'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'gongzhi_uploads',
    help: 'Uploaded spreadsheets being read in a worker thread, and waiting their turn (issue 20)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const q = uploadQueue();
      this.set({ state: 'reading' }, q.reading);
      this.set({ state: 'waiting' }, q.waiting);
    },
  });
  new Gauge({
    name: 'gongzhi_db_connections',
    help: 'Database connections: open, idle, and requests waiting for one',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const s = opts.poolStats?.();
      if (!s) return;
      this.set({ state: 'total' }, s.total);
      this.set({ state: 'idle' }, s.idle);
      this.set({ state: 'waiting' }, s.waiting);
    },
  });
  new Gauge({
    name: 'gongzhi_jobs',
    help: 'Scheduled jobs (pg-boss) by queue and state: created/retry (waiting), active, failed in the last 24 hours',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const exists = await sql<{ t: string | null }>`select to_regclass('pgboss.job')::text as t`.execute(opts.db);
      if (!exists.rows[0]?.t) return;
      const rows = await sql<{ name: string; state: string; n: number }>`
        select name, state::text as state, count(*)::int as n from pgboss.job
        where state in ('created', 'retry', 'active') or (state = 'failed' and completed_on > now() - interval '1 day')
        group by name, state`.execute(opts.db);
      for (const r of rows.rows) this.set({ queue: r.name, state: r.state }, Number(r.n));
    },
  });

  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    if (route === '/metrics') return;
    const status = reply.statusCode;
    requests.inc({ method: req.method, route, status: String(status) });
    latency.observe({ method: req.method, route }, reply.elapsedTime / 1000);
    if (status >= 500) errors.inc({ route, status: String(status) });
    const channel = BALLOT_ROUTES[route];
    if (channel && req.method === 'POST' && status < 300) ballots.inc({ channel });
  });

  app.get('/metrics', { config: { permission: 'public' }, schema: { hide: true } }, async (req, reply) => {
    if (opts.token) {
      if (req.headers.authorization !== `Bearer ${opts.token}`)
        throw new AppError(401, 'METRICS_TOKEN', '读取监控指标须携带 Authorization: Bearer <METRICS_TOKEN>');
    } else if (!/^(127\.|::1$|::ffff:127\.)/.test(req.socket.remoteAddress ?? '')) {
      throw new AppError(403, 'METRICS_LOCAL_ONLY', '未设置 METRICS_TOKEN 时只允许本机读取监控指标');
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });
  return registry;
}
