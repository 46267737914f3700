import { sql } from 'kysely';
import PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateOf, dayIndex } from '../../core/workdays.js';
import { buildApp } from '../app.js';
import { todayInChina } from '../clock.js';
import { makeStreet } from '../test/factories.js';
import { announcedOn } from '../test/history.js';
import { login, openTestDatabase } from '../test/harness.js';
import type { DbHandle } from '../db/connect.js';

const shift = (days: number) => dateOf(dayIndex(todayInChina()) + days);

/**
 * Issue 20, observability: Prometheus metrics (requests, latency per route, errors, database
 * connections, the job queue, ballots), a request id on every answer and in the logs, and liveness
 * and readiness that tell the truth about the database.
 */
describe('metrics, request ids, liveness and readiness', () => {
  let h: DbHandle;
  let app: Awaited<ReturnType<typeof buildApp>>;
  const logs: string[] = [];
  beforeAll(async () => {
    h = await openTestDatabase();
    const stream = { write: (line: string) => void logs.push(line) };
    app = await buildApp({
      db: h.db,
      dbKind: h.kind,
      poolStats: h.poolStats,
      sessionSecret: 'test-secret-0123456789abcdef0123456789',
      logger: { level: 'info', stream },
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  const metric = (text: string, name: string, labels: Record<string, string>) => {
    const line = text
      .split('\n')
      .find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
    return line ? Number(line.split(' ').pop()) : undefined;
  };
  const scrape = async () => {
    const r = await app.inject({ url: '/metrics' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/plain/);
    return r.body;
  };

  it('requests by route and status, a latency histogram per route, server errors, database connections', async () => {
    for (let i = 0; i < 3; i++) await app.inject('/api/health');
    await app.inject('/api/no-such-thing');
    await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'nobody', password: 'x' } });
    const text = await scrape();
    expect(metric(text, 'gongzhi_http_requests_total', { method: 'GET', route: '/api/health', status: '200' })).toBe(3);
    expect(metric(text, 'gongzhi_http_requests_total', { route: 'unmatched', status: '404' })).toBe(1);
    expect(metric(text, 'gongzhi_http_requests_total', { route: '/api/auth/login', status: '401' })).toBe(1);
    expect(metric(text, 'gongzhi_http_request_duration_seconds_count', { method: 'GET', route: '/api/health' })).toBe(3);
    expect(metric(text, 'gongzhi_http_request_duration_seconds_bucket', { route: '/api/health', le: '+Inf' })).toBe(3);
    expect(text).toContain('# TYPE gongzhi_http_errors_total counter');
    expect(metric(text, 'gongzhi_db_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
    expect(metric(text, 'gongzhi_db_connections', { state: 'waiting' })).toBe(0);
    expect(metric(text, 'gongzhi_uploads', { state: 'reading' })).toBe(0);
    expect(metric(text, 'gongzhi_uploads', { state: 'waiting' })).toBe(0);
    expect(text).toContain('gongzhi_nodejs_eventloop_lag_seconds');
  });

  it('the job queue: waiting and failed jobs by queue', async () => {
    const boss = new PgBoss({ db: { executeSql: h.executeSql }, schema: 'pgboss', migrate: true, supervise: false, schedule: false });
    await boss.start();
    try {
      await boss.createQueue('metrics-probe');
      await boss.send('metrics-probe', {}, { retryLimit: 0 });
      await boss.send('metrics-probe', {}, { retryLimit: 0 });
      const text = await scrape();
      expect(metric(text, 'gongzhi_jobs', { queue: 'metrics-probe', state: 'created' })).toBe(2);
      const [job] = await boss.fetch('metrics-probe');
      await boss.fail('metrics-probe', job!.id, new Error('probe'));
      const after = await scrape();
      expect(metric(after, 'gongzhi_jobs', { queue: 'metrics-probe', state: 'created' })).toBe(1);
      expect(metric(after, 'gongzhi_jobs', { queue: 'metrics-probe', state: 'failed' })).toBe(1);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  });

  it('ballots counted: an accepted online ballot adds one, a refused one nothing', async () => {
    const s = await makeStreet(h.db, 'Metr');
    const estate = s.communities[0]!.estates[0]!.id;
    const unit = await h.db.selectFrom('unit').select('id').where('estate_id', '=', estate).orderBy('id').executeTakeFirstOrThrow();
    const p = await h.db
      .insertInto('person')
      .values({ street_id: s.street, node_id: estate, name: '业主甲', kind: 'natural' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await h.db.insertInto('ownership').values({ unit_id: unit.id, person_id: p.id, started_on: '2020-01-01' }).execute();
    await h.db.insertInto('owner_binding').values({ account_id: s.accounts.owner!.id, person_id: p.id, method: 'staff' }).execute();
    const director = await login(app, s.accounts.director!.username);
    const owner = await login(app, s.accounts.owner!.username);
    const created = await director.post('/api/decisions', {
      estateId: estate,
      title: '指标测试表决',
      organiser: '物业管理委员会',
      motions: [{ title: '修改管理规约', item: 2 }],
      opensOn: shift(-5),
      closesOn: shift(5),
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    await announcedOn(h.db, id, shift(-20));
    expect((await director.post(`/api/decisions/${id}/open`)).statusCode).toBe(200);
    const before = metric(await scrape(), 'gongzhi_ballots_submitted_total', { channel: 'online' }) ?? 0;
    expect((await owner.post(`/api/decisions/${id}/vote`, { answers: { m1: 'sure' } })).statusCode).toBe(400);
    expect((await owner.post(`/api/decisions/${id}/vote`, { answers: { m1: 'yes' } })).statusCode).toBe(201);
    expect(metric(await scrape(), 'gongzhi_ballots_submitted_total', { channel: 'online' })).toBe(before + 1);
  });

  it('/metrics: this machine only, unless a token is set; then the token', async () => {
    expect((await app.inject({ url: '/metrics', remoteAddress: '10.1.2.3' })).statusCode).toBe(403);
    const guarded = await buildApp({
      db: h.db,
      dbKind: h.kind,
      sessionSecret: 'test-secret-0123456789abcdef0123456789',
      metricsToken: 's3cret-token',
    });
    try {
      expect((await guarded.inject({ url: '/metrics' })).statusCode).toBe(401);
      expect((await guarded.inject({ url: '/metrics', headers: { authorization: 'Bearer wrong' } })).statusCode).toBe(401);
      const ok = await guarded.inject({ url: '/metrics', remoteAddress: '10.1.2.3', headers: { authorization: 'Bearer s3cret-token' } });
      expect(ok.statusCode).toBe(200);
    } finally {
      await guarded.close();
    }
  });

  it('a request id on every answer, the same in the log lines; a sane incoming id is kept, a wild one replaced', async () => {
    const r = await app.inject('/api/auth/me');
    const id = r.headers['x-request-id'] as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(logs.some((l) => JSON.parse(l).reqId === id)).toBe(true);
    const kept = await app.inject({ url: '/api/health', headers: { 'x-request-id': 'lb-7f3a9c21' } });
    expect(kept.headers['x-request-id']).toBe('lb-7f3a9c21');
    const replaced = await app.inject({ url: '/api/health', headers: { 'x-request-id': 'x"; drop table' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('liveness and readiness: both say how the database is; only readiness fails when it is gone', async () => {
    expect((await app.inject('/api/health/live')).json()).toEqual({ status: 'alive', database: 'ok' });
    expect((await app.inject('/api/health/ready')).json()).toMatchObject({ status: 'ready', database: 'ok', disk: 'ok' });
    // an instance whose database is gone
    const gone = await openTestDatabase();
    const orphan = await buildApp({ db: gone.db, dbKind: gone.kind, sessionSecret: 'test-secret-0123456789abcdef0123456789' });
    await gone.close();
    try {
      const live = await orphan.inject('/api/health/live');
      expect(live.statusCode).toBe(200);
      expect(live.json()).toEqual({ status: 'alive', database: 'unavailable' });
      const ready = await orphan.inject('/api/health/ready');
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ status: 'not-ready', database: 'unavailable', message: '数据库不可用，暂不接收请求' });
      expect((await orphan.inject('/api/health')).statusCode).toBe(503);
    } finally {
      await orphan.close();
    }
  });

  it('readiness waits for the schema: a database with a migration not run is not ready', async () => {
    await sql`delete from schema_migration where name = '20261205_0070_coordination'`.execute(h.db);
    try {
      const r = await app.inject('/api/health/ready');
      expect(r.statusCode).toBe(503);
      expect(r.json().message).toBe('数据库结构不是最新（待执行迁移：20261205_0070_coordination）');
    } finally {
      await sql`insert into schema_migration (name, timestamp) values ('20261205_0070_coordination', ${new Date().toISOString()})`.execute(
        h.db,
      );
    }
  });
});
