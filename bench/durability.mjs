#!/usr/bin/env node
// 内嵌数据库持久化的代价 (issue 20) — what fsync on costs the embedded database. In one run, taking
// turns in --rounds (3) rounds, each mode on a fresh data folder: (durable) openDatabase as the server
// opens it (fsync on, WAL synced with fsync() to the disk); (volatile) the same with PGLITE_FSYNC=off,
// PGlite's old default. Each: --commits (400) transactions one after another, each writing a ballot-
// sized row (a unique key, two motions' choices, a 64-hex hash) and an audit-like row, as a cast
// does; per-commit latency p50/p99 and commits/s. The data folder is under --dir (default the system
// temporary folder: put it on the disk the data will live on — a tmpfs has no cost to show).
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { ROOT, machineLine, option, percentile, printJson, requireBuild, round, table } from './lib.mjs';

requireBuild();
const { openDatabase, durability } = await import(pathToFileURL(path.join(ROOT, 'dist/server/db/connect.js')).href);
const { sql } = await import('kysely');
const commits = option('commits', 400);
const rounds = option('rounds', 3);
const base = option('dir', os.tmpdir());

async function measure(fsync) {
  const dir = fs.mkdtempSync(path.join(base, 'gz-bench-durability-'));
  const h = await openDatabase({ dataDir: dir, fsync });
  try {
    await sql`create table b (id serial primary key, decision int, head text, choices jsonb, hash text, unique (decision, head))`.execute(
      h.db,
    );
    await sql`create table a (id serial primary key, action text, after jsonb, hash text)`.execute(h.db);
    const syncs0 = durability.fsyncs;
    const lat = [];
    const t0 = performance.now();
    for (let i = 0; i < commits; i++) {
      const s = performance.now();
      await h.db.transaction().execute(async (t) => {
        const hash = i.toString(16).padStart(64, '0');
        await sql`insert into b (decision, head, choices, hash) values (1, ${'p' + i}, ${JSON.stringify({ m1: 'yes', m2: 'no' })}, ${hash})`.execute(
          t,
        );
        await sql`insert into a (action, after, hash) values ('ballot.cast', ${JSON.stringify({ head: 'p' + i })}, ${hash})`.execute(t);
      });
      lat.push(performance.now() - s);
    }
    const ms = performance.now() - t0;
    lat.sort((x, y) => x - y);
    return {
      p50: percentile(lat, 50),
      p99: percentile(lat, 99),
      perSec: (commits / ms) * 1000,
      syncsPerCommit: (durability.fsyncs - syncs0) / commits,
    };
  } finally {
    await h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const results = { durable: [], volatile: [] };
await measure(false); // warm-up, not counted
for (let r = 0; r < rounds; r++) {
  results.durable.push(await measure(true));
  results.volatile.push(await measure(false));
}
const med = (xs, k) => xs.map((x) => x[k]).sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [['mode', 'commits/s', 'p50 ms', 'p99 ms', 'fsyncs/commit']];
for (const mode of ['durable', 'volatile'])
  rows.push([
    mode === 'durable' ? 'fsync on (default)' : 'fsync off (PGLITE_FSYNC=off)',
    round(med(results[mode], 'perSec'), 0),
    round(med(results[mode], 'p50'), 2),
    round(med(results[mode], 'p99'), 2),
    round(med(results[mode], 'syncsPerCommit'), 1),
  ]);
console.log(`durability — ${commits} commits × ${rounds} rounds each, medians; ${machineLine()}; folder ${base}`);
console.log(table(rows));
const ratio = med(results.volatile, 'perSec') / med(results.durable, 'perSec');
console.log(`fsync on costs ${round(ratio, 2)}× the time per commit`);
printJson('durability', { commits, rounds, dir: base, results, ratio: round(ratio, 2) });
