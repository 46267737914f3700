import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.js';
import { TEST_DAYS_AHEAD } from './clock.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { seedCalendarFromPackage } from './calendar/store.js';
import { startScheduler } from './jobs/scheduler.js';
import { LoggingChannel } from './notifications/channel.js';
import { demoState, ensureDemoData, DEMO_PASSWORD, demoLogins } from './demo/load-demo.js';
import { largeLoaded, largeLoginLines } from './demo/large.js';
import { publicUrlStartWarning } from './notices/poster.js';
import { configureRegistryKey, identityKeys } from './people/identity.js';
import { serveControlSocket } from './ops/backup.js';

const config = loadConfig();
const here = path.dirname(fileURLToPath(import.meta.url));
const webRoot = path.resolve(here, '../web');

const handle = await openDatabase(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir }).catch(
  (err: Error) => {
    console.error(`启动失败：${err.message}`);
    process.exit(1);
  },
);
await migrateToLatest(handle.db);
await seedCalendarFromPackage(handle.db);
// The ID-number key: from REGISTRY_KEY or DATA_DIR/registry-key, checked against the database (issue 20).
configureRegistryKey({ dataDir: config.dataDir, envKey: process.env.REGISTRY_KEY || undefined });
await identityKeys(handle.db).catch(async (err: Error) => {
  console.error(`启动失败：${err.message}`);
  await handle.close();
  process.exit(1);
});
const demo = config.loadDemo ? await ensureDemoData(handle.db) : await demoState(handle.db);

// One outbound channel (SMS…) for the routes and the scheduled jobs; a structured log by default.
const channel = new LoggingChannel((obj, msg) => app.log.info(obj, msg));
const app = await buildApp({
  outbound: channel,
  db: handle.db,
  dbKind: handle.kind,
  poolStats: handle.poolStats,
  dataDir: config.dataDir,
  metricsToken: process.env.METRICS_TOKEN || null,
  sessionSecret: config.sessionSecret,
  secureCookies: config.secureCookies,
  webRoot,
  trustProxy: config.trustProxy,
  logger: { level: config.logLevel },
});

// Backups of the embedded database while it serves: `npx gongzhi backup FILE` asks over DATA_DIR/control.sock.
const stopControl = handle.kind === 'pglite' ? await serveControlSocket(config.dataDir, handle, (msg) => app.log.info(msg)) : null;

// Scheduled jobs: publicity periods closing, deadline reminders (JOBS=0 turns them off).
const boss = process.env.JOBS === '0' ? null : await startScheduler(handle, channel, (msg) => app.log.error(msg));

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, '正在关闭');
  try {
    stopControl?.();
    await app.close();
    await boss?.stop({ graceful: true, wait: true, timeout: 5000 });
    await handle.close();
  } finally {
    process.exit(0);
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
const posterWarning = publicUrlStartWarning(process.env, config.host);
if (posterWarning) app.log.warn({ host: config.host }, posterWarning);
const address = `http://localhost:${(app.server.address() as { port: number }).port}`;
const lines = [
  '',
  `共治 gongzhi 已启动：${address}`,
  `  数据库：${handle.kind === 'pglite' ? `内嵌 PostgreSQL（${path.join(config.dataDir, 'pgdata')}）` : 'PostgreSQL 服务器（DATABASE_URL）'}`,
  `  接口文档：${address}/api/docs`,
  // performance.now() counts from process start: module loading included, as a user waits for it.
  `  启动用时：${Math.round(performance.now())} ms${demo.loaded ? '（首次启动，已载入演示街道）' : ''}`,
];
if (TEST_DAYS_AHEAD) lines.push(`  测试时钟：日期已提前 ${TEST_DAYS_AHEAD} 天（仅测试环境 NODE_ENV=test）`);
if (demo.present && config.loadDemo) {
  lines.push(`  演示账号（密码均为 ${DEMO_PASSWORD}）：`);
  for (const l of demoLogins()) lines.push(`    ${l.username.padEnd(12)} ${l.label}`);
} else if (demo.present) {
  const warning = '数据库中有演示账号（密码公开）：对外服务前请在「账号管理」中停用或重置这些账号，或换用新的数据库';
  app.log.warn({ host: config.host }, warning);
  lines.push(`  警告：${warning}`);
}
const large = await largeLoaded(handle.db);
if (large && config.loadDemo) {
  lines.push(`  基准区账号（npx gongzhi load-large，密码均为 ${DEMO_PASSWORD}）：`);
  lines.push(...largeLoginLines(large.streets));
} else if (large) {
  const warning = '数据库中有基准测试区的账号（jz_ 开头，密码公开）：对外服务前请停用这些账号，或换用新的数据库';
  app.log.warn({ host: config.host }, warning);
  lines.push(`  警告：${warning}`);
}
if (!config.loadDemo && !demo.present) {
  lines.push(`  生产模式：监听 ${config.host}，不载入演示数据（本机地址 127.0.0.1 上启动或设 DEMO=1 时才载入）`);
  if (!(await handle.db.selectFrom('account').select('id').limit(1).executeTakeFirst()))
    lines.push('  尚无任何账号：请运行 npx gongzhi create-admin --district 区名称 --street 街道名称 --username 用户名 --name 姓名');
}
if (posterWarning) lines.push(`  注意：${posterWarning}`);
console.log(lines.join('\n') + '\n');
