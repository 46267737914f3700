#!/usr/bin/env node
/* global window, document, MutationObserver */
// 手机网络基准 — "Fast on a mobile network" (issue 19). Headless Chromium (playwright-core, /usr/bin/chromium)
// with network emulation (1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip), 4× CPU slowdown, a
// 390×844 phone, cold cache (a fresh context per load). Pages: the public estate board (no login), the
// login page, the owner's vote page (logged in as `yezhu`, the demo's open decision) and, in the same
// run, a hand-written static HTML page with the public board's content (its notices and results,
// inline CSS, served gzip-compressed) as the floor. For each: bytes on the wire (all; JavaScript),
// requests, first contentful paint, and the time until the page can be used (the first notice shown;
// the login button; the ballot form's first choice), with the JavaScript that arrived before it.
// Targets: the public board's FCP within 2× of the floor's; ≤ 250 KB of compressed JavaScript before the
// vote form can be used. Median of --runs (3).
// Options: --runs=3 --latency=150 --down-kbps=1600 --up-kbps=750 --cpu=4
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import {
  HOST,
  MAIN_JS,
  ROOT,
  freePort,
  get,
  median,
  option,
  post,
  printJson,
  requireBuild,
  round,
  runCleanups,
  startChild,
  stopAll,
  table,
  tempDir,
  track,
  waitFor200,
} from './lib.mjs';

requireBuild();
if (!fs.existsSync(path.join(ROOT, 'dist/web/index.html'))) {
  console.error('dist/web is missing: run `npm run build` first (this benchmark loads the web UI).');
  process.exit(2);
}
const RUNS = option('runs', 3);
const LATENCY = option('latency', 150);
const DOWN = (option('down-kbps', 1600) * 1000) / 8;
const UP = (option('up-kbps', 750) * 1000) / 8;
const CPU = option('cpu', 4);
const PHONE = { width: 390, height: 844 };

const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** The floor: the same notices and results as static HTML, styled inline, nothing to run. */
function floorHtml(notices, decisions) {
  const card = (n) =>
    `<article class="c"><div><span class="t">${esc(n.kindLabel)}</span> <span class="t">${esc(n.stateLabel)}</span></div><h3>${esc(n.title)}</h3><p class="m">${esc(n.publishDate ?? '')} · ${esc(n.nodeName)}</p><div class="b">${esc(n.body)}</div></article>`;
  const dec = (d) =>
    `<article class="c"><h3>${esc(d.title)}</h3><ul>${d.result.motions.map((m) => `<li>${esc(m.title)}：${esc(m.outcome ?? '')}</li>`).join('')}</ul><p class="m">SHA-256：${esc(d.sha256)}</p></article>`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(notices.estate.name)} · 小区公告栏</title>
<style>body{margin:0;font-family:sans-serif;background:#f5f6f8;color:#1f2329;line-height:1.6}header{background:#9e2823;color:#fff;padding:20px 16px}h1{margin:4px 0;font-size:26px}main{max-width:760px;margin:0 auto;padding:12px}.c{background:#fff;border-radius:10px;padding:14px;margin-bottom:12px}.t{border:1px solid #174ea6;color:#174ea6;border-radius:4px;padding:0 6px;font-size:14px}.m{color:#4e5663;font-size:14px}.b{white-space:pre-wrap;max-height:6.4em;overflow:hidden}h3{margin:8px 0 4px;font-size:17px}</style></head>
<body><header><div>共治 · 小区公告栏</div><h1>${esc(notices.estate.name)}</h1><div>${esc([notices.estate.street, notices.estate.community].filter(Boolean).join(' · '))}</div></header>
<main><h2>正在公示 ${notices.current.length}</h2>${notices.current.map(card).join('')}<h2>往期公告 ${notices.past.length}</h2>${notices.past.map(card).join('')}<h2>业主共同决定结果</h2>${decisions.items.map(dec).join('')}</main></body></html>`;
}

function serveFloor(html, port) {
  const gz = zlib.gzipSync(Buffer.from(html));
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip', 'cache-control': 'no-cache' });
    res.end(gz);
  });
  return new Promise((resolve) => server.listen(port, HOST, () => resolve(server)));
}

/** One cold load of `url` in a fresh context, throttled; `ready`: the selector that makes the page usable. */
async function load(browser, url, ready, cookie) {
  const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'zh-CN', deviceScaleFactor: 2 });
  if (cookie) await context.addCookies([{ name: 'gz_sid', value: cookie, domain: HOST, path: '/' }]);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: LATENCY, downloadThroughput: DOWN, uploadThroughput: UP });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
  const requests = new Map();
  const done = [];
  cdp.on('Network.responseReceived', (e) => requests.set(e.requestId, { url: e.response.url, type: e.type }));
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (r) done.push({ ...r, bytes: e.encodedDataLength, at: e.timestamp });
  });
  // the moment the page becomes usable, seen from inside the page
  await page.addInitScript((selector) => {
    const check = () => {
      if (!window.__usable && document.querySelector(selector)) window.__usable = performance.now();
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
    document.addEventListener('DOMContentLoaded', check);
  }, ready);
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  await page.waitForSelector(ready, { timeout: 120_000 });
  await page.waitForFunction(() => window.__usable !== undefined, null, { timeout: 120_000 });
  await page.waitForTimeout(300);
  const m = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return {
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      usable: window.__usable,
      origin: performance.timeOrigin,
      navStart: nav?.startTime ?? 0,
    };
  });
  // CDP's clock (seconds) counts from the first response; the page's from navigation: JS that finished before usable
  const firstAt = Math.min(...done.map((d) => d.at));
  const js = done.filter((d) => d.type === 'Script' || /\.js(\?|$)/.test(d.url));
  const jsBefore = js.filter((d) => (d.at - firstAt) * 1000 <= m.usable);
  await context.close();
  return {
    bytes: done.reduce((a, d) => a + d.bytes, 0),
    jsBytes: js.reduce((a, d) => a + d.bytes, 0),
    jsBeforeUsable: jsBefore.reduce((a, d) => a + d.bytes, 0),
    requests: done.length,
    fcp: m.fcp,
    usable: m.usable,
  };
}

try {
  const dataDir = tempDir('gz-bench-mobile-');
  const port = await freePort();
  const base = `http://${HOST}:${port}`;
  const proc = track(
    startChild([MAIN_JS], { DATA_DIR: dataDir, DATABASE_URL: '', PORT: String(port), HOST, LOG_LEVEL: 'warn', JOBS: '0' }),
  );
  await waitFor200(`${base}/api/health`, proc, { timeoutMs: 180_000 });
  const login = await post(`${base}/api/auth/login`, { login: 'yezhu', password: 'Gongzhi@2026' });
  if (login.status !== 200) throw new Error(`login yezhu: ${login.status}`);
  const cookie = [login.headers['set-cookie']]
    .flat()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('gz_sid='))
    .slice('gz_sid='.length);
  const me = JSON.parse(login.body);
  const estateId = me.roles[0].nodeId;
  const mine = JSON.parse((await get(`${base}/api/my/decisions`, { headers: { cookie: `gz_sid=${cookie}` } })).body);
  const open = mine.items.find((d) => d.canVote);
  if (!open) throw new Error('the demo owner has no decision to vote on');
  const notices = JSON.parse((await get(`${base}/api/public/estates/${estateId}/notices`)).body);
  const decisions = JSON.parse((await get(`${base}/api/public/estates/${estateId}/decisions`)).body);
  const floorPort = await freePort();
  const floor = await serveFloor(floorHtml(notices, decisions), floorPort);

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
  });
  const pages = [
    ['floor: static HTML, same content', `http://${HOST}:${floorPort}/`, 'article h3', null],
    ['public estate board', `${base}/public/estates/${estateId}`, '[data-testid^="public-notice-"] h3', null],
    ['login page', `${base}/login`, '[data-testid="login-submit"]', null],
    ['owner’s vote page', `${base}/vote/${open.id}`, '[data-testid="ballot-form"] input', cookie],
  ];
  const results = {};
  for (const [name, url, ready, c] of pages) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await load(browser, url, ready, c));
    const med = (k) => median(runs.map((r) => r[k]));
    results[name] = {
      bytes: med('bytes'),
      jsBytes: med('jsBytes'),
      jsBeforeUsable: med('jsBeforeUsable'),
      requests: med('requests'),
      fcp: med('fcp'),
      usable: med('usable'),
    };
    console.log(`${name}: ${runs.map((r) => `FCP ${round(r.fcp, 0)} ms, usable ${round(r.usable, 0)} ms`).join(' | ')}`);
  }
  await browser.close();
  floor.close();

  const kb = (b) => `${round(b / 1024, 1)} KB`;
  console.log(
    `\n手机网络 / mobile network (${(DOWN * 8) / 1000} kbit/s, ${LATENCY} ms RTT, ${CPU}× CPU, ${PHONE.width}×${PHONE.height}, cold cache, median of ${RUNS})`,
  );
  console.log(
    table([
      ['page', 'bytes', 'JS bytes', 'JS before usable', 'requests', 'FCP ms', 'usable ms'],
      ...Object.entries(results).map(([n, r]) => [
        n,
        kb(r.bytes),
        kb(r.jsBytes),
        kb(r.jsBeforeUsable),
        String(r.requests),
        String(round(r.fcp, 0)),
        String(round(r.usable, 0)),
      ]),
    ]),
  );
  const pub = results['public estate board'];
  const flo = results['floor: static HTML, same content'];
  const vote = results['owner’s vote page'];
  const pass = { publicFcp: pub.fcp <= 2 * flo.fcp, voteJs: vote.jsBeforeUsable <= 250 * 1024 };
  console.log(
    `public board FCP ${round(pub.fcp, 0)} ms vs floor ${round(flo.fcp, 0)} ms: ${round(pub.fcp / flo.fcp, 2)}× (target ≤ 2×) — ${pass.publicFcp ? 'PASS' : 'FAIL'}`,
  );
  console.log(
    `vote page: ${kb(vote.jsBeforeUsable)} of JavaScript before the form is usable (target ≤ 250 KB) — ${pass.voteJs ? 'PASS' : 'FAIL'}`,
  );
  printJson('mobile', { results, ratio: round(pub.fcp / flo.fcp, 3), pass });
} finally {
  await stopAll();
  runCleanups();
}
