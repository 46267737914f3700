import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  sessionSecret: string;
  /** Set the Secure flag on cookies (behind TLS). */
  secureCookies: boolean;
  /**
   * Load the demo street into an empty database: DEMO=1 asks for it, DEMO=0 refuses it; unset, only
   * on a loopback address (a developer's machine) — bound to any other address the app is in
   * production mode and the first admin is created with `npx gongzhi create-admin` (issue 20).
   */
  loadDemo: boolean;
  logLevel: string;
  /**
   * Which reverse proxies to believe about the client's address (X-Forwarded-For): false (none),
   * a number of hops in front of the app, or a list of proxy addresses / CIDR ranges.
   */
  trustProxy: false | number | string;
}

/** Configuration from the environment, with defaults that make `npm start` work on a fresh machine. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR || './data');
  const port = Number(env.PORT || 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT 必须是 0–65535 的整数，当前为 ${env.PORT}`);
  const host = env.HOST || '127.0.0.1';
  return {
    port,
    host,
    dataDir,
    databaseUrl: env.DATABASE_URL || null,
    sessionSecret: env.SESSION_SECRET || sessionSecretFromDataDir(dataDir),
    secureCookies: env.SECURE_COOKIES === '1' || env.SECURE_COOKIES === 'true',
    loadDemo: env.DEMO === '1' || env.DEMO === 'true' ? true : env.DEMO === '0' || env.DEMO === 'false' ? false : isLoopback(host),
    logLevel: env.LOG_LEVEL || 'info',
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
  };
}

/**
 * TRUST_PROXY: unset or 0 — the socket's address is the client; N (1, 2…) — that many proxies stand in
 * front of the app, so the client is the N-th address from the right of X-Forwarded-For (what a client
 * writes at the left is never believed); a list of addresses or CIDR ranges — the proxies themselves.
 * `true` (every hop) is refused: behind one proxy it believes whatever the client forged.
 */
export function parseTrustProxy(value: string | undefined): false | number | string {
  const v = (value ?? '').trim();
  if (v === '' || v === '0' || v === 'false') return false;
  if (/^\d{1,2}$/.test(v)) return Number(v);
  if (v === 'true')
    throw new Error('TRUST_PROXY=true 会信任客户端伪造的任意 X-Forwarded-For：请填写代理层数（如 1）或代理地址（如 10.0.0.0/8）');
  const parts = v.split(',').map((p) => p.trim());
  if (parts.every((p) => /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(p) || ['loopback', 'linklocal', 'uniquelocal'].includes(p)))
    return parts.join(',');
  throw new Error(`TRUST_PROXY 无法识别：${v}。请填写代理层数（如 1）或代理地址/网段列表（如 10.0.0.1,10.1.0.0/16）`);
}

/** A loopback address: reachable from this machine only. */
export function isLoopback(host: string): boolean {
  return /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i.test(host);
}

/** Generated once and kept in the data folder, so sessions survive a restart. */
function sessionSecretFromDataDir(dataDir: string): string {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'session-secret');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    const secret = crypto.randomBytes(32).toString('hex');
    fs.writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
    return fs.readFileSync(file, 'utf8').trim();
  }
}
