#!/usr/bin/env node
// Benchmark (issue 6): the full tally of a 20,000-unit estate with 20,000 ballots on one motion,
// parsed and validated from the public tally file format and computed by core/tally.ts.
// Target: under 200 ms. Baseline in the same run: JSON.parse of the same file plus one plain loop
// summing the areas (the floor any tally must pay). Run: npm run build:server && node bench/tally.mjs
import { parseTallyFile, tallyFile } from '../dist/core/tally.js';

const UNITS = 20_000;
let seed = 7;
const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
const units = [];
const ballots = [];
for (let i = 0; i < UNITS; i++) {
  // ~3% of owners hold two units; 40 units are developer stock
  const owner = i % 33 === 1 ? `o${i - 1}` : `o${i}`;
  const dev = i >= UNITS - 40;
  units.push({
    unit: `${1 + Math.floor(i / 200)}-${1 + Math.floor((i % 200) / 50)}-${100 + (i % 50)}`,
    area: `${50 + Math.floor(rnd() * 100)}.${String(Math.floor(rnd() * 100)).padStart(2, '0')}`,
    owner: dev ? 'dev' : owner,
    developerStock: dev,
  });
}
const owners = [...new Set(units.map((u) => u.owner))];
for (const o of owners) {
  const r = rnd();
  if (r < 0.85) ballots.push({ owner: o, motion: 'm1', choice: r < 0.6 ? 'yes' : r < 0.75 ? 'no' : 'abstain' });
}
const text = JSON.stringify({ motions: [{ id: 'm1', item: 4 }], units, ballots });

function floor() {
  const f = JSON.parse(text);
  let s = 0;
  for (const u of f.units) s += Math.round(Number(u.area) * 100);
  return s;
}
function full() {
  return tallyFile(parseTallyFile(JSON.parse(text))).results[0];
}
const time = (fn) => {
  const t = performance.now();
  const r = fn();
  return [performance.now() - t, r];
};
time(floor);
time(full);
const F = [];
const T = [];
let result;
for (let i = 0; i < 9; i++) {
  F.push(time(floor)[0]);
  const [ms, r] = time(full);
  T.push(ms);
  result = r;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fm = median(F);
const tm = median(T);
console.log(
  `计票基准 / full tally: ${UNITS.toLocaleString()} units, ${ballots.length.toLocaleString()} ballots, file ${(text.length / 1e6).toFixed(1)} MB (median of 9)`,
);
console.log(`  floor (JSON.parse + area sum)   ${fm.toFixed(1)} ms`);
console.log(`  parse + validate + tally        ${tm.toFixed(1)} ms   target < 200 ms — ${tm < 200 ? 'PASS' : 'FAIL'}`);
console.log(`  result: ${result.outcome} NT=${result.NT} NP=${result.NP} NY=${result.NY} AT=${result.AT} AP=${result.AP} AY=${result.AY}`);
console.log(
  JSON.stringify({
    bench: 'tally',
    units: UNITS,
    ballots: ballots.length,
    floorMs: +fm.toFixed(2),
    tallyMs: +tm.toFixed(2),
    pass: tm < 200,
  }),
);
