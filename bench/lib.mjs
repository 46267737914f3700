// Shared helpers of the benchmarks: options, child servers, statistics, tables, machine facts.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const MAIN_JS = path.join(ROOT, 'dist/server/main.js');
export const HOST = '127.0.0.1';

/** Refuses to run on a stale or missing build. */
export function requireBuild() {
  if (!fs.existsSync(MAIN_JS)) {
    console.error('dist/server/main.js is missing: run `npm run build:server` first.');
    process.exit(2);
  }
}

/**
 * Options from argv (`--name=value` or `--name value`) with the environment as fallback
 * (`BENCH_NAME`), then the default. Numbers stay numbers.
 */
export function option(name, fallback) {
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === `--${name}` && i + 1 < argv.length && !argv[i + 1].startsWith('--')) return coerce(argv[i + 1], fallback);
    if (a.startsWith(`--${name}=`)) return coerce(a.slice(name.length + 3), fallback);
  }
  const env = process.env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`];
  if (env !== undefined && env !== '') return coerce(env, fallback);
  return fallback;
}
function coerce(v, fallback) {
  if (typeof fallback === 'number') {
    const n = Number(v);
    if (!Number.isFinite(n)) throw new Error(`not a number: ${v}`);
    return n;
  }
  return v;
}

/** A port the kernel says is free right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** One GET on a fresh connection; resolves { status, body } or rejects on a connection error. */
export function get(url, { headers = {}, timeoutMs = 2000 } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers, agent: false, timeout: timeoutMs }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

export function post(url, body, { headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const data = Buffer.from(JSON.stringify(body));
    const req = http.request(
      url,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': data.length, ...headers } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/**
 * Spawns `node <args>` with `env` added to this process's environment. The child's output is kept
 * (last 64 KiB) for error messages. `exited` resolves with the exit code or signal.
 */
export function startChild(args, env, { nodeArgs = [] } = {}) {
  const startedAt = performance.now();
  // BENCH_CHILD_NODE_ARGS: flags for the servers a bench starts, e.g. '--cpu-prof --cpu-prof-dir=/tmp/prof'
  const extra = (process.env.BENCH_CHILD_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, ...nodeArgs, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (c) => {
    output += c.toString('utf8');
    if (output.length > 65536) output = output.slice(-65536);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  return { child, pid: child.pid, startedAt, exited, output: () => output };
}

/**
 * Polls `url` every `intervalMs` until it answers 200; returns ms since `since` (a performance.now()
 * value). Fails when the child exits or `timeoutMs` passes.
 */
export async function waitFor200(url, proc, { since = performance.now(), intervalMs = 20, timeoutMs = 120_000 } = {}) {
  let exited = null;
  proc.exited.then((c) => (exited = c));
  for (;;) {
    if (exited !== null) throw new Error(`server exited (${exited}) before answering ${url}:\n${proc.output().slice(-4000)}`);
    try {
      const r = await get(url, { timeoutMs: 1000 });
      if (r.status === 200) return performance.now() - since;
    } catch {
      /* not listening yet */
    }
    if (performance.now() - since > timeoutMs) throw new Error(`no 200 from ${url} within ${timeoutMs} ms:\n${proc.output().slice(-4000)}`);
    await sleep(intervalMs);
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
export async function stopChild(proc, graceMs = 15_000) {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return proc.exited;
  proc.child.kill('SIGTERM');
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), graceMs);
  const code = await proc.exited;
  clearTimeout(timer);
  return code;
}

/** Resident set size (VmRSS) of a live process in MiB, from /proc. */
export function rssMiB(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return m ? Number(m[1]) / 1024 : NaN;
}

/** CPU time (user + system) a live process has used so far, in ms, from /proc/<pid>/stat. */
const CLK_TCK = 100; // sysconf(_SC_CLK_TCK) on Linux
export function procCpuMs(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): utime is field 14, stime field 15.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
  } catch {
    return 0; // gone
  }
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
export const max = (xs) => Math.max(...xs);
export const min = (xs) => Math.min(...xs);

/** Percentile (nearest rank) of an already sorted array. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export const round = (x, digits = 1) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);

/** A plain-text table: rows are arrays of cells, the first row is the header. */
export function table(rows) {
  const text = rows.map((r) => r.map((c) => String(c)));
  const widths = text[0].map((_, i) => Math.max(...text.map((r) => displayWidth(r[i] ?? ''))));
  const line = (r) => r.map((c, i) => (i === 0 ? padEnd(c, widths[i]) : padStart(c, widths[i]))).join('  ');
  return [line(text[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...text.slice(1).map(line)].join('\n');
}
// CJK characters take two columns in a terminal.
const displayWidth = (s) =>
  [...s].reduce(
    (w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1),
    0,
  );
const padEnd = (s, w) => s + ' '.repeat(Math.max(0, w - displayWidth(s)));
const padStart = (s, w) => ' '.repeat(Math.max(0, w - displayWidth(s))) + s;

/** The facts the README's results table needs. */
export function machine() {
  const cpuModel = (/^model name\s*:\s*(.*)$/m.exec(safeRead('/proc/cpuinfo')) ?? [])[1] ?? os.cpus()[0]?.model ?? 'unknown';
  return {
    node: process.version,
    cpus: os.availableParallelism?.() ?? os.cpus().length,
    cpuModel: cpuModel.trim(),
    memGiB: round(os.totalmem() / 2 ** 30, 1),
    loadavg: os.loadavg().map((x) => round(x, 2)),
    platform: `${os.platform()} ${os.release()}`,
    commit: gitCommit(),
    // Share of time some runnable task waited for a CPU (10 s / 60 s averages): other work on the machine.
    cpuPressurePct: cpuPressure(),
  };
}
/** One line about the machine and how busy it is, for table headers. */
export function machineLine() {
  const m = machine();
  return `${m.cpus} × ${m.cpuModel}, ${m.memGiB} GiB, Node ${m.node}, commit ${m.commit}, load ${m.loadavg.join(' ')}${m.cpuPressurePct ? `, CPU pressure ${m.cpuPressurePct.avg10}%/${m.cpuPressurePct.avg60}% (10 s/60 s)` : ''}`;
}
function cpuPressure() {
  const m = /^some avg10=([\d.]+) avg60=([\d.]+)/m.exec(safeRead('/proc/pressure/cpu'));
  return m ? { avg10: Number(m[1]), avg60: Number(m[2]) } : null;
}
function gitCommit() {
  const r = spawnSync('git', ['-C', ROOT, 'describe', '--always', '--dirty', '--exclude', '*'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : 'unknown';
}
function safeRead(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** Prints the one JSON line a benchmark ends with (always its last line of output). */
export function printJson(name, data) {
  console.log(JSON.stringify({ bench: name, date: new Date().toISOString(), machine: machine(), ...data }));
}

/** Children to stop if the benchmark is interrupted or fails half-way. */
const live = new Set();
export function track(proc) {
  live.add(proc);
  proc.exited.then(() => live.delete(proc));
  return proc;
}
export async function stopAll() {
  await Promise.all([...live].map((p) => stopChild(p, 5000)));
}
/** Synchronous clean-ups (temporary folders) that also run when the benchmark is interrupted. */
const cleanups = [];
export function onCleanup(fn) {
  cleanups.push(fn);
}
export function runCleanups() {
  while (cleanups.length) {
    try {
      cleanups.pop()();
    } catch (err) {
      console.warn(`clean-up failed: ${err.message}`);
    }
  }
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    for (const p of live) p.child.kill('SIGKILL');
    // Give the killed children a moment to release their files before the folders go.
    setTimeout(() => {
      runCleanups();
      process.exit(130);
    }, 300);
  });
}

/** A temporary folder removed at clean-up. */
export function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  onCleanup(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A scratch database on the PostgreSQL server at `pgUrl` (a loopback server: the benchmarks create
 * and drop databases), dropped at the end — also when the benchmark is interrupted.
 */
export async function scratchDatabase(pgUrl, tag) {
  const { default: pg } = await import('pg');
  const name = `gz_bench_${tag}_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  let dropped = false;
  onCleanup(() => {
    if (!dropped) spawnSync('psql', [pgUrl, '-q', '-c', `drop database if exists ${name} with (force)`], { stdio: 'ignore' });
  });
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      dropped = true;
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** `gongzhi load-large` into the database at `url` with the data folder (its registry key) `dataDir`; prints its first line. */
export function loadLarge(url, dataDir) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/gongzhi.js'), 'load-large'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`load-large failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  console.log(`load-large: ${Math.round(performance.now() - t0)} ms — ${r.stdout.split('\n')[0]}`);
}

/**
 * A fresh login from its own loopback address (127.0.0.10…): the server allows 30 login attempts per
 * source address in 5 minutes (server/auth/use-cases/login.ts), and a benchmark may log in many times.
 * Resolves the session cookie (`gz_sid=…`).
 */
let logins = 0;
export function loginCookie(base, username, password) {
  const localAddress = `127.0.0.${10 + (logins++ % 240)}`;
  const data = Buffer.from(JSON.stringify({ login: username, password }));
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}/api/auth/login`,
      { method: 'POST', agent: false, localAddress, headers: { 'content-type': 'application/json', 'content-length': data.length } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode !== 200)
            return reject(new Error(`login as ${username} failed: ${res.statusCode} ${Buffer.concat(chunks).toString().slice(0, 300)}`));
          resolve(
            [res.headers['set-cookie'] ?? []]
              .flat()
              .map((c) => c.split(';')[0])
              .find((c) => c.startsWith('gz_sid=')),
          );
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/** p50, p99 and max of a list of timings, ms to one decimal. */
export function timings(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: round(median(s), 1), p99: round(percentile(s, 99), 1), max: round(s.at(-1), 1) };
}
