#!/usr/bin/env node
// 剖析汇总 — summarises V8 CPU profiles (.cpuprofile, e.g. from `node bench/list-units.mjs --profile=1`,
// written to bench/results/prof/): self time by package / area and the top functions.
// Usage: node bench/prof-summary.mjs <file.cpuprofile> [more…] [--top=25] [--skip=0] [--requests=N]
//   --skip=S      leave out the first S seconds of each profile (start-up, warm-up)
//   --requests=N  also print each line as ms per request (N requests in the window kept)
import fs from 'node:fs';
import path from 'node:path';
import { option, round, table } from './lib.mjs';

const files = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (files.length === 0) {
  console.error('usage: node bench/prof-summary.mjs <file.cpuprofile> [more…] [--top=25]');
  process.exit(2);
}
const TOP = option('top', 25);
const SKIP_US = option('skip', 0) * 1e6;
const REQUESTS = option('requests', 0);

/** Which part of the system a script URL belongs to. */
function area(url, fn) {
  if (!url)
    return fn === '(garbage collector)' ? 'GC' : fn === '(idle)' || fn === '(program)' ? fn : `native ${fn || '(anonymous)'}`.slice(0, 40);
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1];
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const m = /dist\/(server|core)\/(.*)$/.exec(url);
  if (m) return `gongzhi ${m[1]}/${path.dirname(m[2]) === '.' ? m[2] : path.dirname(m[2])}`;
  return path.basename(url);
}

for (const file of files) {
  const prof = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map();
  // timeDeltas[i] is the time before sample i.
  let clock = 0;
  for (let i = 0; i < prof.samples.length; i++) {
    clock += prof.timeDeltas[i] ?? 0;
    if (clock < SKIP_US) continue;
    self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + (prof.timeDeltas[i] ?? 0));
  }
  let total = 0;
  let idle = 0;
  const areas = new Map();
  const fns = new Map();
  for (const [id, us] of self) {
    const n = byId.get(id);
    const { functionName: fn, url, lineNumber } = n.callFrame;
    total += us;
    if (fn === '(idle)') {
      idle += us;
      continue;
    }
    const a = area(url, fn);
    areas.set(a, (areas.get(a) ?? 0) + us);
    const key = `${fn || '(anonymous)'} ${url ? `${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/dist\//, 'dist/')}:${lineNumber + 1}` : ''}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
  }
  const busy = total - idle;
  const pct = (us) => `${round((100 * us) / busy, 1)}%`;
  const perReq = (us) => (REQUESTS ? [round(us / 1000 / REQUESTS, 3)] : []);
  const perReqHead = REQUESTS ? ['ms/request'] : [];
  console.log(
    `\n${file}: ${round(total / 1e6, 2)} s sampled${SKIP_US ? ` after the first ${SKIP_US / 1e6} s` : ''}, ${round(busy / 1e6, 2)} s busy (${round((100 * busy) / total, 1)}%)${REQUESTS ? `, ${round(busy / 1000 / REQUESTS, 2)} ms busy per request` : ''}`,
  );
  console.log(
    table([
      ['area (self time)', 'ms', 'of busy', ...perReqHead],
      ...[...areas]
        .sort((a, b) => b[1] - a[1])
        .slice(0, TOP)
        .map(([a, us]) => [a, round(us / 1000, 0), pct(us), ...perReq(us)]),
    ]),
  );
  console.log('');
  console.log(
    table([
      ['function (self time)', 'ms', 'of busy', ...perReqHead],
      ...[...fns]
        .sort((a, b) => b[1] - a[1])
        .slice(0, TOP)
        .map(([f, us]) => [f.slice(0, 110), round(us / 1000, 0), pct(us), ...perReq(us)]),
    ]),
  );
}
