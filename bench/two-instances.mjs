#!/usr/bin/env node
// 两个实例 (issue 20 §6) — "a load test in bench/ on PostgreSQL with two app instances behind a local
// round-robin (or the client alternating): the large data set (load-large), a mix of staff list views,
// the public board and ballots, for a few minutes; report throughput, p99 and errors per instance, and
// that nothing is lost or counted twice."
//
// 1. A new database on the PostgreSQL server of --pg-url (or of DATABASE_URL's server), dropped at the end.
// 2. Two instances of the built server (dist/server/main.js) started at the same moment on the empty
//    database (DEMO=0, one SESSION_SECRET and REGISTRY_KEY): both must come up (race-free first start;
//    before the fix in server/jobs/scheduler.ts one of them died of a deadlock in pg-boss's queue creation).
// 3. While both run: `gongzhi load-large` (10 streets, 300 estates, ~300,000 units), then
//    `gongzhi create-admin` for the first street's administrator (its first-login password change is
//    waived in SQL: a bench account), and through the API as that administrator a voting estate of
//    --units (8000) units with owners' accounts and sessions in bulk SQL and a decision opened today
//    (bench/voting.mjs, as cast-ballots).
// 4. Timed, --duration (150) seconds, --connections (24) clients in a closed loop; request k goes to
//    instance k mod 2, and the pair k, k+1 has the same kind. The mix, by turns of ten: 3 × staff list views (an estate's units, 100 a page;
//    open tickets of the street, 20 a page), 3 × the public board (an estate's notices; its 十公开),
//    3 × a ballot (each voter once), 1 × the staff's own page (/api/auth/me).
// 5. After: per instance and per kind, requests/s, p50, p99 and errors; then in SQL, nothing lost or
//    counted twice: submissions in the database = ballots the API accepted (201), one counted ballot per
//    head and motion, the recount of every motion by choice = the answers the API accepted, one
//    ballot.cast audit entry per submission, and the audit chain verified (server/audit/verify.ts).
// Options: --duration=150, --connections=24, --units=8000, --pg-url=postgres://postgres:gongzhi@127.0.0.1:5432/postgres,
// --log-level=warn, --keep-db=0.
import crypto from 'node:crypto';
import http from 'node:http';
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import {
  HOST,
  MAIN_JS,
  ROOT,
  freePort,
  machineLine,
  onCleanup,
  option,
  percentile,
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
import { loginAs, openVote, verifyChain } from './voting.mjs';

const CHOICES = ['yes', 'yes', 'no', 'abstain'];

/** `gongzhi <args>` with `env`; its output, or an error with it. */
function cli(args, env) {
  const r = spawnSync(process.execPath, ['bin/gongzhi.js', ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`gongzhi ${args[0]} failed (${r.status}): ${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

async function main() {
  requireBuild();
  const DURATION = option('duration', 150);
  const CONNECTIONS = option('connections', 24);
  const UNITS = option('units', 8000);
  const fromEnv = process.env.DATABASE_URL ? Object.assign(new URL(process.env.DATABASE_URL), { pathname: '/postgres' }).toString() : null;
  const PG_URL = option('pg-url', fromEnv ?? 'postgres://postgres:gongzhi@127.0.0.1:5432/postgres');
  const LOG_LEVEL = option('log-level', 'warn');
  const { todayInChina } = await import('../dist/server/clock.js');
  const { dateOf, dayIndex } = await import('../dist/core/workdays.js');
  const shift = (days) => dateOf(dayIndex(todayInChina()) + days);

  const name = `gz_bench_two_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  const pgVersion = (await admin.query('show server_version')).rows[0].server_version;
  await admin.query(`create database ${name}`);
  await admin.end();
  const keep = option('keep-db', '0') !== '0';
  onCleanup(() => {
    if (!keep) spawnSync('psql', [PG_URL, '-q', '-c', `drop database if exists ${name} with (force)`], { stdio: 'ignore' });
  });
  const dbUrl = new URL(PG_URL);
  dbUrl.pathname = `/${name}`;
  const DATABASE_URL = dbUrl.toString();
  const shared = {
    DATABASE_URL,
    HOST,
    LOG_LEVEL,
    NODE_ENV: 'production',
    DEMO: '0',
    SESSION_SECRET: crypto.randomBytes(32).toString('hex'),
    REGISTRY_KEY: crypto.randomBytes(32).toString('hex'),
  };
  const c = new pg.Client({ connectionString: DATABASE_URL });

  try {
    console.log(`两个实例 — PostgreSQL ${pgVersion}, ${DURATION} s, ${CONNECTIONS} clients — ${machineLine()}`);
    // ── two instances started together on the empty database ──
    const ports = [await freePort(), await freePort()];
    const bases = ports.map((p) => `http://${HOST}:${p}`);
    const t0 = performance.now();
    const procs = ports.map((p, i) =>
      track(startChild([MAIN_JS], { ...shared, PORT: String(p), DATA_DIR: tempDir(`gz-bench-two-${i}-`) })),
    );
    const upMs = await Promise.all(
      procs.map((proc, i) => waitFor200(`${bases[i]}/api/health/ready`, proc, { since: t0, timeoutMs: 240_000 })),
    );
    console.log(
      `both instances up on the empty database (pids ${procs.map((p) => p.pid).join(', ')}): ${upMs.map((x) => Math.round(x)).join(' ms, ')} ms`,
    );

    // ── the large data set and an administrator, while both run ──
    const tl = performance.now();
    console.log(
      cli(['load-large'], { DATABASE_URL, REGISTRY_KEY: shared.REGISTRY_KEY }).trim(),
      `(${Math.round(performance.now() - tl)} ms)`,
    );
    await c.connect();
    const street = (
      await c.query(
        `select s.name from org_node s join org_node d on d.id = s.parent_id where s.kind = 'street' and d.name = '基准测试区（演示）' order by s.id limit 1`,
      )
    ).rows[0].name;
    const out = cli(
      ['create-admin', '--district', '基准测试区（演示）', '--street', street, '--username', 'bench_admin', '--name', '基准管理员'],
      {
        DATABASE_URL,
        REGISTRY_KEY: shared.REGISTRY_KEY,
      },
    );
    const password = /初始密码：(\S+)/.exec(out)[1];
    await c.query(`update account set must_change_password = false where username = 'bench_admin'`);
    const staff = await loginAs(bases[0], 'bench_admin', password);
    const { id, setup, opened, estate } = await openVote({
      base: bases[1],
      c,
      units: UNITS,
      motions: 2,
      sessionSecret: shared.SESSION_SECRET,
      shift,
      admin: { login: 'bench_admin', password },
      estateName: '两实例表决小区',
    });
    const codes = opened.motions.map((m) => m.code);
    const units = (await c.query('select count(*)::int n from unit')).rows[0].n;
    console.log(
      `data: ${units} units; decision ${id} opened in estate ${estate}: ${opened.totals.heads} heads, ${setup.voters.length} voters`,
    );
    const estates = (
      await c.query(
        `select e.id from org_node e join org_closure x on x.descendant_id = e.id join org_node s on s.id = x.ancestor_id
         where e.kind = 'estate' and s.kind = 'street' and s.name = $1 order by e.id`,
        [street],
      )
    ).rows.map((r) => r.id);

    // ── the mix ──
    const voters = setup.voters;
    let nextVoter = 0;
    const answersOf = (i) => Object.fromEntries(codes.map((code, k) => [code, CHOICES[(i * 3 + k) % CHOICES.length]]));
    const pick = (xs, k) => xs[k % xs.length];
    const MIX = ['units', 'board', 'ballot', 'tickets', 'disclosures', 'ballot', 'units', 'board', 'ballot', 'me'];
    const jobOf = (k) => {
      // the kind by pairs of requests, so that each instance gets every kind
      const kind = MIX[Math.floor(k / 2) % MIX.length];
      const e = pick(estates, Math.floor(k / 2) * 7);
      switch (kind) {
        case 'units':
          return { kind, path: `/api/estates/${e}/units?limit=100`, headers: staff.headers };
        case 'tickets':
          return { kind, path: '/api/tickets?status=open&page=1&pageSize=20', headers: staff.headers };
        case 'board':
          return { kind, path: `/api/public/estates/${e}/notices` };
        case 'disclosures':
          return { kind, path: `/api/public/estates/${e}/disclosures` };
        case 'me':
          return { kind, path: '/api/auth/me', headers: staff.headers };
        default: {
          if (nextVoter >= voters.length) return { kind: 'board', path: `/api/public/estates/${e}/notices` };
          const i = nextVoter++;
          return { kind, path: `/api/decisions/${id}/vote`, headers: voters[i].headers, body: { answers: answersOf(i) }, voter: i };
        }
      }
    };
    const agents = ports.map(() => new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS, maxFreeSockets: CONNECTIONS }));
    const send = (inst, job) =>
      new Promise((resolve) => {
        const body = job.body ? Buffer.from(JSON.stringify(job.body)) : null;
        const req = http.request(
          {
            hostname: HOST,
            port: ports[inst],
            path: job.path,
            method: body ? 'POST' : 'GET',
            agent: agents[inst],
            timeout: 30_000,
            headers: { ...(job.headers ?? {}), ...(body ? { 'content-type': 'application/json', 'content-length': body.length } : {}) },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode));
          },
        );
        req.on('timeout', () => req.destroy(new Error('timeout')));
        req.on('error', (err) => resolve(`error:${err.code ?? err.message}`));
        req.end(body ?? undefined);
      });
    const stats = ports.map(() => ({ n: 0, errors: 0, statuses: {}, latencies: [], kinds: {} }));
    const accepted = [];
    const expected = (kind) => (kind === 'ballot' ? 201 : 200);
    let k = 0;
    const deadline = performance.now() + DURATION * 1000;
    const tStart = performance.now();
    const client = async () => {
      while (performance.now() < deadline) {
        const n = k++;
        const inst = n % 2;
        const job = jobOf(n);
        const t = performance.now();
        const status = await send(inst, job);
        const ms = performance.now() - t;
        const s = stats[inst];
        s.n++;
        s.latencies.push(ms);
        const kk = (s.kinds[job.kind] ??= { n: 0, errors: 0, latencies: [] });
        kk.n++;
        kk.latencies.push(ms);
        if (status !== expected(job.kind)) {
          s.errors++;
          kk.errors++;
          s.statuses[status] = (s.statuses[status] ?? 0) + 1;
        } else if (job.kind === 'ballot') accepted.push(job.voter);
      }
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, client));
    const elapsed = (performance.now() - tStart) / 1000;
    agents.forEach((a) => a.destroy());

    const fig = (latencies) => {
      const s = [...latencies].sort((a, b) => a - b);
      return { p50Ms: round(percentile(s, 50), 1), p99Ms: round(percentile(s, 99), 1) };
    };
    const rows = [['instance', 'kind', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'errors']];
    const perInstance = stats.map((s, i) => {
      const all = { requests: s.n, rps: round(s.n / elapsed, 1), ...fig(s.latencies), errors: s.errors, statuses: s.statuses };
      rows.push([`#${i + 1} :${ports[i]}`, 'all', s.n, all.rps, all.p50Ms, all.p99Ms, s.errors]);
      const kinds = {};
      for (const [kind, x] of Object.entries(s.kinds).sort()) {
        kinds[kind] = { requests: x.n, rps: round(x.n / elapsed, 1), ...fig(x.latencies), errors: x.errors };
        rows.push(['', kind, x.n, kinds[kind].rps, kinds[kind].p50Ms, kinds[kind].p99Ms, x.errors]);
      }
      return { ...all, kinds };
    });
    console.log(`\n${table(rows)}`);
    for (const [i, s] of stats.entries()) if (s.errors) console.log(`instance #${i + 1} errors by status: ${JSON.stringify(s.statuses)}`);

    // ── nothing lost, nothing counted twice ──
    const q = async (text, params = [id]) => (await c.query(text, params)).rows;
    const [{ subs }] = await q(`select count(distinct submission_id)::int subs from ballot where decision_id = $1`);
    const twice = await q(
      `select head, motion_code from ballot where decision_id = $1 and status = 'counted' group by 1, 2 having count(*) > 1`,
    );
    const recount = {};
    for (const r of await q(
      `select motion_code, choice, count(*)::int n from ballot where decision_id = $1 and status = 'counted' group by 1, 2`,
    ))
      recount[`${r.motion_code}:${r.choice}`] = r.n;
    const want = {};
    for (const i of accepted)
      for (const [code, choice] of Object.entries(answersOf(i))) want[`${code}:${choice}`] = (want[`${code}:${choice}`] ?? 0) + 1;
    const [{ cast }] = await q(
      `select count(*)::int cast from audit_entry where action = 'ballot.cast' and (after ->> 'decisionId')::int = $1`,
    );
    const chain = await verifyChain(DATABASE_URL);
    const sameRecount = JSON.stringify(Object.entries(recount).sort()) === JSON.stringify(Object.entries(want).sort());
    const checks = {
      acceptedByApi: accepted.length,
      submissionsInDb: subs,
      countedTwice: twice.length,
      recountMatches: sameRecount,
      castAuditEntries: cast,
      auditChain: chain.ok,
      auditEntries: chain.entries,
    };
    const ok = subs === accepted.length && twice.length === 0 && sameRecount && cast === accepted.length && chain.ok;
    console.log(
      `ballots accepted by the API ${accepted.length}, submissions in the database ${subs}; heads counted twice ${twice.length}; ` +
        `recount by motion and choice = accepted answers: ${sameRecount ? 'yes' : 'NO'} ${JSON.stringify(recount)}; ` +
        `ballot.cast audit entries ${cast}; audit chain ${chain.ok ? 'intact' : 'BROKEN'} (${chain.entries} entries) → ${ok ? 'PASS' : 'FAIL'}`,
    );
    for (const p of procs) await stopChild(p);
    printJson('two-instances', {
      durationS: round(elapsed, 1),
      connections: CONNECTIONS,
      units,
      voteUnits: UNITS,
      startMs: upMs.map((x) => Math.round(x)),
      total: { requests: stats.reduce((a, s) => a + s.n, 0), rps: round(stats.reduce((a, s) => a + s.n, 0) / elapsed, 1) },
      instances: perInstance,
      checks,
      pass: ok,
    });
    if (!ok) process.exitCode = 1;
  } finally {
    await c.end().catch(() => {});
    await stopAll();
    runCleanups();
  }
}

await main();
