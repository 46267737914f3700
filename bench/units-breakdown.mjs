#!/usr/bin/env node
// 耗时分解 — what one GET /api/estates/:id/units?limit=1000 costs, part by part, in one process (no HTTP
// client, no other request in flight), next to the bare route's parts. Diagnostic companion of
// list-units.mjs: less sensitive to a busy machine, since each part is timed alone, many times.
//
// Parts of the real route: session lookup (loadSession), the estate-in-scope query, the count/area
// query, the rows query (with the scope EXISTS), permissionsAt for the buildings, presentUnit × 1000,
// the zod response encoding (fastify-type-provider-zod serializer = zod encode + JSON.stringify), and
// the whole request through Fastify (app.inject). The bare route: its SELECT, JSON.stringify, inject.
//
// Each part: median and minimum wall time, and this process's CPU time per call.
// Options: --backend=pglite|postgres|both (both), --iterations=60, --pg-url=postgres://postgres@127.0.0.1:5432/postgres
import { spawnSync } from 'node:child_process';
import Fastify from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../dist/server/app.js';
import { inScope, permissionsAt } from '../dist/server/access/scope.js';
import { createSession, loadSession } from '../dist/server/auth/sessions.js';
import { openDatabase } from '../dist/server/db/connect.js';
import { migrateToLatest } from '../dist/server/db/migrate.js';
import { ensureDemoData } from '../dist/server/demo/load-demo.js';
import { presentUnit } from '../dist/server/org/present.js';
import { listEstateUnits } from '../dist/server/org/queries.js';
import { unitListOut } from '../dist/server/org/schema.js';
import { machineLine, median, min, onCleanup, option, printJson, requireBuild, round, runCleanups, table, tempDir } from './lib.mjs';

requireBuild();
const BACKEND = option('backend', 'both');
const ITER = option('iterations', 60);
const PG_URL = option('pg-url', 'postgres://postgres@127.0.0.1:5432/postgres');
const backends = BACKEND === 'both' ? ['pglite', 'postgres'] : [BACKEND];
const NONE = new Set();

/** Runs `fn` ITER times after ITER/5 warm-up runs; median and minimum in ms. */
async function time(fn, n = ITER) {
  for (let i = 0; i < Math.max(3, Math.round(n / 5)); i++) await fn();
  const xs = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  const cpu = process.cpuUsage(cpu0);
  // CPU of this process per call (PGlite: includes the database; PostgreSQL: the client side only).
  return { medianMs: round(median(xs), 3), minMs: round(min(xs), 3), cpuMs: round((cpu.user + cpu.system) / 1000 / n, 3) };
}

async function openBackend(backend) {
  if (backend === 'pglite') {
    const dir = tempDir('gz-bench-breakdown-');
    return { handle: await openDatabase({ dataDir: dir }), drop: async () => {} };
  }
  const name = `gz_bench_bd_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  let dropped = false;
  onCleanup(() => dropped || spawnSync('psql', [PG_URL, '-q', '-c', `drop database if exists ${name} with (force)`], { stdio: 'ignore' }));
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    handle: await openDatabase({ databaseUrl: url.toString() }),
    drop: async () => {
      dropped = true;
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

async function breakdown(backend) {
  const { handle, drop } = await openBackend(backend);
  const db = handle.db;
  try {
    await migrateToLatest(db);
    await ensureDemoData(db);
    const account = await db.selectFrom('account').select('id').where('username', '=', 'jiedao').executeTakeFirstOrThrow();
    const { token } = await createSession(db, account.id, '127.0.0.1', 'bench');
    const user = await loadSession(db, token);
    const estate = await db
      .selectFrom('unit')
      .select(['estate_id', (eb) => eb.fn.countAll().as('n')])
      .groupBy('estate_id')
      .orderBy('n', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const estateId = estate.estate_id;
    const q = { limit: 1000, offset: 0 };

    // The queries of listEstateUnits, one by one (kept in step with server/org/queries.ts).
    const estateQuery = () =>
      db
        .selectFrom('org_node as n')
        .select(['n.id', 'n.kind'])
        .where('n.id', '=', estateId)
        .where(inScope(user, 'org.read', sql.ref('n.id')))
        .executeTakeFirst();
    const base = db
      .selectFrom('unit as u')
      .where('u.estate_id', '=', estateId)
      .where(inScope(user, 'unit.read', sql.ref('u.building_id')));
    const countQuery = () =>
      base.select([(eb) => eb.fn.countAll().as('n'), sql`coalesce(sum(u.area_centi), 0)`.as('area')]).executeTakeFirstOrThrow();
    const rowsQuery = () =>
      base
        .innerJoin('org_node as b', 'b.id', 'u.building_id')
        .select([
          'u.id',
          'u.estate_id',
          'u.building_id',
          'u.entrance',
          'u.floor',
          'u.number',
          'u.kind',
          'u.area_centi',
          'u.area_source',
          'b.name as building_name',
        ])
        .orderBy(sql`length(b.name)`)
        .orderBy('b.name')
        .orderBy(sql`length(u.entrance)`)
        .orderBy('u.entrance')
        .orderBy('u.floor')
        .orderBy(sql`length(u.number)`)
        .orderBy('u.number')
        .limit(1000)
        .offset(0)
        .execute();
    const bareQuery = () =>
      sql`select u.id, u.estate_id, u.building_id, u.entrance, u.floor, u.number, u.kind, u.area_centi, u.area_source, b.name as building_name
          from unit u join org_node b on b.id = u.building_id where u.estate_id = ${estateId}
          order by length(b.name), b.name, length(u.entrance), u.entrance, u.floor, length(u.number), u.number limit 1000`.execute(db);

    const rows = await rowsQuery();
    const buildingIds = [...new Set(rows.map((r) => r.building_id))];
    const held = await permissionsAt(db, user, buildingIds);
    const result = await listEstateUnits(db, user, estateId, q);
    const serialize = serializerCompiler({ schema: unitListOut, method: 'GET', url: '/api/estates/:id/units' });
    const bareRows = (await bareQuery()).rows;
    // The copies above must match the route: same ids, same order.
    for (const [label, xs] of [
      ['rows query', rows],
      ['bare query', bareRows],
    ]) {
      if (xs.length !== result.items.length || xs.some((r, i) => r.id !== result.items[i].id))
        throw new Error(`${label} no longer matches listEstateUnits (server/org/queries.ts changed?): update this file`);
    }

    // Whole requests through Fastify, in process.
    const app = await buildApp({
      db,
      dbKind: handle.kind,
      sessionSecret: 'bench-secret-0123456789abcdef0123456789',
      webRoot: null,
      logger: false,
    });
    await app.ready();
    const cookie = `gz_sid=${app.signCookie(token)}`;
    const bare = Fastify({ logger: false });
    bare.get('/units/:estateId', async () => (await bareQuery()).rows);
    await bare.ready();
    const injectReal = async () => {
      const r = await app.inject({ method: 'GET', url: `/api/estates/${estateId}/units?limit=1000`, headers: { cookie } });
      if (r.statusCode !== 200) throw new Error(`real inject ${r.statusCode}: ${r.body.slice(0, 300)}`);
    };
    const injectBare = async () => {
      const r = await bare.inject({ method: 'GET', url: `/units/${estateId}` });
      if (r.statusCode !== 200) throw new Error(`bare inject ${r.statusCode}`);
    };
    // The real request without the response encoding (same handler, plain JSON.stringify).
    const noZod = Fastify({ logger: false });
    noZod.get('/units/:estateId', async (req) => listEstateUnits(db, await loadSession(db, token), Number(req.params.estateId), q));
    await noZod.ready();
    const injectNoZod = async () => {
      const r = await noZod.inject({ method: 'GET', url: `/units/${estateId}` });
      if (r.statusCode !== 200) throw new Error(`no-zod inject ${r.statusCode}`);
    };

    const parts = [
      ['real', 'session lookup (loadSession)', await time(() => loadSession(db, token))],
      ['real', 'estate in scope (1 query)', await time(estateQuery)],
      ['real', 'count + area (1 query)', await time(countQuery)],
      ['real', 'rows with scope EXISTS (1 query)', await time(rowsQuery)],
      ['real', 'count ‖ rows as the route runs them (Promise.all)', await time(() => Promise.all([countQuery(), rowsQuery()]))],
      ['real', 'permissionsAt for the page’s buildings (1 query)', await time(() => permissionsAt(db, user, buildingIds))],
      ['real', 'presentUnit × 1000', await time(async () => rows.map((r) => presentUnit(r, held.get(r.building_id) ?? NONE)))],
      ['real', 'listEstateUnits whole (4 queries + present)', await time(() => listEstateUnits(db, user, estateId, q))],
      ['real', 'zod encode + JSON.stringify (response serializer)', await time(async () => serialize(result))],
      ['real', '  of which JSON.stringify alone', await time(async () => JSON.stringify(result))],
      ['real', 'whole request, app.inject', await time(injectReal)],
      ['real', 'same handler in bare Fastify (session + list, no zod)', await time(injectNoZod)],
      ['bare', 'rows (1 query)', await time(bareQuery)],
      ['bare', 'JSON.stringify(rows)', await time(async () => JSON.stringify(bareRows))],
      ['bare', 'whole request, app.inject', await time(injectBare)],
    ];
    await app.close();
    await bare.close();
    await noZod.close();
    return {
      backend,
      estateId,
      units: Number(estate.n),
      iterations: ITER,
      parts: parts.map(([route, part, t]) => ({ route, part, ...t })),
    };
  } finally {
    await handle.close();
    await drop();
  }
}

try {
  const out = [];
  for (const b of backends) out.push(await breakdown(b));
  console.log(`\n耗时分解 / one request, part by part (median of ${ITER}, ms) — ${machineLine()}`);
  const rowsOf = out[0].parts.map((p, i) => [
    p.route,
    p.part,
    ...out.flatMap((o) => [o.parts[i].medianMs, o.parts[i].minMs, o.parts[i].cpuMs]),
  ]);
  console.log(
    table([['route', 'part', ...out.flatMap((o) => [`${o.backend} median`, `${o.backend} min`, `${o.backend} node CPU`])], ...rowsOf]),
  );
  console.log('node CPU: CPU time of this process per call (PGlite: includes the database engine; PostgreSQL: client side only).');
  console.log('');
  printJson('units-breakdown', { results: out });
} catch (err) {
  console.error(`units-breakdown failed: ${err.stack ?? err}`);
  process.exitCode = 2;
} finally {
  runCleanups();
}
