#!/usr/bin/env node
// 列表接口基准 — "Authenticated, scope-filtered list endpoint (units of an estate, 1,000 rows): throughput
// at least 50% of a bare Fastify route returning the same rows from the same database, measured side
// by side in one run, on PostgreSQL and on PGlite."
//
// Per backend: the real server (dist/server/main.js, demo street loaded on first start) serves
// GET /api/estates/:id/units?limit=1000 to the street admin `jiedao` (session cookie); then, on the same
// data, bench/bare-server.mjs serves the same SELECT without auth, zod or schema. The two alternate
// (real, bare, real, bare, …), each a fresh child process, only one at a time (a PGlite folder can be
// opened by one process only). The load generator (bench/load.mjs) runs in this process.
//
// Options (argv `--x=v` or env BENCH_X): --backend=pglite|postgres|both (both), --duration=8 (s),
// --warmup=2 (s), --connections=16, --rounds=2, --log-level=warn (of the real server), --limit=0.5,
// --pg-url=postgres://postgres@127.0.0.1:5432/postgres (server on which a scratch database is made),
// --profile=1 (write a V8 CPU profile of each real-server round to bench/results/).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
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
  max,
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
const BACKEND = option('backend', 'both');
const DURATION_MS = option('duration', 8) * 1000;
const WARMUP_MS = option('warmup', 2) * 1000;
const CONNECTIONS = option('connections', 16);
const ROUNDS = option('rounds', 2);
const LOG_LEVEL = option('log-level', 'warn');
const LIMIT = option('limit', 0.5);
const PG_URL = option('pg-url', 'postgres://postgres@127.0.0.1:5432/postgres');
const PROFILE = option('profile', '0') !== '0';
const BARE_JS = path.join(ROOT, 'bench/bare-server.mjs');
const LOGIN = { login: 'jiedao', password: 'Gongzhi@2026' };
const backends = BACKEND === 'both' ? ['pglite', 'postgres'] : [BACKEND];
for (const b of backends) if (!['pglite', 'postgres'].includes(b)) throw new Error(`--backend must be pglite, postgres or both, not ${b}`);
if (new URL(PG_URL).hostname !== '127.0.0.1' && new URL(PG_URL).hostname !== 'localhost')
  throw new Error('--pg-url must point at 127.0.0.1');

const profileArgs = (label) =>
  PROFILE && label
    ? ['--cpu-prof', '--cpu-prof-dir', path.join(ROOT, 'bench/results/prof'), '--cpu-prof-name', `${label}-${process.pid}.cpuprofile`]
    : [];

async function startReal(env, label) {
  const port = await freePort();
  const proc = track(
    startChild([MAIN_JS], { ...env, PORT: String(port), HOST, LOG_LEVEL, NODE_ENV: 'production' }, { nodeArgs: profileArgs(label) }),
  );
  await waitFor200(`http://${HOST}:${port}/api/health`, proc, { timeoutMs: 180_000 });
  return { proc, base: `http://${HOST}:${port}` };
}

async function startBare(env, label) {
  const port = await freePort();
  const proc = track(startChild([BARE_JS], { ...env, PORT: String(port), HOST }, { nodeArgs: profileArgs(label) }));
  await waitFor200(`http://${HOST}:${port}/health`, proc, { timeoutMs: 60_000 });
  return { proc, base: `http://${HOST}:${port}` };
}

async function stop(s) {
  const code = await stopChild(s.proc);
  if (code !== 0) throw new Error(`server did not exit cleanly (${code}):\n${s.proc.output().slice(-3000)}`);
}

async function login(base) {
  const r = await post(`${base}/api/auth/login`, LOGIN);
  if (r.status !== 200) throw new Error(`login as ${LOGIN.login} failed: ${r.status} ${r.body.slice(0, 300)}`);
  const cookie = [r.headers['set-cookie'] ?? []]
    .flat()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('gz_sid='));
  if (!cookie) throw new Error('login answered 200 without a gz_sid cookie');
  return cookie;
}

async function largestEstate(base, cookie) {
  const r = await get(`${base}/api/org/tree`, { headers: { cookie }, timeoutMs: 10_000 });
  if (r.status !== 200) throw new Error(`GET /api/org/tree: ${r.status} ${r.body.slice(0, 300)}`);
  const estates = JSON.parse(r.body).nodes.filter((n) => n.kind === 'estate');
  estates.sort((a, b) => b.unitCount - a.unitCount);
  if (!estates[0] || estates[0].unitCount < 1000)
    throw new Error(`no estate with ≥1,000 units in the demo street (largest: ${estates[0]?.unitCount})`);
  return estates[0];
}

/** A scratch database on the PostgreSQL server, dropped at the end. */
async function createScratchDatabase() {
  const name = `gz_bench_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const drop = async () => {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  };
  // If interrupted, a best-effort synchronous drop.
  let dropped = false;
  onCleanup(() => {
    if (!dropped) spawnSync('psql', [PG_URL, '-q', '-c', `drop database if exists ${name} with (force)`], { stdio: 'ignore' });
  });
  // CPU of this database's server processes (backends), for the CPU-per-request figures.
  const watcher = new pg.Client({ connectionString: PG_URL });
  await watcher.connect();
  const backendCpuMs = async () => {
    const { rows } = await watcher.query('select pid from pg_stat_activity where datname = $1', [name]);
    return rows.reduce((sum, r) => sum + procCpuMs(r.pid), 0);
  };
  return {
    name,
    url: url.toString(),
    backendCpuMs,
    drop: async () => {
      dropped = true;
      await watcher.end();
      await drop();
    },
  };
}

/** With --profile: how to summarise a round's profile over its measured period only. */
const profileHint = (label, proc, loadStart, r) =>
  PROFILE
    ? `\n    profile: node bench/prof-summary.mjs bench/results/prof/${label}-${process.pid}.cpuprofile --skip=${round((loadStart + WARMUP_MS - proc.startedAt) / 1000, 2)} --requests=${r.requests + CONNECTIONS}`
    : '';

const cpuText = (r) =>
  Object.entries(r.cpuMsPerRequest)
    .map(([k, v]) => `${k} ${v} (${r.cpuUtilisation[k]} cores)`)
    .join(', ');

async function benchBackend(backend) {
  const dataDir = tempDir(`gz-bench-units-${backend}-`);
  let scratch = null;
  let env;
  if (backend === 'pglite') env = { DATA_DIR: dataDir, DATABASE_URL: '' };
  else {
    scratch = await createScratchDatabase();
    // DATA_DIR still given: the real server keeps its session secret there.
    env = { DATABASE_URL: scratch.url, DATA_DIR: dataDir };
  }
  try {
    // First start: migrations and the demo street.
    const t0 = performance.now();
    const first = await startReal(env);
    const firstStartMs = Math.round(performance.now() - t0);
    const cookie0 = await login(first.base);
    const estate = await largestEstate(first.base, cookie0);
    const realPath = `/api/estates/${estate.id}/units?limit=1000`;
    const barePath = `/units/${estate.id}`;
    const ref = JSON.parse((await get(first.base + realPath, { headers: { cookie: cookie0 }, timeoutMs: 10_000 })).body);
    await stop(first);
    console.log(
      `[${backend}] demo loaded in ${firstStartMs} ms; estate ${estate.id} 「${estate.name}」 has ${estate.unitCount} units; ${ROUNDS} rounds × (real, bare), ${CONNECTIONS} in flight, ${WARMUP_MS / 1000}+${DURATION_MS / 1000} s each`,
    );

    const checkReal = (body) => {
      const j = JSON.parse(body);
      if (!Array.isArray(j.items) || j.items.length !== 1000)
        throw new Error(`real route returned ${j.items?.length} items, expected 1000`);
      if (j.total !== estate.unitCount) throw new Error(`real route total ${j.total} ≠ ${estate.unitCount}`);
    };
    const checkBare = (body) => {
      const rows = JSON.parse(body);
      if (!Array.isArray(rows) || rows.length !== 1000) throw new Error(`bare route returned ${rows?.length} rows, expected 1000`);
      // The same rows in the same order as the real route.
      if (rows.some((r, i) => r.id !== ref.items[i].id)) throw new Error('bare route rows differ from the real route');
    };

    // CPU used during the measured period: the server process and (PostgreSQL) this database's backends.
    const cpuOf = (proc) => async () => ({ server: procCpuMs(proc.pid), ...(scratch ? { postgres: await scratch.backendCpuMs() } : {}) });
    const runs = { real: [], bare: [] };
    for (let round_ = 1; round_ <= ROUNDS; round_++) {
      const real = await startReal(env, `${backend}-real-r${round_}`);
      const cookie = await login(real.base);
      const realStart = performance.now();
      const r = await runLoad({
        url: real.base + realPath,
        headers: { cookie },
        connections: CONNECTIONS,
        durationMs: DURATION_MS,
        warmupMs: WARMUP_MS,
        check: checkReal,
        cpu: cpuOf(real.proc),
      });
      await stop(real);
      runs.real.push(r);
      console.log(
        `[${backend}] round ${round_} real: ${r.rps} req/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms (${r.meanBytes} B/response), CPU ms/request ${cpuText(r)}${profileHint(`${backend}-real-r${round_}`, real.proc, realStart, r)}`,
      );

      const bare = await startBare(env, `${backend}-bare-r${round_}`);
      const bareStart = performance.now();
      const b = await runLoad({
        url: bare.base + barePath,
        connections: CONNECTIONS,
        durationMs: DURATION_MS,
        warmupMs: WARMUP_MS,
        check: checkBare,
        cpu: cpuOf(bare.proc),
      });
      await stop(bare);
      runs.bare.push(b);
      console.log(
        `[${backend}] round ${round_} bare: ${b.rps} req/s, p50 ${b.p50Ms} ms, p99 ${b.p99Ms} ms (${b.meanBytes} B/response), CPU ms/request ${cpuText(b)}${profileHint(`${backend}-bare-r${round_}`, bare.proc, bareStart, b)}`,
      );
    }

    const summary = (xs) => ({
      bestRps: max(xs.map((x) => x.rps)),
      medianRps: round(median(xs.map((x) => x.rps))),
      p50Ms: round(median(xs.map((x) => x.p50Ms)), 2),
      p99Ms: round(median(xs.map((x) => x.p99Ms)), 2),
      bytes: xs[0].meanBytes,
      serverCpuMsPerRequest: round(median(xs.map((x) => x.cpuMsPerRequest.server)), 2),
      ...(xs[0].cpuMsPerRequest.postgres !== undefined
        ? { postgresCpuMsPerRequest: round(median(xs.map((x) => x.cpuMsPerRequest.postgres)), 2) }
        : {}),
    });
    const real = summary(runs.real);
    const bare = summary(runs.bare);
    const ratioBest = round(real.bestRps / bare.bestRps, 3);
    const ratioMedian = round(real.medianRps / bare.medianRps, 3);
    // Less sensitive to other load on the machine: the ratio of CPU spent per request (bare / real).
    const cpuOfRequest = (s) => s.serverCpuMsPerRequest + (s.postgresCpuMsPerRequest ?? 0);
    const cpuRatio = round(cpuOfRequest(bare) / cpuOfRequest(real), 3);
    return {
      backend,
      estateId: estate.id,
      units: estate.unitCount,
      firstStartMs,
      real,
      bare,
      ratioBest,
      ratioMedian,
      cpuRatio,
      pass: ratioMedian >= LIMIT,
      runs,
    };
  } finally {
    await stopAll();
    if (scratch) await scratch.drop();
  }
}

try {
  fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  const results = [];
  for (const b of backends) results.push(await benchBackend(b));

  console.log(
    `\n列表接口 / list units — ${machineLine()}; ${CONNECTIONS} in flight, ${ROUNDS} rounds × ${DURATION_MS / 1000} s, real server LOG_LEVEL=${LOG_LEVEL}`,
  );
  console.log(
    table([
      [
        'backend',
        'route',
        'best req/s',
        'median req/s',
        'p50 ms',
        'p99 ms',
        'bytes/resp',
        'CPU ms/req node',
        'CPU ms/req pg',
        'real/bare req/s (median)',
        'result',
        'CPU ratio',
      ],
      ...results.flatMap((r) => [
        [
          r.backend,
          'real (auth+scope+zod)',
          r.real.bestRps,
          r.real.medianRps,
          r.real.p50Ms,
          r.real.p99Ms,
          r.real.bytes,
          r.real.serverCpuMsPerRequest,
          r.real.postgresCpuMsPerRequest ?? '-',
          `${Math.round(r.ratioMedian * 100)}% (best ${Math.round(r.ratioBest * 100)}%)`,
          r.pass ? 'PASS' : 'FAIL',
          `${Math.round(r.cpuRatio * 100)}%`,
        ],
        [
          r.backend,
          'bare Fastify',
          r.bare.bestRps,
          r.bare.medianRps,
          r.bare.p50Ms,
          r.bare.p99Ms,
          r.bare.bytes,
          r.bare.serverCpuMsPerRequest,
          r.bare.postgresCpuMsPerRequest ?? '-',
          `≥ ${Math.round(LIMIT * 100)}%`,
          '',
          '',
        ],
      ]),
    ]),
  );
  console.log('');
  printJson('list-units', {
    pass: results.every((r) => r.pass),
    connections: CONNECTIONS,
    durationMs: DURATION_MS,
    warmupMs: WARMUP_MS,
    rounds: ROUNDS,
    logLevel: LOG_LEVEL,
    limit: LIMIT,
    results,
  });
  process.exitCode = results.every((r) => r.pass) ? 0 : 1;
} catch (err) {
  console.error(`list-units benchmark failed: ${err.stack ?? err}`);
  process.exitCode = 2;
} finally {
  await stopAll();
  runCleanups();
}
