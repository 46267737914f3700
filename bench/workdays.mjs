#!/usr/bin/env node
// Benchmark (issue 4): end dates of 100,000 working-day periods (mixed years and lengths) computed by
// core/workdays.ts, next to the same count of plain date additions (the floor), in one run.
// Target: within 5× of the floor. Run: npm run build:server && node bench/workdays.mjs
import { createRequire } from 'node:module';
import { WorkCalendar, dayIndex, dateOf } from '../dist/core/workdays.js';

const require = createRequire(import.meta.url);
const data = require('chinese-days/dist/chinese-days.json');
const entries = [
  ...Object.entries(data.holidays).map(([date, v]) => ({ date, kind: 'holiday', name: v.split(',')[1] })),
  ...Object.entries(data.workdays).map(([date, v]) => ({ date, kind: 'makeUpWorkday', name: v.split(',')[1] })),
];
const years = [...new Set(entries.map((e) => Number(e.date.slice(0, 4))))];

const N = Number(process.argv.find((a) => a.startsWith('--n='))?.slice(4) ?? 100_000);
const ROUNDS = 7;

const t0 = performance.now();
const cal = new WorkCalendar({ completeYears: years, entries });
const buildMs = performance.now() - t0;

// Mixed inputs: start dates 2004–2027, lengths 1–60 working days (publicity, verification, voting windows).
let seed = 42;
const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
const base = dayIndex('2004-01-01');
const span = dayIndex('2027-12-31') - base;
const starts = Array.from({ length: N }, () => dateOf(base + Math.floor(rnd() * span)));
const lengths = Array.from({ length: N }, () => 1 + Math.floor(rnd() * 60));

function floor() {
  // The same string in, string out, with a plain calendar-day addition.
  let sink = 0;
  for (let i = 0; i < N; i++) {
    const s = starts[i];
    const d = new Date(Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) + lengths[i] * 86_400_000);
    sink += d.toISOString().slice(0, 10).length;
  }
  return sink;
}
function workdays() {
  let sink = 0;
  for (let i = 0; i < N; i++) sink += cal.addWorkdays(starts[i], lengths[i]).date.length;
  return sink;
}

function time(fn) {
  const t = performance.now();
  fn();
  return performance.now() - t;
}
// warm-up, then alternate so both see the same machine state
time(floor);
time(workdays);
const f = [];
const w = [];
for (let r = 0; r < ROUNDS; r++) {
  f.push(time(floor));
  w.push(time(workdays));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fm = median(f);
const wm = median(w);
const ratio = wm / fm;
console.log(`工作日期间计算基准 / working-day period ends (${N.toLocaleString()} periods, median of ${ROUNDS})`);
console.log(`  calendar build          ${buildMs.toFixed(1)} ms (once per calendar version)`);
console.log(`  plain date addition     ${fm.toFixed(1)} ms  ${((N / fm) * 1000).toFixed(0).padStart(10)} /s   (floor)`);
console.log(`  addWorkdays (core)      ${wm.toFixed(1)} ms  ${((N / wm) * 1000).toFixed(0).padStart(10)} /s`);
console.log(`  ratio                   ${ratio.toFixed(2)}× the floor — target ≤ 5× — ${ratio <= 5 ? 'PASS' : 'FAIL'}`);
console.log(
  JSON.stringify({
    bench: 'workdays',
    n: N,
    floorMs: +fm.toFixed(2),
    workdaysMs: +wm.toFixed(2),
    ratio: +ratio.toFixed(3),
    pass: ratio <= 5,
  }),
);
