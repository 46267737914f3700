#!/usr/bin/env node
// 诉求列表基准 — issue 16: "the ticket list of a street with 100,000 tickets (filtered, paged) at ≥50% of a
// bare route running the same query, on PostgreSQL".
//
// A scratch database on the PostgreSQL server gets the demo street (first start of the real server),
// then 100,000 tickets spread over the street's estates, kinds and states (inserted here, in batches).
// The street admin `jiedao` asks GET /api/tickets?status=open&kindName=报修&page=3&pageSize=20 of the
// real server (session cookie, scope in SQL, zod, presentation with the clocks); bench/tickets-bare.mjs
// runs the same two statements (page + count, built by the same functions for the same user) on a
// bare Fastify route. They alternate (real, bare, …), one at a time, each a fresh process.
//
// Options: --duration=8 --warmup=2 --connections=16 --rounds=2 --limit=0.5 --tickets=100000
//          --pg-url=postgres://postgres@127.0.0.1:5432/postgres
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { runLoad } from './load.mjs';
import {
  HOST,
  MAIN_JS,
  ROOT,
  freePort,
  get,
  machineLine,
  median,
  onCleanup,
  option,
  post,
  printJson,
  procCpuMs,
  requireBuild,
  round,
  runCleanups,
  startChild,
  stopAll,
  stopChild,
  table,
  tempDir,
  track,
  waitFor200,
} from './lib.mjs';

requireBuild();
const DURATION_MS = option('duration', 8) * 1000;
const WARMUP_MS = option('warmup', 2) * 1000;
const CONNECTIONS = option('connections', 16);
const ROUNDS = option('rounds', 2);
const LIMIT = option('limit', 0.5);
const TICKETS = option('tickets', 100_000);
const PG_URL = option('pg-url', process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
const QUERY = `status=open&kindName=${encodeURIComponent('报修')}&page=3&pageSize=20`;
if (!['127.0.0.1', 'localhost'].includes(new URL(PG_URL).hostname)) throw new Error('--pg-url must point at 127.0.0.1');

const name = `gz_bench_tk_${process.pid}_${Date.now().toString(36)}`;
const admin = new pg.Client({ connectionString: PG_URL });
await admin.connect();
await admin.query(`create database ${name}`);
await admin.end();
const dbUrl = new URL(PG_URL);
dbUrl.pathname = `/${name}`;
let dropped = false;
const drop = async () => {
  dropped = true;
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  await c.query(`drop database if exists ${name} with (force)`);
  await c.end();
};
onCleanup(() => {
  if (!dropped) spawnSync('psql', [PG_URL, '-q', '-c', `drop database if exists ${name} with (force)`], { stdio: 'ignore' });
});
const env = { DATABASE_URL: dbUrl.toString(), DATA_DIR: tempDir('gz-bench-tickets-'), JOBS: '0' };

async function startReal() {
  const port = await freePort();
  const proc = track(startChild([MAIN_JS], { ...env, PORT: String(port), HOST, LOG_LEVEL: 'warn', NODE_ENV: 'production' }));
  await waitFor200(`http://${HOST}:${port}/api/health`, proc, { timeoutMs: 240_000 });
  return { proc, base: `http://${HOST}:${port}` };
}
async function startBare() {
  const port = await freePort();
  const proc = track(startChild([path.join(ROOT, 'bench/tickets-bare.mjs')], { ...env, PORT: String(port), HOST, BARE_USER: 'jiedao' }));
  await waitFor200(`http://${HOST}:${port}/health`, proc, { timeoutMs: 60_000 });
  return { proc, base: `http://${HOST}:${port}` };
}

/** 100,000 tickets over the demo street's estates (with a building and its grid), kinds and states. */
async function seedTickets() {
  const c = new pg.Client({ connectionString: dbUrl.toString() });
  await c.connect();
  const { rows: places } = await c.query(`
    select e.id as estate_id, e.parent_id as community_id, cm.parent_id as street_id, b.id as building_id, b.grid_id
    from org_node e join org_node cm on cm.id = e.parent_id join org_node s on s.id = cm.parent_id
    join lateral (select id, grid_id from org_node where parent_id = e.id and kind = 'building' order by id limit 1) b on true
    where e.kind = 'estate' and s.kind = 'street' and s.name = (select name from org_node where kind = 'street' order by id limit 1)`);
  const { rows: kinds } = await c.query('select id, community_id, name, handler_type from service_kind');
  const { rows: acc } = await c.query(`select id from account where username = 'yezhu'`);
  const states = [
    'dispatched',
    'accepted',
    'accepted',
    'finished',
    'closed',
    'closed',
    'closed',
    'revisit',
    'waitingResident',
    'submitted',
  ];
  const cols = [
    'street_id',
    'community_id',
    'estate_id',
    'grid_id',
    'building_id',
    'place',
    'kind_id',
    'kind_name',
    'title',
    'description',
    'channel',
    'raised_by',
    'raised_at',
    'state',
    'handler_type',
    'handler_node_id',
    'handler_name',
    'respond_limit',
    'finish_limit',
    'clock_stops',
    'clock_start',
    'respond_due_at',
    'finish_due_at',
  ];
  const now = Date.now();
  const BATCH = 1000;
  for (let start = 0; start < TICKETS; start += BATCH) {
    const values = [];
    const params = [];
    for (let i = start; i < Math.min(TICKETS, start + BATCH); i++) {
      const p = places[i % places.length];
      const ks = kinds.filter((k) => k.community_id === p.community_id);
      const k = ks[(i >> 3) % ks.length];
      const raised = new Date(now - (i % 400) * 86_400_000 - (i % 1440) * 60_000);
      const row = [
        p.street_id,
        p.community_id,
        p.estate_id,
        p.grid_id,
        p.building_id,
        `公共部位${i % 50}`,
        k.id,
        k.name,
        `诉求 ${i}`,
        '基准数据',
        'app',
        acc[0].id,
        raised,
        states[i % states.length],
        k.handler_type,
        null,
        '承办方',
        '{"unit":"hours","amount":24}',
        '{"unit":"workdays","amount":3}',
        '[]',
        raised,
        new Date(raised.getTime() + 86_400_000),
        new Date(raised.getTime() + 5 * 86_400_000),
      ];
      values.push(`(${row.map((_, j) => `$${params.length + j + 1}`).join(',')})`);
      params.push(...row);
    }
    await c.query(`insert into ticket (${cols.join(',')}) values ${values.join(',')}`, params);
  }
  await c.query('analyze ticket');
  const { rows } = await c.query('select count(*)::int as n from ticket');
  await c.end();
  return { places: places.length, total: rows[0].n };
}

async function login(base) {
  const r = await post(`${base}/api/auth/login`, { login: 'jiedao', password: 'Gongzhi@2026' });
  if (r.status !== 200) throw new Error(`login failed: ${r.status} ${r.body.slice(0, 200)}`);
  return [r.headers['set-cookie'] ?? []]
    .flat()
    .map((x) => x.split(';')[0])
    .find((x) => x.startsWith('gz_sid='));
}

try {
  const t0 = performance.now();
  const first = await startReal();
  const demoMs = Math.round(performance.now() - t0);
  await stopChild(first.proc);
  const t1 = performance.now();
  const seeded = await seedTickets();
  const seedMs = Math.round(performance.now() - t1);
  console.log(
    `[postgres] demo loaded in ${demoMs} ms; ${seeded.total} tickets over ${seeded.places} estates in ${seedMs} ms; GET /api/tickets?${QUERY}`,
  );

  // the reference answer: the same rows in the same order from both routes
  const ref = await startReal();
  const cookie0 = await login(ref.base);
  const refBody = JSON.parse((await get(`${ref.base}/api/tickets?${QUERY}`, { headers: { cookie: cookie0 }, timeoutMs: 20_000 })).body);
  await stopChild(ref.proc);
  if (!refBody.items || refBody.items.length !== 20) throw new Error(`real route returned ${refBody.items?.length} items`);
  const refIds = refBody.items.map((i) => i.id);
  const checkReal = (body) => {
    const j = JSON.parse(body);
    if (j.total !== refBody.total || j.items.map((i) => i.id).join() !== refIds.join()) throw new Error('real route answer changed');
  };
  const checkBare = (body) => {
    const j = JSON.parse(body);
    if (j.total !== refBody.total || j.rows.map((r) => r.id).join() !== refIds.join())
      throw new Error('bare route rows differ from the real route');
  };

  const runs = { real: [], bare: [] };
  for (let r = 1; r <= ROUNDS; r++) {
    const real = await startReal();
    const cookie = await login(real.base);
    const a = await runLoad({
      url: `${real.base}/api/tickets?${QUERY}`,
      headers: { cookie },
      connections: CONNECTIONS,
      durationMs: DURATION_MS,
      warmupMs: WARMUP_MS,
      check: checkReal,
      cpu: async () => ({ server: procCpuMs(real.proc.pid) }),
    });
    await stopChild(real.proc);
    runs.real.push(a);
    console.log(`[postgres] round ${r} real: ${a.rps} req/s, p50 ${a.p50Ms} ms, p99 ${a.p99Ms} ms`);
    const bare = await startBare();
    const b = await runLoad({
      url: `${bare.base}/tickets?${QUERY}`,
      connections: CONNECTIONS,
      durationMs: DURATION_MS,
      warmupMs: WARMUP_MS,
      check: checkBare,
      cpu: async () => ({ server: procCpuMs(bare.proc.pid) }),
    });
    await stopChild(bare.proc);
    runs.bare.push(b);
    console.log(`[postgres] round ${r} bare: ${b.rps} req/s, p50 ${b.p50Ms} ms, p99 ${b.p99Ms} ms`);
  }
  const med = (xs, k) => round(median(xs.map((x) => x[k])), 2);
  const real = { rps: med(runs.real, 'rps'), p50Ms: med(runs.real, 'p50Ms'), p99Ms: med(runs.real, 'p99Ms') };
  const bare = { rps: med(runs.bare, 'rps'), p50Ms: med(runs.bare, 'p50Ms'), p99Ms: med(runs.bare, 'p99Ms') };
  const ratio = round(real.rps / bare.rps, 3);
  const pass = ratio >= LIMIT;
  console.log(
    `\n诉求列表 / ticket list — ${machineLine()}; ${seeded.total} tickets, ${CONNECTIONS} in flight, ${ROUNDS} rounds × ${DURATION_MS / 1000} s`,
  );
  console.log(
    table([
      ['route', 'median req/s', 'p50 ms', 'p99 ms', 'real/bare', 'result'],
      [
        'real GET /api/tickets (auth+scope+zod+clocks)',
        real.rps,
        real.p50Ms,
        real.p99Ms,
        `${Math.round(ratio * 100)}%`,
        pass ? 'PASS' : 'FAIL',
      ],
      ['bare Fastify, same statements', bare.rps, bare.p50Ms, bare.p99Ms, `≥ ${Math.round(LIMIT * 100)}%`, ''],
    ]),
  );
  console.log('');
  printJson('tickets-list', {
    pass,
    tickets: seeded.total,
    query: QUERY,
    total: refBody.total,
    connections: CONNECTIONS,
    rounds: ROUNDS,
    durationMs: DURATION_MS,
    limit: LIMIT,
    real,
    bare,
    ratio,
    runs,
  });
  process.exitCode = pass ? 0 : 1;
} catch (err) {
  console.error(`tickets-list benchmark failed: ${err.stack ?? err}`);
  process.exitCode = 2;
} finally {
  await stopAll();
  if (!dropped) await drop().catch(() => undefined);
  runCleanups();
}
