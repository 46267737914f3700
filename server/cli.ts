import fs from 'node:fs';
import { parseTallyFile, tallyFile, TallyFileError } from '../core/tally.js';
import { createFirstAdmin } from './accounts/use-cases/create-first-admin.js';
import { loadConfig } from './config.js';
import { openDatabase, type Db } from './db/connect.js';
import { AppError } from './http/errors.js';
import { configureRegistryKey, RegistryKeyError, rotateRegistryKey } from './people/identity.js';
import { migrateToLatest } from './db/migrate.js';
import { verifyAuditChain } from './audit/verify.js';
import { LARGE_OPTIONS } from './demo/generate.js';
import { loadStreets } from './demo/load-demo.js';

const USAGE = `用法：gongzhi <命令>

命令：
  tally <文件|->          按公开计票文件重新计票（民法典第278条），以 JSON 输出结果；文件格式错误时退出码 2
  migrate                 迁移数据库到最新结构
  audit-verify            校验审计哈希链，报告第一处断裂（退出码 0 完整，1 断裂）
  load-large              载入基准测试用的大数据集（10 个街道、300 个小区、约 30 万套房屋）
  create-admin            创建第一个管理员（生产环境不载入演示数据时）：
                            --district 区名称 --street 街道名称 --username 用户名 --name 姓名
                            [--role streetAdmin|districtAdmin]（默认街道管理员；区级管理员不需要 --street）
                          打印一次性初始密码，首次登录须修改
  rotate-registry-key     更换身份证号加密密钥：用新密钥重新加密全部身份证号（[--new-key 64位十六进制]，默认生成）；
                          密钥在 DATA_DIR/registry-key 时自动替换该文件，用 REGISTRY_KEY 时打印新密钥，须在各实例更新后再启动
  help                    显示本说明

数据库：默认使用 DATA_DIR（默认 ./data）中的内嵌 PostgreSQL；设置 DATABASE_URL 时使用 PostgreSQL 服务器。
内嵌数据库同一时间只能被一个进程打开：运行命令前请先停止服务。`;

/** `--key value` and `--key=value` options after the command. */
export function parseOptions(args: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(args[i]!);
    if (!m) throw new CliError(`无法识别的参数：${args[i]}`);
    if (m[2] !== undefined) out[m[1]!] = m[2];
    else if (i + 1 < args.length && !args[i + 1]!.startsWith('--')) out[m[1]!] = args[++i]!;
    else throw new CliError(`参数 --${m[1]} 缺少取值`);
  }
  return out;
}

class CliError extends Error {}

export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    return await run(argv, env);
  } catch (err) {
    if (err instanceof CliError || err instanceof AppError || err instanceof RegistryKeyError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
}

async function run(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const [command] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return 0;
  }
  if (command === 'tally') return tally(argv[1]);
  if (!['migrate', 'audit-verify', 'load-large', 'create-admin', 'rotate-registry-key'].includes(command)) {
    console.error(`未知命令：${command}\n\n${USAGE}`);
    return 2;
  }
  const options = parseOptions(argv.slice(1));
  const config = loadConfig(env);
  configureRegistryKey({ dataDir: config.dataDir, envKey: env.REGISTRY_KEY || undefined });
  const handle = await openDatabase(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
  try {
    const applied = await migrateToLatest(handle.db);
    if (command === 'migrate') {
      console.log(applied.length ? `已执行迁移：${applied.join('、')}` : '数据库已是最新结构');
      return 0;
    }
    if (command === 'audit-verify') {
      const r = await verifyAuditChain(handle.db);
      console.log(JSON.stringify(r, null, 2));
      console.log(r.ok ? `审计链完整，共校验 ${r.checked} 条记录` : `审计链断裂：${r.firstBroken?.reason}`);
      return r.ok ? 0 : 1;
    }
    if (command === 'create-admin') return await createAdmin(handle.db, options);
    if (command === 'rotate-registry-key') {
      const r = await rotateRegistryKey(handle.db, options['new-key']);
      console.log(`已用新密钥重新加密 ${r.rotated} 个证件号码。`);
      if (r.origin === 'file') console.log(`新密钥已写入 ${config.dataDir}/registry-key：请立即备份该文件（与数据库备份分开保存）。`);
      if (r.origin === 'env') console.log(`新密钥：${r.newKey}\n请把所有实例的 REGISTRY_KEY 改为此值后再启动；旧密钥已不能打开数据。`);
      return 0;
    }
    const started = performance.now();
    const r = await loadStreets(handle.db, LARGE_OPTIONS, { withLogins: false });
    console.log(`已载入 ${r.streets} 个街道、${r.units} 套房屋，用时 ${Math.round(performance.now() - started)} ms`);
    return 0;
  } finally {
    await handle.close();
  }
}

async function createAdmin(db: Db, o: Record<string, string>): Promise<number> {
  const role = o.role ?? 'streetAdmin';
  if (role !== 'streetAdmin' && role !== 'districtAdmin')
    throw new CliError('--role 只能是 streetAdmin（街道管理员）或 districtAdmin（区级管理员）');
  for (const k of ['district', 'username', 'name']) if (!o[k]) throw new CliError(`请指定 --${k}。\n\n${USAGE}`);
  const r = await createFirstAdmin(db, {
    username: o.username!,
    displayName: o.name!,
    district: o.district!,
    street: o.street ?? null,
    role,
  });
  console.log(
    [
      `已创建${role === 'streetAdmin' ? '街道管理员' : '区级管理员'}账号：${o.username}（${o.name}）`,
      `  初始密码：${r.password}`,
      '  该密码只显示这一次，首次登录后须修改；请当面或通过安全渠道交给本人。',
    ].join('\n'),
  );
  return 0;
}

/**
 * Recomputes a published result from its public tally file, with nothing but this file and the
 * rules in core/: anyone can check the street's published outcome.
 */
function tally(file: string | undefined): number {
  if (!file) {
    console.error('请指定计票文件：gongzhi tally FILE（或 - 表示从标准输入读取）');
    return 2;
  }
  let text: string;
  try {
    text = fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    console.error(`无法读取计票文件 ${file}：${(err as Error).message}`);
    return 2;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    console.error(`计票文件不是合法的 JSON：${(err as Error).message}`);
    return 2;
  }
  try {
    console.log(JSON.stringify(tallyFile(parseTallyFile(json))));
    return 0;
  } catch (err) {
    if (err instanceof TallyFileError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
}
