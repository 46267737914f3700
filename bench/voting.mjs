// Shared by the voting benchmarks (cast-ballots, uploads-ballots, two-instances): HTTP helpers, a
// roll of owners with accounts and sessions in bulk SQL, an opened decision, a closed-loop caster.
import crypto from 'node:crypto';
import http from 'node:http';
import { percentile, round } from './lib.mjs';

/**
 * As an administrator over HTTP (`admin`: login and password; the voters' accounts get the same
 * password): a new estate with 40 buildings under the first community, `units` units with their
 * owners in bulk SQL (seedRoll), a decision of `motions` motions announced 15 days ago and opened
 * today (the roll frozen by the real open use case).
 */
export async function openVote({
  base,
  c,
  units: UNITS,
  motions: MOTIONS,
  sessionSecret: SESSION_SECRET,
  shift,
  admin = { login: 'jiedao', password: 'Gongzhi@2026' },
  estateName = '表决基准小区',
}) {
  const jiedao = await loginAs(base, admin.login, admin.password);
  const tree = (await request(`${base}/api/org/tree`, { headers: jiedao.headers })).json().nodes;
  const community = tree.find((n) => n.kind === 'community');
  const estate = must(
    await request(`${base}/api/org/nodes`, {
      method: 'POST',
      headers: jiedao.headers,
      json: { kind: 'estate', parentId: community.id, name: estateName },
    }),
    201,
  ).id;
  const BUILDINGS = 40;
  const buildings = [];
  for (let b = 0; b < BUILDINGS; b++)
    buildings.push(
      must(
        await request(`${base}/api/org/nodes`, {
          method: 'POST',
          headers: jiedao.headers,
          json: { kind: 'building', parentId: estate, name: `${b + 1}号楼` },
        }),
        201,
      ).id,
    );
  const street = (
    await c.query(
      `select a.id from org_closure x join org_node a on a.id = x.ancestor_id where x.descendant_id = $1 and a.kind = 'street'`,
      [estate],
    )
  ).rows[0].id;

  // ── the roll, the owners and their accounts (bulk SQL into the same tables) ──
  const ts = performance.now();
  const setup = await seedRoll(c, { UNITS, estate, street, buildings, SESSION_SECRET, hashOf: admin.login });
  console.log(
    `roll: ${UNITS} units, ${setup.persons} persons, ${setup.voters.length} voters with accounts and sessions (${setup.multiUnit} owners of two units, ${setup.coOwned} co-owned units, ${setup.devUnits} developer units) in ${Math.round(performance.now() - ts)} ms`,
  );
  // The first voter logs in for real: the synthetic sessions are the same thing.
  const first = setup.voters[0];
  const realLogin = await loginAs(base, first.username, admin.password);
  first.headers = realLogin.headers;

  // ── the decision: created, announced 15 days ago, opened today (roll frozen) ──
  const motions = [
    { title: '制定《表决基准小区管理规约》', item: 2 },
    { title: '利用小区共有部分设置电动自行车充电设施并收取费用', item: 8 },
    { title: '选聘新的物业服务企业', item: 4 },
  ].slice(0, MOTIONS);
  const decision = must(
    await request(`${base}/api/decisions`, {
      method: 'POST',
      headers: jiedao.headers,
      json: { estateId: estate, title: '表决基准', organiser: '物业管理委员会', motions, opensOn: shift(15), closesOn: shift(29) },
    }),
    201,
  );
  const id = decision.id;
  must(await request(`${base}/api/decisions/${id}/announce`, { method: 'POST', headers: jiedao.headers, json: {} }), 200);
  // The history the bench starts from: the topics were posted 15 days ago (R14). Nobody can back-date a
  // notice through the app (issue 13), so the bench moves the dates in the database, as time would.
  await c.query('update decision set announced_on = $2, opens_on = $3, closes_on = $4 where id = $1', [
    id,
    shift(-15),
    shift(0),
    shift(14),
  ]);
  await c.query('update public_notice set publish_date = $2 where id = (select announce_notice_id from decision where id = $1)', [
    id,
    shift(-15),
  ]);
  const to = performance.now();
  const opened = must(await request(`${base}/api/decisions/${id}/open`, { method: 'POST', headers: jiedao.headers, json: {} }), 200);
  const openMs = performance.now() - to;
  console.log(
    `decision ${id}: ${MOTIONS} motions; opened (roll frozen: ${opened.totals.heads} heads, ${opened.totals.area} m²) in ${Math.round(openMs)} ms`,
  );
  return { jiedao, estate, street, setup, id, opened, openMs };
}

export function request(url, { method = 'GET', headers = {}, json } = {}) {
  return new Promise((resolve, reject) => {
    const body = json === undefined ? null : Buffer.from(JSON.stringify(json));
    const req = http.request(
      url,
      {
        method,
        agent: false,
        timeout: 300_000,
        headers: { ...headers, ...(body ? { 'content-type': 'application/json', 'content-length': body.length } : {}) },
      },
      (res) => {
        const chunks = [];
        res.on('data', (x) => chunks.push(x));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode, headers: res.headers, body: text, json: () => JSON.parse(text) });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

export function must(res, status) {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${res.body.slice(0, 600)}`);
  return res.json();
}

export async function loginAs(base, login, password) {
  const r = await request(`${base}/api/auth/login`, { method: 'POST', json: { login, password } });
  if (r.status !== 200) throw new Error(`login ${login}: ${r.status} ${r.body.slice(0, 300)}`);
  const cookie = [r.headers['set-cookie'] ?? []]
    .flat()
    .map((x) => x.split(';')[0])
    .find((x) => x.startsWith('gz_sid='));
  return { headers: { cookie, 'x-csrf-token': r.json().csrfToken } };
}

/** The cookie login sets: the token signed as @fastify/cookie signs it (HMAC-SHA256, base64 without padding). */
export function signedCookie(token, secret) {
  const sig = crypto.createHmac('sha256', secret).update(token).digest('base64').replace(/=+$/, '');
  return `gz_sid=${encodeURIComponent(`${token}.${sig}`)}`;
}

export async function insertSessions(c, accountIds, secret) {
  const tokens = accountIds.map(() => crypto.randomBytes(32).toString('base64url'));
  const csrf = accountIds.map(() => crypto.randomBytes(24).toString('base64url'));
  await c.query(
    `insert into session (id, account_id, csrf_token, expires_at, ip, user_agent)
     select h, a, t, now() + interval '12 hours', '127.0.0.1', 'cast-ballots bench' from unnest($1::text[], $2::int[], $3::text[]) as v(h, a, t)`,
    [tokens.map((t) => crypto.createHash('sha256').update(t).digest('hex')), accountIds, csrf],
  );
  return tokens.map((t, i) => ({ cookie: signedCookie(t, secret), 'x-csrf-token': csrf[i] }));
}

/** A second device for each of `voters`: another session of the same account. */
export function extraSessions(c, voters, secret) {
  return insertSessions(
    c,
    voters.map((v) => v.accountId),
    secret,
  );
}

/**
 * The roll in bulk: units in 40 buildings; persons; ownerships (R3 multi-unit owners, R4 co-owners
 * with a designated voter, developer stock); one owner account per voter with its binding, role and session.
 */
export async function seedRoll(c, { UNITS, estate, street, buildings, SESSION_SECRET, hashOf = 'yezhu' }) {
  const per = Math.ceil(UNITS / buildings.length);
  const unitRows = [];
  for (let u = 0; u < UNITS; u++) {
    const k = u % per;
    const floor = Math.floor(k / 20) + 1;
    unitRows.push({
      building: buildings[Math.floor(u / per)],
      entrance: `${(k % 2) + 1}单元`,
      floor,
      number: `${floor}${String((Math.floor(k / 2) % 10) + 1).padStart(2, '0')}`,
      area: 6000 + ((u * 37) % 9000),
      dev: u % 50 === 3,
    });
  }
  await c.query('begin');
  const unitIds = (
    await c.query(
      `insert into unit (estate_id, building_id, entrance, floor, number, kind, area_centi, area_source, developer_stock)
       select $1, * from unnest($2::int[], $3::text[], $4::int[], $5::text[], $6::text[], $7::int[], $8::text[], $9::boolean[])
       returning id`,
      [
        estate,
        unitRows.map((r) => r.building),
        unitRows.map((r) => r.entrance),
        unitRows.map((r) => r.floor),
        unitRows.map((r) => r.number),
        unitRows.map(() => 'residential'),
        unitRows.map((r) => r.area),
        unitRows.map(() => 'registered'),
        unitRows.map((r) => r.dev),
      ],
    )
  ).rows.map((r) => r.id);
  // Plans: person indexes per unit; index 0 is the developer.
  const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
  const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英';
  const persons = [{ name: '表决基准房地产开发有限公司', kind: 'organisation' }];
  const make = () => {
    const i = persons.length;
    persons.push({
      name: SURNAMES[i % SURNAMES.length] + GIVEN[Math.floor(i / 20) % GIVEN.length] + GIVEN[Math.floor(i / 500) % GIVEN.length],
      kind: 'natural',
    });
    return i;
  };
  const own = []; // [unitIdx, personIdx, designated]
  const voterIdx = new Set();
  let lastSingle = -1;
  let multiUnit = 0;
  let coOwned = 0;
  for (let u = 0; u < UNITS; u++) {
    if (unitRows[u].dev) {
      own.push([u, 0, false]);
      lastSingle = -1;
    } else if (u % 10 === 5) {
      const a = make();
      const b = make();
      own.push([u, a, true], [u, b, false]);
      voterIdx.add(a);
      coOwned++;
      lastSingle = -1;
    } else if (u % 33 === 1 && lastSingle >= 0) {
      own.push([u, lastSingle, false]);
      multiUnit++;
      lastSingle = -1;
    } else {
      const a = make();
      own.push([u, a, false]);
      voterIdx.add(a);
      lastSingle = a;
    }
  }
  const personIds = (
    await c.query(
      `insert into person (street_id, node_id, kind, name) select $1, $2, k, n from unnest($3::text[], $4::text[]) with ordinality as v(k, n, o) order by o returning id`,
      [street, estate, persons.map((p) => p.kind), persons.map((p) => p.name)],
    )
  ).rows.map((r) => r.id);
  await c.query(
    `insert into ownership (unit_id, person_id, designated_voter, basis, started_on) select u, p, d, 'registered', '2020-06-01' from unnest($1::int[], $2::int[], $3::boolean[]) as v(u, p, d)`,
    [own.map((o) => unitIds[o[0]]), own.map((o) => personIds[o[1]]), own.map((o) => o[2])],
  );
  const hash = (await c.query('select password_hash from account where username = $1', [hashOf])).rows[0].password_hash;
  const voterList = [...voterIdx];
  const accountIds = (
    await c.query(
      `insert into account (username, display_name, password_hash) select u, d, $3 from unnest($1::text[], $2::text[]) with ordinality as v(u, d, o) order by o returning id`,
      [voterList.map((i) => `vote_bench_${i}`), voterList.map((i) => `业主 ${persons[i].name}`), hash],
    )
  ).rows.map((r) => r.id);
  await c.query(`insert into role_assignment (account_id, role, node_id) select a, 'owner', $2 from unnest($1::int[]) a`, [
    accountIds,
    estate,
  ]);
  await c.query(
    `insert into owner_binding (account_id, person_id, method) select a, p, 'staff' from unnest($1::int[], $2::int[]) as v(a, p)`,
    [accountIds, voterList.map((i) => personIds[i])],
  );
  const sessions = await insertSessions(c, accountIds, SESSION_SECRET);
  await c.query('commit');
  await c.query('analyze');
  return {
    persons: persons.length,
    multiUnit,
    coOwned,
    devUnits: unitRows.filter((r) => r.dev).length,
    voters: voterList.map((i, k) => ({ username: `vote_bench_${i}`, accountId: accountIds[k], headers: sessions[k] })),
  };
}

/**
 * Closed loop: `connections` requests in flight over keep-alive sockets until every job is sent once.
 * `expect` (a status) fails the run on any other answer; null keeps every answer.
 */
export async function castAll({ url, jobs, connections, expect, cpu, check, method = 'POST' }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  const responses = [];
  const latencies = [];
  let next = 0;
  let failure = null;
  const once = (job) =>
    new Promise((resolve, reject) => {
      const body = method === 'GET' ? Buffer.alloc(0) : Buffer.from(JSON.stringify(job.body));
      const target = new URL(url(job));
      const req = http.request(
        {
          hostname: target.hostname,
          port: target.port,
          path: target.pathname,
          method,
          agent,
          headers: {
            ...(method === 'GET' ? {} : { 'content-type': 'application/json', 'content-length': body.length }),
            ...(job.headers ?? {}),
          },
        },
        (res) => {
          const chunks = [];
          res.on('data', (x) => chunks.push(x));
          res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const cpu0 = cpu ? await cpu() : null;
  const t0 = performance.now();
  const worker = async () => {
    while (!failure && next < jobs.length) {
      const job = jobs[next++];
      const t = performance.now();
      try {
        const r = await once(job);
        latencies.push(performance.now() - t);
        if (expect !== null && r.status !== expect) throw new Error(`HTTP ${r.status} (expected ${expect}): ${r.body.slice(0, 500)}`);
        if (check && responses.length === 0) check(r);
        responses.push({ ...r, job });
      } catch (err) {
        failure ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const ms = performance.now() - t0;
  const cpu1 = cpu ? await cpu() : null;
  agent.destroy();
  if (failure) throw failure;
  const cpuMs = cpu ? Object.fromEntries(Object.keys(cpu1).map((k) => [k, cpu1[k] - cpu0[k]])) : null;
  return summary(responses, ms, latencies, cpuMs);
}

/** A run's figures: rate, latency percentiles, CPU per request (latencies and CPU kept for combining). */
export function summary(responses, ms, latencies, cpuMs) {
  latencies.sort((a, b) => a - b);
  return {
    responses,
    ms,
    rps: round(responses.length / (ms / 1000), 1),
    p50Ms: round(percentile(latencies, 50), 1),
    p99Ms: round(percentile(latencies, 99), 1),
    maxMs: round(latencies.at(-1), 1),
    cpuMsPer: cpuMs ? Object.fromEntries(Object.keys(cpuMs).map((k) => [k, round(cpuMs[k] / responses.length, 2)])) : null,
    latencies,
    cpuMs,
  };
}

/** One route's rounds as one run: requests and time summed, latencies pooled, CPU per request overall. */
export function combine(runs) {
  const cpuMs = Object.fromEntries(Object.keys(runs[0].cpuMs).map((k) => [k, runs.reduce((s, r) => s + r.cpuMs[k], 0)]));
  const all = summary(
    runs.flatMap((r) => r.responses),
    runs.reduce((s, r) => s + r.ms, 0),
    runs.flatMap((r) => r.latencies),
    cpuMs,
  );
  return { ...all, rounds: runs.map((r) => r.rps) };
}

/** The audit chain walked and recomputed by the server's own verification (server/audit/verify.ts). */
export async function verifyChain(databaseUrl) {
  const { openDatabase } = await import('../dist/server/db/connect.js');
  const { verifyAuditChain } = await import('../dist/server/audit/verify.js');
  const handle = await openDatabase({ databaseUrl });
  try {
    const r = await verifyAuditChain(handle.db);
    return { ok: r.ok, entries: r.checked, broken: r.firstBroken };
  } finally {
    await handle.close();
  }
}
