#!/usr/bin/env node
// 公告栏基准 — "The public estate page: at least 50% of the throughput of a bare route serving the same
// rows" (issue 4). The real server (PGlite, demo street) gets 30 published notices on one estate (posted
// through the API as community staff), then serves GET /api/public/estates/:id/notices without login;
// bench/bare-server.mjs serves the same rows from GET /public/:id. They alternate, one at a time (one
// process may open a PGlite folder), and the load generator runs in this process.
// Options: --duration=8 --warmup=2 --connections=16 --rounds=2 --notices=30 --limit=0.5
import path from 'node:path';
import { runLoad } from './load.mjs';
import {
  HOST,
  MAIN_JS,
  ROOT,
  freePort,
  get,
  median,
  option,
  post,
  printJson,
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
const NOTICES = option('notices', 30);
const LIMIT = option('limit', 0.5);
const BARE_JS = path.join(ROOT, 'bench/bare-server.mjs');

async function start(script, env, health) {
  const port = await freePort();
  const proc = track(startChild([script], { ...env, PORT: String(port), HOST, LOG_LEVEL: 'warn', JOBS: '0' }));
  await waitFor200(`http://${HOST}:${port}${health}`, proc, { timeoutMs: 180_000 });
  return { proc, base: `http://${HOST}:${port}` };
}

async function session(base, login) {
  const r = await post(`${base}/api/auth/login`, { login, password: 'Gongzhi@2026' });
  if (r.status !== 200) throw new Error(`login ${login}: ${r.status}`);
  const cookie = [r.headers['set-cookie']]
    .flat()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('gz_sid='));
  return { cookie, csrf: JSON.parse(r.body).csrfToken, me: JSON.parse(r.body) };
}

try {
  const dataDir = tempDir('gz-bench-public-');
  const env = { DATA_DIR: dataDir, DATABASE_URL: '' };
  // Seed: 30 notices on the owner's estate, published through the API.
  let real = await start(MAIN_JS, env, '/api/health');
  const owner = await session(real.base, 'yezhu');
  const estateId = owner.me.roles[0].nodeId;
  const staff = await session(real.base, 'shequ');
  const headers = { cookie: staff.cookie, 'x-csrf-token': staff.csrf };
  for (let i = 0; i < NOTICES; i++) {
    const d = await post(
      `${real.base}/api/notices`,
      {
        nodeId: estateId,
        kind: 'announcement',
        title: `基准公告 ${i + 1}`,
        body: '公告正文。'.repeat(40),
        periodUnit: 'workdays',
        periodDays: 5,
        acceptsObjections: true,
      },
      { headers },
    );
    if (d.status !== 201) throw new Error(`create notice: ${d.status} ${d.body}`);
    const p = await post(`${real.base}/api/notices/${JSON.parse(d.body).id}/publish`, {}, { headers });
    if (p.status !== 200) throw new Error(`publish: ${p.status} ${p.body}`);
  }
  const sample = JSON.parse((await get(`${real.base}/api/public/estates/${estateId}/notices`)).body);
  const count = sample.current.length + sample.past.length;
  await stopChild(real.proc);

  const expectCount = (n) => {
    if (n !== count) throw new Error(`expected ${count} notices, got ${n}`);
  };
  const runs = { real: [], bare: [] };
  for (let r = 1; r <= ROUNDS; r++) {
    real = await start(MAIN_JS, env, '/api/health');
    runs.real.push(
      await runLoad({
        url: `${real.base}/api/public/estates/${estateId}/notices`,
        connections: CONNECTIONS,
        durationMs: DURATION_MS,
        warmupMs: WARMUP_MS,
        check: (b) => expectCount(JSON.parse(b).current.length + JSON.parse(b).past.length),
      }),
    );
    await stopChild(real.proc);
    const bare = await start(BARE_JS, env, '/health');
    runs.bare.push(
      await runLoad({
        url: `${bare.base}/public/${estateId}`,
        connections: CONNECTIONS,
        durationMs: DURATION_MS,
        warmupMs: WARMUP_MS,
        check: (b) => expectCount(JSON.parse(b).length),
      }),
    );
    await stopChild(bare.proc);
    console.log(`round ${r}: real ${runs.real.at(-1).rps} req/s, bare ${runs.bare.at(-1).rps} req/s`);
  }
  const realRps = median(runs.real.map((x) => x.rps));
  const bareRps = median(runs.bare.map((x) => x.rps));
  const ratio = realRps / bareRps;
  console.log(`\n公告栏 / public estate page (PGlite, ${count} notices, ${CONNECTIONS} in flight, ${ROUNDS} × ${DURATION_MS / 1000} s)`);
  console.log(
    table([
      ['route', 'req/s (median)', 'p99 ms (median)'],
      ['GET /api/public/estates/:id/notices', String(round(realRps)), String(round(median(runs.real.map((x) => x.p99Ms)), 1))],
      ['bare Fastify, same rows', String(round(bareRps)), String(round(median(runs.bare.map((x) => x.p99Ms)), 1))],
      ['ratio real/bare', `${round(ratio * 100)}%`, `limit ≥ ${LIMIT * 100}% — ${ratio >= LIMIT ? 'PASS' : 'FAIL'}`],
    ]),
  );
  printJson('public-page', {
    notices: count,
    realRps: round(realRps),
    bareRps: round(bareRps),
    ratio: round(ratio, 3),
    pass: ratio >= LIMIT,
  });
} finally {
  await stopAll();
  runCleanups();
}
