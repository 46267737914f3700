import crypto from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp, type AppOptions } from '../app.js';
import { openDatabase, type Db, type DbHandle } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';

/**
 * A real app on a real, empty, migrated database: in-memory PGlite by default, or a fresh database
 * on the PostgreSQL server named by TEST_DATABASE_URL (created here, dropped on close).
 */
export async function openTestDatabase({ migrate = true }: { migrate?: boolean } = {}): Promise<DbHandle> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const handle = await openDatabase({ memory: true });
    if (migrate) await migrateToLatest(handle.db);
    return handle;
  }
  const scratch = await scratchDatabase(url);
  const handle = await openDatabase({ databaseUrl: scratch.url, poolSize: 8 });
  if (migrate) await migrateToLatest(handle.db);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await scratch.drop();
    },
  };
}

/** A fresh, empty database on the PostgreSQL server of `serverUrl`: its URL, and how to drop it. */
export async function scratchDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `gz_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export async function createTestApp(opts: Pick<AppOptions, 'outbound'> = {}): Promise<TestApp> {
  const handle = await openTestDatabase();
  const app = await buildApp({
    ...opts,
    db: handle.db,
    dbKind: handle.kind,
    sessionSecret: 'test-secret-0123456789abcdef0123456789',
    logger: process.env.TEST_LOG ? { level: 'error' } : false,
  });
  await app.ready();
  return {
    app,
    db: handle.db,
    kind: handle.kind,
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}

export interface Client {
  csrf: string;
  /** the Cookie header value carrying the session */
  cookie: string;
  me: { id: number; username: string; mustChangePassword: boolean; permissions: string[] };
  get(url: string): Promise<Res>;
  post(url: string, body?: unknown): Promise<Res>;
  patch(url: string, body?: unknown): Promise<Res>;
  put(url: string, body?: unknown): Promise<Res>;
  delete(url: string): Promise<Res>;
  raw(opts: InjectOptions): Promise<Res>;
}

export interface Res {
  statusCode: number;
  body: string;
  json: () => any;
  headers: Record<string, unknown>;
  rawPayload: Buffer;
}

/** Logs in through the real endpoint and returns a client that sends the cookie and CSRF token. */
export async function login(app: FastifyInstance, username: string, password = TEST_PASSWORD, ip = '10.0.0.1'): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: username, password }, remoteAddress: ip });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'gz_sid')!;
  const me = res.json();
  const cookieHeader = `gz_sid=${cookie.value}`;
  const send = (method: InjectOptions['method'], url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: { cookie: cookieHeader, 'x-csrf-token': me.csrfToken },
      ...(payload !== undefined ? { payload: payload as InjectOptions['payload'] } : {}),
    });
  return {
    csrf: me.csrfToken,
    cookie: cookieHeader,
    me,
    get: (url) => send('GET', url),
    post: (url, body) => send('POST', url, body ?? {}),
    patch: (url, body) => send('PATCH', url, body ?? {}),
    put: (url, body) => send('PUT', url, body ?? {}),
    delete: (url) => send('DELETE', url),
    raw: (opts) => app.inject({ ...opts, headers: { cookie: cookieHeader, ...(opts.headers ?? {}) } }),
  };
}

export const TEST_PASSWORD = 'Test@2026pw';
