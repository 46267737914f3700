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
  /** Load the demo street into an empty database. */
  loadDemo: boolean;
  logLevel: string;
}

/** Configuration from the environment, with defaults that make `npm start` work on a fresh machine. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR || './data');
  const port = Number(env.PORT || 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT 必须是 0–65535 的整数，当前为 ${env.PORT}`);
  return {
    port,
    host: env.HOST || '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL || null,
    sessionSecret: env.SESSION_SECRET || sessionSecretFromDataDir(dataDir),
    secureCookies: env.SECURE_COOKIES === '1' || env.SECURE_COOKIES === 'true',
    loadDemo: env.DEMO !== '0' && env.DEMO !== 'false',
    logLevel: env.LOG_LEVEL || 'info',
  };
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
