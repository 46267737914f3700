#!/usr/bin/env node
// 全部基准 — runs the benchmarks one after another, each in its own process, shows their output, and
// appends their JSON lines to bench/results/<timestamp>.jsonl (bench/results/ is git-ignored).
//
//   npm run build:server && node bench/run-all.mjs [--only=startup,list-units] [--with-diagnostics=1] [options…]
//
// Default set: startup.mjs and list-units.mjs (the server targets), then the core benchmarks kept in
// bench/ by others (tally.mjs, workdays.mjs) when present. --with-diagnostics=1 adds
// startup-phases.mjs and units-breakdown.mjs. Other argv options (--duration, --connections,
// --backend, --runs, …) are passed to every benchmark; each one reads the options it knows.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, machineLine, option, requireBuild, table } from './lib.mjs';

requireBuild();
const MAIN = ['startup', 'list-units', 'public-page', 'mobile', 'import-roll', 'cast-ballots', 'tally', 'workdays'];
const DIAGNOSTICS = ['startup-phases', 'units-breakdown'];
const only = option('only', '');
let names = only
  ? only
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
  : [...MAIN, ...(option('with-diagnostics', '0') !== '0' ? DIAGNOSTICS : [])];
names = names.filter((n) => {
  const exists = fs.existsSync(path.join(ROOT, 'bench', `${n}.mjs`));
  if (!exists && only) throw new Error(`no bench/${n}.mjs`);
  return exists;
});
const passThrough = process.argv.slice(2).filter((a) => !a.startsWith('--only') && !a.startsWith('--with-diagnostics'));

fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
const outFile = path.join(ROOT, 'bench/results', `${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`);
console.log(`benchmarks: ${names.join(', ')} — ${machineLine()}`);

function run(name) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [path.join(ROOT, 'bench', `${name}.mjs`), ...passThrough], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let lastJson = null;
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop();
      for (const line of lines) if (line.startsWith('{"bench":')) lastJson = line;
    });
    // Ctrl-C reaches the child through the process group; wait for it to clean up.
    child.on('exit', (code, signal) => {
      if (buffered.startsWith('{"bench":')) lastJson = buffered;
      resolve({ name, code: code ?? signal, seconds: Math.round((performance.now() - t0) / 1000), json: lastJson });
    });
  });
}

const results = [];
for (const name of names) {
  console.log(`\n━━ ${name} ━━`);
  const r = await run(name);
  results.push(r);
  if (r.json) fs.appendFileSync(outFile, r.json + '\n');
}

const verdict = (r) => {
  if (!r.json) return `ERROR (exit ${r.code})`;
  const pass = JSON.parse(r.json).pass;
  if (pass === undefined) return r.code === 0 ? 'done' : `exit ${r.code}`;
  const ok = typeof pass === 'object' ? Object.values(pass).every(Boolean) : pass;
  return ok ? 'PASS' : 'FAIL';
};
console.log(`\n全部基准 / all benchmarks — results appended to ${path.relative(ROOT, outFile)}`);
console.log(table([['benchmark', 'seconds', 'result'], ...results.map((r) => [r.name, r.seconds, verdict(r)])]));
process.exitCode = results.every((r) => r.code === 0) ? 0 : 1;
