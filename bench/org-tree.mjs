#!/usr/bin/env node
// 组织树基准 (issue 18 §4) — "On that district every user's first request is slow today: GET /api/org/tree
// spends 200–330 ms per request in PostgreSQL's JIT … send what a district user needs to start, not the
// whole tree at once."
//
// On PostgreSQL with the benchmark district of `gongzhi load-large`: for each user (the district admin,
// the district department on three streets, a street admin), N times, a fresh login and then its first
// request, alternating: the whole tree (GET /api/org/tree) and the start answer (GET /api/org/tree?depth=2).
// Then the bare SQL of the same: the statements listTree runs (captured from Kysely's log), replayed on a
// plain pg client, N times each; and, for reference, the former per-node unit-count statement (before
// 9382f4b), whose plan PostgreSQL JIT-compiled. Each statement's plan is checked for JIT (EXPLAIN ANALYZE).
//
// Options (argv `--x=v` or env BENCH_X): --n=30, --pg-url=postgres://postgres@127.0.0.1:5432/postgres
// (server on which a scratch database is made and load-large run; dropped at the end), --db=URL (an
// existing database that already has load-large: nothing is loaded or dropped; with --data-dir=the DATA_DIR
// load-large ran with, whose registry-key the server needs), --users=jz_quguanli,jz_quzhujian,jz_jiedao1
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import {
  HOST,
  MAIN_JS,
  ROOT,
  freePort,
  get,
  loadLarge,
  loginCookie,
  machineLine,
  option,
  printJson,
  requireBuild,
  round,
  runCleanups,
  scratchDatabase,
  startChild,
  stopAll,
  stopChild,
  table,
  tempDir,
  timings,
  track,
  waitFor200,
} from './lib.mjs';

requireBuild();
const N = option('n', 30);
const PG_URL = option('pg-url', 'postgres://postgres@127.0.0.1:5432/postgres');
const EXISTING = option('db', '');
// load-large and the server share it: the registry key (DATA_DIR/registry-key) must be the one the database was loaded with
const DATA_DIR = option('data-dir', '') || tempDir('gz-bench-tree-');
const USERS = option('users', 'jz_quguanli,jz_quzhujian,jz_jiedao1').split(',');
const PASSWORD = 'Gongzhi@2026';
const START_DEPTH = 2;
for (const u of [PG_URL, EXISTING].filter(Boolean))
  if (!['127.0.0.1', 'localhost'].includes(new URL(u).hostname)) throw new Error('the database must be on 127.0.0.1');

const { listTree } = await import(path.join(ROOT, 'dist/server/org/queries.js'));

/** A scratch database with load-large in it (about 10 s of loading), dropped at the end. */
async function largeDatabase() {
  const db = await scratchDatabase(PG_URL, 'tree');
  loadLarge(db.url, DATA_DIR);
  return db;
}

const login = (base, username) => loginCookie(base, username, PASSWORD);
const stats = timings;

/** The former statement (server/org/queries.ts before 9382f4b): a unit count per node in the select list. */
const formerSql = (roots) => `select n.id, n.kind, n.name, n.code, n.parent_id, n.grid_id, n.address, n.delivered_on,
  exists (select 1 from org_closure c where c.descendant_id = n.id and c.ancestor_id in (${roots})) as in_scope,
  case n.kind when 'estate' then (select count(*) from unit u where u.estate_id = n.id)
    when 'building' then (select count(*) from unit u where u.estate_id = n.parent_id and u.building_id = n.id) else 0 end as unit_count
  from org_node n
  where exists (select 1 from org_closure c where c.descendant_id = n.id and c.ancestor_id in (${roots}))
    or exists (select 1 from org_closure c where c.ancestor_id = n.id and c.descendant_id in (${roots}))
    or exists (select 1 from org_node child join org_closure c on c.descendant_id = child.id where child.parent_id = n.id and c.ancestor_id in (${roots}))
  order by n.kind, n.name`;

async function main() {
  const scratch = EXISTING ? null : await largeDatabase();
  const url = EXISTING || scratch.url;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // The plans below are those of an analysed database (the hourly job does this on a running server).
  await client.query('analyze');
  const port = await freePort();
  const server = track(
    startChild([MAIN_JS], {
      DATABASE_URL: url,
      DATA_DIR,
      DEMO: '0',
      PORT: String(port),
      HOST,
      LOG_LEVEL: 'warn',
      JOBS: '0',
    }),
  );
  const base = `http://${HOST}:${port}`;
  await waitFor200(`${base}/api/health`, server, { timeoutMs: 180_000 });

  // Kysely with a log of the statements listTree runs, for the bare replay.
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  let captured = [];
  const db = new Kysely({ dialect: new PostgresDialect({ pool }), log: (e) => e.level === 'query' && captured.push(e.query) });

  const rows = [];
  const results = {};
  try {
    for (const username of USERS) {
      const roles = (
        await client.query('select r.role, r.node_id from role_assignment r join account a on a.id = r.account_id where a.username = $1', [
          username,
        ])
      ).rows.map((r) => ({ role: r.role, nodeId: r.node_id }));
      if (roles.length === 0) throw new Error(`no account ${username}: is load-large in this database?`);
      const timing = { full: [], start: [] };
      const size = {};
      const count = {};
      for (let i = 0; i < N; i++) {
        for (const mode of ['full', 'start']) {
          const cookie = await login(base, username);
          const t0 = performance.now();
          const r = await get(`${base}/api/org/tree${mode === 'start' ? `?depth=${START_DEPTH}` : ''}`, {
            headers: { cookie, 'accept-encoding': 'identity' },
            timeoutMs: 30_000,
          });
          timing[mode].push(performance.now() - t0);
          if (r.status !== 200) throw new Error(`GET tree (${mode}) as ${username}: ${r.status} ${r.body.slice(0, 200)}`);
          size[mode] = Buffer.byteLength(r.body);
          count[mode] = JSON.parse(r.body).nodes.length;
        }
      }
      const user = { id: 0, username, displayName: username, mustChangePassword: false, roles, sessionId: '', csrfToken: '' };
      const bare = {};
      const jit = {};
      for (const mode of ['full', 'start']) {
        captured = [];
        await listTree(db, user, mode === 'start' ? { depth: START_DEPTH } : {});
        const statements = captured;
        const times = [];
        for (let i = 0; i < N; i++) {
          const t0 = performance.now();
          for (const s of statements) await client.query(s.sql, s.parameters);
          times.push(performance.now() - t0);
        }
        bare[mode] = times;
        jit[mode] = 0;
        for (const s of statements) {
          const plan = (await client.query(`explain (analyze, format json) ${s.sql}`, s.parameters)).rows[0]['QUERY PLAN'][0];
          jit[mode] += plan.JIT ? round(plan.JIT.Timing.Total, 1) : 0;
        }
      }
      const roots = [...new Set(roles.map((r) => r.nodeId))].join(',');
      const former = [];
      for (let i = 0; i < Math.min(N, 10); i++) {
        const t0 = performance.now();
        await client.query(formerSql(roots));
        former.push(performance.now() - t0);
      }
      const formerPlan = (await client.query(`explain (analyze, format json) ${formerSql(roots)}`)).rows[0]['QUERY PLAN'][0];
      results[username] = {
        roles: roles.map((r) => r.role)[0],
        full: { http: stats(timing.full), bare: stats(bare.full), nodes: count.full, bytes: size.full, jitMs: jit.full },
        start: { http: stats(timing.start), bare: stats(bare.start), nodes: count.start, bytes: size.start, jitMs: jit.start },
        former: { bare: stats(former), jitMs: formerPlan.JIT ? round(formerPlan.JIT.Timing.Total, 1) : 0 },
      };
      const r = results[username];
      const ms = (x) => `${x.p50} / ${x.p99}`;
      for (const [label, a] of [
        ['whole tree', r.full],
        [`start (depth ${START_DEPTH})`, r.start],
      ])
        rows.push([username, label, String(a.nodes), `${round(a.bytes / 1024, 1)} KiB`, ms(a.http), ms(a.bare), String(a.jitMs)]);
      rows.push([username, 'former SQL (before 9382f4b)', '', '', '', ms(r.former.bare), String(r.former.jitMs)]);
    }
  } finally {
    await db.destroy();
    await client.end();
    await stopChild(server);
    await scratch?.drop();
  }
  console.log(
    `\n${machineLine()}\nfirst request after a fresh login, N = ${N} each; ms p50 / p99; JIT = ms PostgreSQL spent compiling (EXPLAIN ANALYZE)`,
  );
  console.log(table([['user', 'answer', 'nodes', 'size', 'HTTP', 'bare SQL', 'JIT'], ...rows]));
  printJson('org-tree', { n: N, depth: START_DEPTH, results });
}

try {
  await main();
} catch (err) {
  console.error(err);
  process.exitCode = 1;
} finally {
  await stopAll();
  runCleanups();
}
