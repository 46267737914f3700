#!/usr/bin/env node
// 总览基准 (issue 18 §4) — "On that district, on PostgreSQL, the street and district home pages answer in
// under 300 ms at p50 each, and each dashboard query is within 3× of the bare SQL aggregate over the same
// tables measured in the same run … figures must be current to the minute."
//
// On PostgreSQL with the benchmark district of `gongzhi load-large` (nothing cached: every request
// computes its figures from the tables):
// 1. the home page: GET /api/overview as a street admin (jz_jiedao1) and as the district admin
//    (jz_quguanli), N times each, p50 / p99;
// 2. each figure's query (server/overview/figures.ts, in this process over its own pool) against the bare
//    SQL aggregate of the same figure over the same tables — the count one would write by hand — N times
//    each, alternating, on the district node; the ratio of the medians.
//
// Options (argv `--x=v` or env BENCH_X): --n=30, --pg-url=postgres://postgres@127.0.0.1:5432/postgres
// (server on which a scratch database is made and load-large run; dropped at the end), --db=URL (an
// existing database that already has load-large; with --data-dir=the DATA_DIR load-large ran with).
import path from 'node:path';
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
const DATA_DIR = option('data-dir', '') || tempDir('gz-bench-overview-');
const PASSWORD = 'Gongzhi@2026';
for (const u of [PG_URL, EXISTING].filter(Boolean))
  if (!['127.0.0.1', 'localhost'].includes(new URL(u).hostname)) throw new Error('the database must be on 127.0.0.1');

const { openDatabase } = await import(path.join(ROOT, 'dist/server/db/connect.js'));
const { figureContext } = await import(path.join(ROOT, 'dist/server/overview/queries.js'));
const { FIGURE_ROWS } = await import(path.join(ROOT, 'dist/server/overview/figures.js'));
const { figureRows } = await import(path.join(ROOT, 'dist/server/overview/memo.js'));

/** A scratch database with load-large in it (about 10 s of loading), dropped at the end. */
async function largeDatabase() {
  const db = await scratchDatabase(PG_URL, 'overview');
  loadLarge(db.url, DATA_DIR);
  return db;
}

const login = (base, username) => loginCookie(base, username, PASSWORD);
const stats = (xs) => {
  const { p50, p99 } = timings(xs);
  return { p50, p99 };
};

/** The estates under a node: the bare aggregates' common part. */
const UNDER = `org_closure k join org_node e on e.id = k.descendant_id and e.kind = 'estate' where k.ancestor_id = $1`;
const YEAR = `extract(year from now() at time zone 'Asia/Shanghai')::int`;

/** The aggregate one would write by hand for each figure, over the same tables, on node $1. */
const BARE = {
  coverage: `select count(*) filter (where coalesce(g.status, 'pending') = 'pmcRunning') as value, count(*) as of
    from ${UNDER.replace('where', 'left join estate_governance g on g.estate_id = e.id where')}
    and coalesce(g.status, 'pending') in ('pmcRunning', 'pending', 'committeeExpired', 'formingPmc')`,
  forming: `select count(*) from formation_case f join org_closure k on k.descendant_id = f.estate_id
    where k.ancestor_id = $1 and f.state not in ('established', 'cancelled')`,
  overdue: `select (select count(*) from objection o join formation_case f on f.list_notice_id = o.notice_id
      join org_closure k on k.descendant_id = f.estate_id where k.ancestor_id = $1 and o.status = 'open' and o.verify_due < current_date)
    + (select count(*) from property_committee p join org_closure k on k.descendant_id = p.estate_id
      where k.ancestor_id = $1 and p.status = 'active' and p.term_end < current_date)`,
  composition: `select count(*) filter (where jsonb_array_length(coalesce(cc.failures, '[]')) > 0), count(*)
    from property_committee p join org_closure k on k.descendant_id = p.estate_id
    left join committee_compliance cc on cc.committee_kind = 'pmc' and cc.committee_id = p.id
    where k.ancestor_id = $1 and p.status = 'active'`,
  partyBuilding: `select count(distinct ce.company_id) from company_estate ce join org_closure k on k.descendant_id = ce.estate_id where k.ancestor_id = $1`,
  gridStaffing: `select count(*) filter (where exists (select 1 from post p where p.node_id = n.id and p.role = 'gridWorker'
      and p.started_on <= current_date and (p.ended_on is null or p.ended_on > current_date))), count(*)
    from org_closure k join org_node n on n.id = k.descendant_id and n.kind = 'grid' where k.ancestor_id = $1`,
  oneHoldsAll: `select count(*), count(p.id) from org_closure k join org_node n on n.id = k.descendant_id and n.kind = 'grid'
    left join post p on p.node_id = n.id and p.role in ('gridWorker', 'gridLeader', 'residentsGroupLeader') where k.ancestor_id = $1`,
  board: `select count(*) from disclosure_version v join org_closure k on k.descendant_id = v.estate_id
    where k.ancestor_id = $1 and v.source = 'entered'
      and not exists (select 1 from disclosure_version w where w.estate_id = v.estate_id and w.item = v.item and w.source = 'entered' and w.version > v.version)`,
  ticketsOnTime: `select count(*) filter (where t.finished_late = false), count(t.finished_at) from ticket t
    join org_closure k on k.descendant_id = coalesce(t.estate_id, t.community_id) where k.ancestor_id = $1
      and extract(year from t.raised_at at time zone 'Asia/Shanghai') = ${YEAR}`,
  ticketSatisfaction: `select count(*) filter (where t.satisfaction in ('satisfied', 'basicallySatisfied')), count(t.satisfaction) from ticket t
    join org_closure k on k.descendant_id = coalesce(t.estate_id, t.community_id) where k.ancestor_id = $1
      and extract(year from t.raised_at at time zone 'Asia/Shanghai') = ${YEAR}`,
  evaluation: `select count(*) filter (where ev.choice in ('satisfied', 'basic')), count(ev.id) from committee_report cr
    join org_closure k on k.descendant_id = cr.estate_id left join committee_evaluation ev on ev.report_id = cr.id
    where k.ancestor_id = $1 and cr.year = ${YEAR}`,
  training: `select count(distinct po.person_id) from post po join org_closure k on k.descendant_id = po.node_id
    where k.ancestor_id = $1 and po.role in ('propertyCommitteeDirector', 'ownersCommitteeMember', 'companyHead')`,
  votes: `select count(*), coalesce(sum(d.total_heads), 0) from decision d join org_closure k on k.descendant_id = d.estate_id
    where k.ancestor_id = $1 and d.state = 'published' and extract(year from d.published_on) = ${YEAR}`,
};

async function main() {
  const scratch = EXISTING ? null : await largeDatabase();
  const url = EXISTING || scratch.url;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('analyze');
  const port = await freePort();
  const server = track(
    startChild([MAIN_JS], { DATABASE_URL: url, DATA_DIR, DEMO: '0', PORT: String(port), HOST, LOG_LEVEL: 'warn', JOBS: '0' }),
  );
  const base = `http://${HOST}:${port}`;
  await waitFor200(`${base}/api/health`, server, { timeoutMs: 180_000 });
  const handle = await openDatabase({ databaseUrl: url, poolSize: 4 });
  const results = { home: {}, figures: {} };
  const homeRows = [];
  const tableRows = [];
  try {
    // 1. the home pages
    for (const username of ['jz_jiedao1', 'jz_quguanli']) {
      const cookie = await login(base, username);
      const times = [];
      let body = null;
      for (let i = 0; i < N + 2; i++) {
        const t0 = performance.now();
        const r = await get(`${base}/api/overview`, { headers: { cookie, 'accept-encoding': 'identity' }, timeoutMs: 30_000 });
        if (r.status !== 200) throw new Error(`GET /api/overview as ${username}: ${r.status} ${r.body.slice(0, 200)}`);
        if (i >= 2) times.push(performance.now() - t0); // two warm-up requests (prepared statements, caches)
        body = JSON.parse(r.body);
      }
      results.home[username] = { ...stats(times), node: body.node.name, children: body.children.length };
      homeRows.push([
        username,
        `${body.node.kindLabel} ${body.node.name}（${body.children.length}个下级）`,
        String(results.home[username].p50),
        String(results.home[username].p99),
      ]);
    }
    // 2. each figure against its bare aggregate, on the district node, as the district admin
    const account = (
      await client.query(
        `select a.id, r.role, r.node_id from account a join role_assignment r on r.account_id = a.id where a.username = 'jz_quguanli'`,
      )
    ).rows;
    if (!account.length) throw new Error('no jz_quguanli: is load-large in this database?');
    const user = {
      id: account[0].id,
      username: 'jz_quguanli',
      displayName: 'bench',
      mustChangePassword: false,
      roles: account.map((r) => ({ role: r.role, nodeId: r.node_id })),
      sessionId: '',
      csrfToken: '',
    };
    const district = account[0].node_id;
    const ctx = await figureContext(handle.db, user, district, undefined);
    for (const [code, bare] of Object.entries(BARE)) {
      const fig = [];
      const raw = [];
      const kept = [];
      const now = Date.now();
      for (let i = 0; i < N + 1; i++) {
        let t0 = performance.now();
        await FIGURE_ROWS[code](ctx);
        const a = performance.now() - t0;
        t0 = performance.now();
        await client.query(bare, [district]);
        const b = performance.now() - t0;
        // as served within the minute: the rows counted once, read again
        t0 = performance.now();
        await figureRows(code, ctx, now).rows;
        const k = performance.now() - t0;
        if (i > 0) {
          fig.push(a);
          raw.push(b);
          kept.push(k);
        }
      }
      const f = stats(fig);
      const r = stats(raw);
      const w = stats(kept);
      const ratio = round(f.p50 / Math.max(r.p50, 0.01), 2);
      const servedRatio = round(w.p50 / Math.max(r.p50, 0.01), 2);
      results.figures[code] = { computed: f, served: w, bare: r, ratio, servedRatio };
      tableRows.push([code, `${f.p50} / ${f.p99}`, `${w.p50} / ${w.p99}`, `${r.p50} / ${r.p99}`, `${ratio}×`, `${servedRatio}×`]);
    }
  } finally {
    await handle.close();
    await client.end();
    await stopChild(server);
    await scratch?.drop();
  }
  console.log(
    `\n${machineLine()}\nhome page GET /api/overview, N = ${N} each after two warm-up requests; ms p50 / p99 (target p50 < 300 ms)`,
  );
  console.log(table([['user', 'view', 'p50', 'p99'], ...homeRows]));
  console.log(
    `\neach figure on the district node, N = ${N}, alternating; ms p50 / p99: computed = its query from the tables (the first request of a minute), served = as answered within the minute (counted once a minute, server/overview/memo.ts), bare = the SQL aggregate one would write by hand`,
  );
  console.log(table([['figure', 'computed', 'served', 'bare SQL', 'computed/bare', 'served/bare'], ...tableRows]));
  printJson('overview', { n: N, ...results });
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
