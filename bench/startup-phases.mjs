#!/usr/bin/env node
// 启动分解 — where a warm start's time and memory go, phase by phase, in one process, on an existing
// data folder (as `main.ts` does it: imports → open database → migrate → calendar seed → demo check →
// buildApp → pg-boss scheduler → listen). Keep in step with server/main.ts.
// Usage: node bench/startup-phases.mjs [--data-dir=DIR]   (without one, a temporary folder gets a
// first start first, untimed). Diagnostic companion of startup.mjs; prints a table and one JSON line.
import fs from 'node:fs';
import {
  HOST,
  MAIN_JS,
  freePort,
  machineLine,
  option,
  printJson,
  requireBuild,
  round,
  runCleanups,
  startChild,
  stopChild,
  table,
  tempDir,
  track,
  waitFor200,
} from './lib.mjs';

requireBuild();
const t0 = performance.now(); // process start ≈ performance.timeOrigin; performance.now() counts from it
const phases = [];
const mem = () => process.memoryUsage();
const mark = (name, since) => {
  const m = mem();
  phases.push({
    phase: name,
    ms: round(performance.now() - since, 0),
    rssMiB: round(m.rss / 2 ** 20),
    heapUsedMiB: round(m.heapUsed / 2 ** 20),
    externalMiB: round(m.external / 2 ** 20),
    arrayBuffersMiB: round(m.arrayBuffers / 2 ** 20),
  });
};
mark('node boot (process start → first line of this script)', 0);

let dataDir = option('data-dir', '');
if (!dataDir) {
  dataDir = tempDir('gz-bench-phases-');
  const port = await freePort();
  const first = track(startChild([MAIN_JS], { PORT: String(port), HOST, DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '' }));
  await waitFor200(`http://${HOST}:${port}/api/health`, first);
  await stopChild(first);
}

try {
  let t = performance.now();
  const { buildApp } = await import('../dist/server/app.js');
  mark('import app.js (fastify, swagger, zod, routes)', t);
  t = performance.now();
  const { openDatabase } = await import('../dist/server/db/connect.js');
  const { migrateToLatest } = await import('../dist/server/db/migrate.js');
  const { ensureDemoData } = await import('../dist/server/demo/load-demo.js');
  const { loadConfig } = await import('../dist/server/config.js');
  // Since commit 48c785b main.ts seeds the working-day calendar after migrating.
  const seedCalendar = await import('../dist/server/calendar/store.js').then((m) => m.seedCalendarFromPackage).catch(() => null);
  // Since commit 371f1ce it starts the pg-boss scheduler after buildApp (JOBS=0 turns it off).
  const scheduler = process.env.JOBS === '0' ? null : await import('../dist/server/jobs/scheduler.js').catch(() => null);
  const channels = scheduler ? await import('../dist/server/notifications/channel.js') : null;
  mark('import db/connect (pglite, pg, kysely), migrate, demo, calendar', t);

  t = performance.now();
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' });
  const handle = await openDatabase({ dataDir: config.dataDir });
  mark('openDatabase (PGlite.create on existing pgdata)', t);
  t = performance.now();
  await migrateToLatest(handle.db);
  mark('migrateToLatest (nothing to do)', t);
  if (seedCalendar) {
    t = performance.now();
    await seedCalendar(handle.db);
    mark('seedCalendarFromPackage (years present)', t);
  }
  t = performance.now();
  await ensureDemoData(handle.db);
  mark('ensureDemoData (present)', t);
  t = performance.now();
  const app = await buildApp({
    db: handle.db,
    dbKind: handle.kind,
    sessionSecret: config.sessionSecret,
    secureCookies: false,
    webRoot: null,
    logger: false,
  });
  mark('buildApp (plugins, swagger, routes)', t);
  let boss = null;
  if (scheduler) {
    t = performance.now();
    boss = await scheduler.startScheduler(handle, new channels.LoggingChannel(() => {}), () => {});
    mark('startScheduler (pg-boss)', t);
  }
  t = performance.now();
  await app.listen({ port: 0, host: HOST });
  mark('listen', t);
  t = performance.now();
  const r = await app.inject({ method: 'GET', url: '/api/health' });
  if (r.statusCode !== 200) throw new Error(`health ${r.statusCode}`);
  mark('first /api/health (inject)', t);
  await new Promise((res) => setTimeout(res, 3000));
  global.gc?.();
  mark('after 3 s idle', performance.now());
  const total = round(performance.now() - t0, 0);
  await app.close();
  await boss?.stop({ graceful: true, wait: true, timeout: 5000 });
  await handle.close();

  console.log(`\n启动分解 / startup phases (one process, existing data folder) — ${machineLine()}`);
  console.log(
    table([
      ['phase', 'ms', 'RSS MiB', 'heap used', 'external', 'arrayBuffers'],
      ...phases.map((p) => [p.phase, p.ms, p.rssMiB, p.heapUsedMiB, p.externalMiB, p.arrayBuffersMiB]),
    ]),
  );
  console.log(
    `total to first health: ${round(
      phases.slice(0, -1).reduce((a, p) => a + p.ms, 0),
      0,
    )} ms (script total ${total} ms)\n`,
  );
  printJson('startup-phases', {
    dataDirGiven: Boolean(option('data-dir', '')),
    phases,
    pgdataMiB: round(du(`${dataDir}/pgdata`) / 2 ** 20),
  });
} finally {
  runCleanups();
}

function du(dir) {
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile()) n += fs.statSync(`${e.parentPath ?? e.path}/${e.name}`).size;
  return n;
}
