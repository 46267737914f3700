import fs from 'node:fs';
import { parseTallyFile, tallyFile, TallyFileError } from '../core/tally.js';
import { createFirstAdmin } from './accounts/use-cases/create-first-admin.js';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig, type Config } from './config.js';
import { openDatabase, type Db, type DbHandle } from './db/connect.js';
import { askRunningServer, checkRestored, pgDump, pgRestore, readEmbeddedBackup, writeEmbeddedBackup } from './ops/backup.js';
import { AppError } from './http/errors.js';
import { configureRegistryKey, configuredKeyCheck, identityKeys, RegistryKeyError, rotateRegistryKey } from './people/identity.js';
import { migrateToLatest } from './db/migrate.js';
import { verifyAuditChain } from './audit/verify.js';
import { LARGE_OPTIONS, type GenerateOptions } from './demo/generate.js';
import { largeLoginLines, loadLarge } from './demo/large.js';
import { DEMO_PASSWORD } from './demo/load-demo.js';

const USAGE = `用法：gongzhi <命令>

命令：
  tally <文件|->          按公开计票文件重新计票（民法典第278条），以 JSON 输出结果；文件格式错误时退出码 2
  migrate                 迁移数据库到最新结构
  audit-verify            校验审计哈希链，报告第一处断裂（退出码 0 完整，1 断裂）
  load-large              载入基准测试用的区（10 个街道、300 个小区、约 30 万套房屋）及各角色的账号，与演示街道并存；
                            [--streets N]（1–12，默认 10）[--units N]（每个小区平均房屋数，10–2000，默认 1040）
  create-admin            创建第一个管理员（生产环境不载入演示数据时）：
                            --district 区名称 --street 街道名称 --username 用户名 --name 姓名
                            [--role streetAdmin|districtAdmin]（默认街道管理员；区级管理员不需要 --street）
                          打印一次性初始密码，首次登录须修改
  backup <文件>           备份数据库：内嵌数据库在服务运行时也可备份（一致的热备份），PostgreSQL 服务器用 pg_dump 格式；
                          备份不含身份证号加密密钥，请另行保管 DATA_DIR/registry-key 或 REGISTRY_KEY
  restore <文件>          恢复到空的 DATA_DIR（或空的 DATABASE_URL 数据库），随后校验审计链并重新计票全部已公布的表决
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
  if (command === 'backup' || command === 'restore') {
    const file = argv[1];
    if (!file || file.startsWith('--')) throw new CliError(`请指定备份文件：gongzhi ${command} 文件`);
    const config = loadConfig(env);
    configureRegistryKey({ dataDir: config.dataDir, envKey: env.REGISTRY_KEY || undefined });
    return command === 'backup' ? backup(config, path.resolve(file)) : restore(config, path.resolve(file));
  }
  if (!['migrate', 'audit-verify', 'load-large', 'create-admin', 'rotate-registry-key'].includes(command)) {
    console.error(`未知命令：${command}\n\n${USAGE}`);
    return 2;
  }
  const options = parseOptions(argv.slice(1));
  const large = command === 'load-large' ? largeOptions(options) : null;
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
    const opts = large!;
    const started = performance.now();
    const r = await loadLarge(handle.db, opts);
    console.log(`已载入 ${r.streets} 个街道、${r.units} 套房屋，用时 ${Math.round(performance.now() - started)} ms`);
    console.log(`  基准区账号（密码均为 ${DEMO_PASSWORD}）：`);
    for (const line of largeLoginLines(opts.streets)) console.log(line);
    return 0;
  } finally {
    await handle.close();
  }
}

/** `--streets` and `--units` scale the benchmark district down (tests) or keep it as it is. */
function largeOptions(options: Record<string, string>): GenerateOptions {
  const int = (key: string, min: number, max: number, dflt: number) => {
    const v = options[key];
    if (v === undefined) return dflt;
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new CliError(`--${key} 须是 ${min}–${max} 之间的整数，收到：${v}`);
    return Number(v);
  };
  const unknown = Object.keys(options).filter((k) => k !== 'streets' && k !== 'units');
  if (unknown.length) throw new CliError(`load-large 不认识参数 --${unknown[0]}：只有 --streets 和 --units`);
  return {
    ...LARGE_OPTIONS,
    streets: int('streets', 1, 12, LARGE_OPTIONS.streets),
    unitsPerEstate: int('units', 10, 2000, LARGE_OPTIONS.unitsPerEstate),
  };
}

async function backup(config: Config, file: string): Promise<number> {
  const keyNote = (check: string | null) =>
    `备份不含身份证号加密密钥：恢复时需要校验值为 ${check?.slice(0, 8) ?? '（尚无身份证号）'} 的密钥，请另行备份 ${path.join(config.dataDir, 'registry-key')} 或 REGISTRY_KEY（与备份分开保存）。`;
  if (config.databaseUrl) {
    pgDump(config.databaseUrl, file);
    const h = await openDatabase({ databaseUrl: config.databaseUrl });
    try {
      const check = (await h.db.selectFrom('app_setting').select('value').where('key', '=', 'registry_key_check').executeTakeFirst())
        ?.value as { kcv: string } | undefined;
      console.log(`已用 pg_dump 备份到 ${file}（${fs.statSync(file).size} 字节，pg_restore 可读）。\n${keyNote(check?.kcv ?? null)}`);
    } finally {
      await h.close();
    }
    return 0;
  }
  const asked = await askRunningServer(config.dataDir, file);
  if (asked && !asked.ok) throw new CliError(`运行中的服务未能完成备份：${asked.message}`);
  let check: string | null;
  if (asked) check = readEmbeddedBackup(file).manifest.keyCheck;
  else {
    const h = await openDatabase({ dataDir: config.dataDir });
    try {
      check = (await writeEmbeddedBackup(h, file)).manifest.keyCheck;
    } finally {
      await h.close();
    }
  }
  console.log(`已备份到 ${file}（${fs.statSync(file).size} 字节${asked ? '，由运行中的服务写入' : ''}）。\n${keyNote(check)}`);
  return 0;
}

async function restore(config: Config, file: string): Promise<number> {
  let handle: DbHandle;
  if (config.databaseUrl) {
    const h = await openDatabase({ databaseUrl: config.databaseUrl });
    const used = await sql<{ t: string | null }>`select to_regclass('schema_migration')::text as t`.execute(h.db);
    await h.close();
    if (used.rows[0]?.t) throw new CliError('DATABASE_URL 指向的数据库不是空的：请新建一个空数据库（createdb）后恢复');
    pgRestore(config.databaseUrl, file);
    handle = await openDatabase({ databaseUrl: config.databaseUrl });
  } else {
    const pgdata = path.join(config.dataDir, 'pgdata');
    if (fs.existsSync(pgdata) && fs.readdirSync(pgdata).length > 0)
      throw new CliError(`${config.dataDir} 中已有数据库：请恢复到一个空的数据目录（设置 DATA_DIR），不会覆盖现有数据`);
    const { manifest, tarball } = readEmbeddedBackup(file);
    const have = configuredKeyCheck();
    if (manifest.keyCheck && have !== manifest.keyCheck)
      throw new CliError(
        `该备份的身份证号是用校验值为 ${manifest.keyCheck.slice(0, 8)} 的密钥加密的，` +
          (have ? `当前密钥的校验值是 ${have.slice(0, 8)}。` : '当前没有密钥。') +
          `请先把原来的 registry-key 文件放入 ${config.dataDir}，或设置 REGISTRY_KEY，再恢复。`,
      );
    handle = await openDatabase({ dataDir: config.dataDir, load: new Blob([new Uint8Array(tarball)]) });
  }
  try {
    await migrateToLatest(handle.db);
    await identityKeys(handle.db);
    const r = await checkRestored(handle.db);
    console.log(`已恢复 ${file}。`);
    console.log(r.audit.ok ? `审计链完整，共校验 ${r.audit.checked} 条记录` : `审计链断裂：${r.audit.reason}`);
    for (const d of r.decisions) console.log(`  表决 ${d.id}「${d.title}」：${d.ok ? '重新计票与公布结果一致' : d.reason}`);
    console.log(`已公布的表决 ${r.decisions.length} 项，重新计票一致 ${r.decisions.filter((d) => d.ok).length} 项`);
    return r.audit.ok && r.decisions.every((d) => d.ok) ? 0 : 1;
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
