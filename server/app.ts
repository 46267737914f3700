import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyServerOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { accountRoutes } from './accounts/routes.js';
import { auditRoutes } from './audit/routes.js';
import { calendarRoutes } from './calendar/routes.js';
import { noticeRoutes } from './notices/routes.js';
import { notificationRoutes } from './notifications/routes.js';
import { LoggingChannel, type OutboundChannel } from './notifications/channel.js';
import { installAuth } from './auth/plugin.js';
import { authRoutes } from './auth/routes.js';
import type { Db, DbHandle } from './db/connect.js';
import { installMetrics } from './http/metrics.js';
import { pendingMigrations } from './db/migrate.js';
import { DiskWatch } from './http/disk.js';
import { installErrorHandler } from './http/error-handler.js';
import { installTextHygiene } from './http/text-hygiene.js';
import { installCompression, installWebRoot } from './http/web-assets.js';
import { installSecurityHeaders } from './http/security-headers.js';
import type { RoutePermission } from './http/context.js';
import { orgRoutes } from './org/routes.js';
import { peopleRoutes } from './people/routes.js';
import { companyRoutes } from './companies/routes.js';
import { ownerRoutes } from './owners/routes.js';
import { importRoutes } from './imports/routes.js';
import { formationRoutes } from './formation/routes.js';
import { decisionRoutes } from './decisions/routes.js';
import { installMessageDelivery } from './messages/deliver.js';
import { messageRoutes } from './messages/routes.js';
import { ownerHomeRoutes } from './owner-home/routes.js';
import { committeeRoutes } from './committees/routes.js';
import { coordinationRoutes } from './coordination/routes.js';
import { ticketRoutes } from './tickets/routes.js';
import { cobuildingRoutes } from './cobuilding/routes.js';
import { disclosureRoutes } from './disclosures/routes.js';
import { overviewRoutes } from './overview/routes.js';
import { assessmentRoutes } from './assessment/routes.js';
import { surveyRoutes } from './survey/routes.js';

z.config(z.locales.zhCN());

export interface AppOptions {
  db: Db;
  dbKind: 'pglite' | 'postgres';
  sessionSecret: string;
  secureCookies?: boolean;
  /** Folder of the built web UI (index.html and assets); omitted in API tests. */
  webRoot?: string | null;
  logger?: FastifyServerOptions['logger'];
  /** Reverse proxies to believe about the client address (config.ts parseTrustProxy). */
  trustProxy?: false | number | string;
  /** Where messages outside the app go (SMS…): the same channel the scheduled jobs use; a log by default. */
  outbound?: OutboundChannel;
  /** Database connection counts for /metrics (DbHandle.poolStats). */
  poolStats?: DbHandle['poolStats'];
  /** The data folder, whose disk health watches; or a watch of its own (tests). */
  dataDir?: string | null;
  disk?: DiskWatch;
  /** METRICS_TOKEN: the bearer token /metrics asks for; without one only this machine may read it. */
  metricsToken?: string | null;
}

const DISK_FULL_MESSAGE = '数据目录所在磁盘空间已满或将满，写入会失败：请清理磁盘空间';

/** An X-Request-Id a proxy or client sends is kept when it is a plain token, else one is made. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

export interface RouteInfo {
  method: string;
  url: string;
  permission: RoutePermission | undefined;
}

/** Routes that belong to libraries (API docs, static files): public by this one declaration. */
const LIBRARY_PUBLIC_PREFIXES = ['/api/docs'];

/**
 * Fastify 5 refuses a bare hop count (a client reaching the app directly could then forge the hops),
 * so a count is spelled out as "trust the first N addresses counted from the socket": behind N proxies
 * the client is the N-th address from the right of X-Forwarded-For. The README says to keep the app
 * reachable only through the proxy, or to list the proxy addresses instead.
 */
function proxyTrust(setting: AppOptions['trustProxy']): FastifyServerOptions['trustProxy'] {
  if (typeof setting !== 'number') return setting ?? false;
  const hops = setting;
  return (_addr: string, i: number) => i < hops;
}

export async function buildApp(opts: AppOptions) {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 1024 * 1024,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : crypto.randomUUID();
    },
    requestIdHeader: false,
    trustProxy: proxyTrust(opts.trustProxy),
    ajv: undefined,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // The API speaks JSON only; anything else is refused with 415 before it reaches a route.
  app.removeContentTypeParser('text/plain');

  const routes: RouteInfo[] = [];
  app.addHook('onRoute', (route) => {
    const config = (route.config ?? {}) as { permission?: RoutePermission };
    if (
      !config.permission &&
      (LIBRARY_PUBLIC_PREFIXES.some((p) => route.url.startsWith(p)) || route.url === '/*' || route.url.startsWith('/assets'))
    ) {
      route.config = { ...config, permission: 'public' };
    }
    for (const method of [route.method].flat())
      routes.push({ method, url: route.url, permission: (route.config as { permission?: RoutePermission } | undefined)?.permission });
  });
  app.decorate('registeredRoutes', routes);
  app.decorate('outbound', opts.outbound ?? new LoggingChannel((obj, msg) => app.log.info(obj, msg)));

  // Every answer names its request id: a user reporting a problem quotes it, the logs carry it (reqId).
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  const disk = opts.disk ?? DiskWatch.forFolder(opts.dataDir);
  installErrorHandler(app, disk);
  installTextHygiene(app);
  await installCompression(app);
  await installSecurityHeaders(app, { behindTls: opts.secureCookies ?? false });
  await app.register(fastifyCookie, { secret: opts.sessionSecret });
  installAuth(app, opts.db);

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: '共治 gongzhi API',
        description: '物业管理委员会组建运行与业主共同决定平台接口。写操作需携带 X-CSRF-Token 请求头（见 /api/auth/me）。',
        version: '0.1.0',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.get('/api/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () => app.swagger());

  installMetrics(app, { db: opts.db, poolStats: opts.poolStats, token: opts.metricsToken ?? null });

  /** The database answers a trivial query within two seconds. */
  const databaseState = async (): Promise<'ok' | 'unavailable'> => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        sql`select 1`.execute(opts.db),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), 2000))),
      ]);
      return 'ok';
    } catch {
      return 'unavailable';
    } finally {
      clearTimeout(timer);
    }
  };
  const healthTags = ['系统'];
  app.get(
    '/api/health',
    {
      config: { permission: 'public' },
      schema: {
        tags: healthTags,
        summary: '健康检查（含数据库）',
        response: {
          200: z.object({ status: z.literal('ok'), database: z.string(), disk: z.enum(['ok', 'low']) }),
          503: z.object({ status: z.literal('error'), database: z.string(), disk: z.enum(['ok', 'low', 'full']), message: z.string() }),
        },
      },
    },
    async (_req, reply) => {
      const d = disk.status();
      if ((await databaseState()) !== 'ok')
        return reply.status(503).send({ status: 'error' as const, database: opts.dbKind, disk: d.status, message: '数据库不可用' });
      if (d.status === 'full')
        return reply.status(503).send({ status: 'error' as const, database: opts.dbKind, disk: d.status, message: DISK_FULL_MESSAGE });
      return { status: 'ok' as const, database: opts.dbKind, disk: d.status };
    },
  );
  // Liveness: the process answers (restart it if not). It says how the database is, but a database
  // outage is no reason to restart the app, so it stays 200.
  app.get(
    '/api/health/live',
    {
      config: { permission: 'public' },
      schema: {
        tags: healthTags,
        summary: '存活检查：进程能应答即为 200（附数据库状态，数据库不可用不影响此检查）',
        response: { 200: z.object({ status: z.literal('alive'), database: z.enum(['ok', 'unavailable']) }) },
      },
    },
    async () => ({ status: 'alive' as const, database: await databaseState() }),
  );
  // Readiness: send traffic here only when the database answers and its schema is this version's.
  app.get(
    '/api/health/ready',
    {
      config: { permission: 'public' },
      schema: {
        tags: healthTags,
        summary: '就绪检查：数据库可用且结构为最新时 200，否则 503',
        response: {
          200: z.object({
            status: z.literal('ready'),
            database: z.literal('ok'),
            disk: z.enum(['ok', 'low']),
            freeMiB: z.number().nullable(),
          }),
          503: z.object({ status: z.literal('not-ready'), database: z.enum(['ok', 'unavailable']), message: z.string() }),
        },
      },
    },
    async (_req, reply) => {
      const database = await databaseState();
      if (database !== 'ok')
        return reply.status(503).send({ status: 'not-ready' as const, database, message: '数据库不可用，暂不接收请求' });
      const pending = await pendingMigrations(opts.db);
      if (pending.length)
        return reply
          .status(503)
          .send({ status: 'not-ready' as const, database, message: `数据库结构不是最新（待执行迁移：${pending.join('、')}）` });
      const d = disk.status();
      if (d.status === 'full') return reply.status(503).send({ status: 'not-ready' as const, database, message: DISK_FULL_MESSAGE });
      return { status: 'ready' as const, database, disk: d.status, freeMiB: d.freeMiB };
    },
  );

  await app.register(authRoutes, { db: opts.db, secureCookies: opts.secureCookies ?? false });
  await app.register(accountRoutes, { db: opts.db });
  await app.register(orgRoutes, { db: opts.db });
  await app.register(auditRoutes, { db: opts.db });
  await app.register(calendarRoutes, { db: opts.db });
  await app.register(noticeRoutes, { db: opts.db });
  await app.register(notificationRoutes, { db: opts.db });
  await app.register(peopleRoutes, { db: opts.db });
  await app.register(companyRoutes, { db: opts.db });
  await app.register(ownerRoutes, { db: opts.db });
  await app.register(importRoutes, { db: opts.db });
  await app.register(formationRoutes, { db: opts.db });
  await app.register(decisionRoutes, { db: opts.db });
  await app.register(messageRoutes, { db: opts.db });
  await app.register(ownerHomeRoutes, { db: opts.db });
  installMessageDelivery(app, opts.db);
  await app.register(coordinationRoutes, { db: opts.db });
  await app.register(ticketRoutes, { db: opts.db });
  await app.register(cobuildingRoutes, { db: opts.db });
  await app.register(disclosureRoutes, { db: opts.db });
  await app.register(overviewRoutes, { db: opts.db });
  await app.register(assessmentRoutes, { db: opts.db });
  await app.register(committeeRoutes, { db: opts.db });
  await app.register(surveyRoutes, { db: opts.db });

  if (opts.webRoot && fs.existsSync(path.join(opts.webRoot, 'index.html'))) await installWebRoot(app, opts.webRoot, opts.db);

  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    registeredRoutes: RouteInfo[];
    /** The outbound channel (SMS…) a route sends through after its transaction commits. */
    outbound: OutboundChannel;
  }
}
