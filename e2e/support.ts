import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const DEMO_PASSWORD = 'Gongzhi@2026';

/** Where screenshots go: E2E_SCREENSHOT_DIR, or a fresh temp folder. Printed once so a person can look. */
export const SCREENSHOT_DIR = (() => {
  const dir = process.env.E2E_SCREENSHOT_DIR || fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-e2e-'));
  fs.mkdirSync(dir, { recursive: true });
  return dir;
})();

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface RunningServer {
  url: string;
  dataDir: string;
  /**
   * Stops the server and starts it again on the same data and port, its calendar day `daysAhead` days
   * after the real one (GONGZHI_TEST_DAYS_AHEAD, honoured only under NODE_ENV=test): how a test lets a
   * legal period pass, now that nobody can back-date a notice (issue 13). Pages reload after it.
   */
  restart(daysAhead: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the built server (dist/) on a free port with an empty data folder; the demo street loads.
 * Scheduled jobs are off (JOBS=0): the tests drive every transition themselves, and a job firing at
 * its minute raced them — the hourly decision job closed a decision whose period had ended just
 * before the test clicked 截止投票. The jobs have their own tests (server/jobs, decision-jobs), and
 * `.ci/run` starts the server with them on.
 */
export async function startServer(
  env: Record<string, string> = {},
  /** runs on the empty data folder before the first start (e.g. `gongzhi load-large`) */
  prepare?: (dataDir: string) => void,
): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-e2e-data-'));
  prepare?.(dataDir);
  const url = `http://127.0.0.1:${port}`;
  let child = await spawnServer(port, dataDir, env);
  const stopChild = async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  };
  return {
    url,
    dataDir,
    restart: async (daysAhead: number) => {
      await stopChild();
      child = await spawnServer(port, dataDir, { ...env, GONGZHI_TEST_DAYS_AHEAD: String(daysAhead) });
    },
    stop: async () => {
      await stopChild();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function spawnServer(port: number, dataDir: string, env: Record<string, string>): Promise<ChildProcess> {
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'dist/server/main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      JOBS: '0',
      NODE_ENV: 'test',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return child;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const DESKTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };

export async function newPage(browser: Browser, viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    deviceScaleFactor: 1,
    isMobile: viewport.width < 500,
    hasTouch: viewport.width < 500,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return { context, page };
}

let shot = 0;
/** Saves a full-page screenshot of every page the test visits, numbered in visiting order. */
export async function screenshot(page: Page, name: string) {
  shot++;
  const file = path.join(SCREENSHOT_DIR, `${String(shot).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export async function logIn(page: Page, url: string, username: string, password = DEMO_PASSWORD) {
  await page.goto(url);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/**
 * WCAG 2.x AA contrast of every visible text on the page (issue 19, 适老化): 4.5:1, or 3:1 for large
 * text (≥ 24 px, or ≥ 18.66 px bold). The background is the first opaque one up the ancestors (white
 * at the top); a text over an image or a gradient is skipped, as a tool cannot judge it. Returns the
 * failures as "text (ratio, colour on background)" so a failing test says what to fix.
 */
export async function contrastFailures(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const parse = (c) => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null; const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
    const lum = ({ r, g, b }) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
    const over = (top, bottom) => ({ r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a), b: top.b * top.a + bottom.b * (1 - top.a), a: 1 });
    const background = (el) => {
      const layers = [];
      for (let e = el; e; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (s.backgroundImage && s.backgroundImage !== 'none') return null;
        const c = parse(s.backgroundColor);
        if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
      }
      let bg = { r: 255, g: 255, b: 255, a: 1 };
      for (const c of layers.reverse()) bg = over(c, bg);
      return bg;
    };
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const seen = new Set();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || seen.has(el) || !n.textContent.trim()) continue;
      seen.add(el);
      const s = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      if (s.visibility === 'hidden' || s.display === 'none' || Number(s.opacity) === 0 || box.width === 0 || box.height === 0) continue;
      if (el.closest('[aria-hidden="true"],[disabled],[aria-disabled="true"]')) continue;
      const bg = background(el);
      const fg0 = parse(s.color);
      if (!bg || !fg0) continue;
      const fg = over(fg0, bg);
      const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
      const ratio = (hi + 0.05) / (lo + 0.05);
      const size = parseFloat(s.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5) - 0.005) out.push(n.textContent.trim().slice(0, 30) + ' (' + ratio.toFixed(2) + ', ' + s.color + ' on rgb(' + [bg.r, bg.g, bg.b].map(Math.round).join(',') + '))');
    }
    return out;
  })()`);
}
