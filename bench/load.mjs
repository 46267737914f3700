#!/usr/bin/env node
// 压测工具 — a small closed-loop HTTP load generator: C requests in flight over keep-alive connections
// for a fixed time after a warm-up; every response must be 200; one response is checked in full.
//
// As a module: `await runLoad({ url, headers, connections, durationMs, warmupMs, check })`.
// As a command: node bench/load.mjs <url> [--connections=16] [--duration=8] [--warmup=2] [--header='cookie: a=b']
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import { option, percentile, round, table } from './lib.mjs';

/**
 * @param {object} o
 * @param {string} o.url               only http://127.0.0.1 targets are accepted
 * @param {Record<string,string>} [o.headers]
 * @param {number} [o.connections=16]  requests in flight (= keep-alive sockets)
 * @param {number} [o.durationMs=8000] measured period
 * @param {number} [o.warmupMs=2000]   unmeasured period before it
 * @param {(body: string, res: http.IncomingMessage) => void} [o.check]  called once with the first body; throws if wrong
 * @param {() => Promise<Record<string, number>>} [o.cpu]  CPU ms used so far by named processes, sampled when
 *   the measured period starts and ends: the result then has `cpuMsPerRequest` and `cpuUtilisation` (cores) by name
 * @returns {Promise<{requests:number, rps:number, p50Ms:number, p90Ms:number, p99Ms:number, maxMs:number, meanBytes:number, mbPerS:number, warmupRequests:number}>}
 */
export async function runLoad({ url, headers = {}, connections = 16, durationMs = 8000, warmupMs = 2000, check, cpu }) {
  const target = new URL(url);
  if (target.protocol !== 'http:' || !['127.0.0.1', 'localhost'].includes(target.hostname))
    throw new Error(`load generator targets 127.0.0.1 only, not ${url}`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  const options = {
    hostname: target.hostname,
    port: target.port,
    path: target.pathname + target.search,
    method: 'GET',
    agent,
    headers: { accept: 'application/json', ...headers },
  };

  const start = performance.now();
  const measureFrom = start + warmupMs;
  const measureTo = measureFrom + durationMs;
  const latencies = [];
  let bytes = 0;
  let warmupRequests = 0;
  let checked = !check;
  let failure = null;

  const once = () =>
    new Promise((resolve, reject) => {
      const req = http.request(options, (res) => {
        const keepBody = !checked || res.statusCode !== 200;
        const chunks = [];
        let n = 0;
        res.on('data', (c) => {
          n += c.length;
          if (keepBody) chunks.push(c);
        });
        res.on('end', () => {
          if (res.statusCode !== 200)
            return reject(new Error(`HTTP ${res.statusCode} from ${url}: ${Buffer.concat(chunks).toString('utf8').slice(0, 500)}`));
          if (!checked) {
            checked = true;
            try {
              check(Buffer.concat(chunks).toString('utf8'), res);
            } catch (err) {
              return reject(err);
            }
          }
          resolve(n);
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });

  // CPU samplers at the edges of the measured period (the client's own CPU included as "client").
  let cpuStart = null;
  let cpuEnd = null;
  const sampleCpu = async () => ({
    ...(cpu ? await cpu() : {}),
    client: (() => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    })(),
  });
  const timers = [
    setTimeout(async () => (cpuStart = await sampleCpu()), warmupMs),
    setTimeout(async () => (cpuEnd = await sampleCpu()), warmupMs + durationMs),
  ];

  const worker = async () => {
    while (!failure) {
      const t0 = performance.now();
      if (t0 >= measureTo) return;
      let n;
      try {
        n = await once();
      } catch (err) {
        failure ??= err;
        return;
      }
      const t1 = performance.now();
      if (t0 >= measureFrom && t1 <= measureTo) {
        latencies.push(t1 - t0);
        bytes += n;
      } else if (t0 < measureFrom) warmupRequests++;
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  agent.destroy();
  if (failure) {
    timers.forEach(clearTimeout);
    throw failure;
  }
  while (!cpuEnd) await new Promise((r) => setTimeout(r, 5));
  if (latencies.length === 0) throw new Error(`no request completed within the measured ${durationMs} ms`);

  latencies.sort((a, b) => a - b);
  const seconds = durationMs / 1000;
  return {
    requests: latencies.length,
    rps: round(latencies.length / seconds, 1),
    p50Ms: round(percentile(latencies, 50), 2),
    p90Ms: round(percentile(latencies, 90), 2),
    p99Ms: round(percentile(latencies, 99), 2),
    maxMs: round(latencies[latencies.length - 1], 2),
    meanBytes: Math.round(bytes / latencies.length),
    mbPerS: round(bytes / seconds / 2 ** 20, 1),
    warmupRequests,
    cpuMsPerRequest: Object.fromEntries(Object.keys(cpuEnd).map((k) => [k, round((cpuEnd[k] - cpuStart[k]) / latencies.length, 2)])),
    cpuUtilisation: Object.fromEntries(Object.keys(cpuEnd).map((k) => [k, round((cpuEnd[k] - cpuStart[k]) / durationMs, 2)])),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const url = process.argv.slice(2).find((a) => !a.startsWith('--'));
  if (!url) {
    console.error(
      'usage: node bench/load.mjs <http://127.0.0.1:PORT/path> [--connections=16] [--duration=8] [--warmup=2] [--header="name: value"]',
    );
    process.exit(2);
  }
  const headers = {};
  const h = option('header', '');
  if (h) headers[h.slice(0, h.indexOf(':')).trim().toLowerCase()] = h.slice(h.indexOf(':') + 1).trim();
  const r = await runLoad({
    url,
    headers,
    connections: option('connections', 16),
    durationMs: option('duration', 8) * 1000,
    warmupMs: option('warmup', 2) * 1000,
  });
  console.log(
    table([
      ['url', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'bytes/resp'],
      [url, r.rps, r.p50Ms, r.p99Ms, r.maxMs, r.meanBytes],
    ]),
  );
  console.log(JSON.stringify({ bench: 'load', url, ...r }));
}
