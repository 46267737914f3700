import fs from 'node:fs';
import { parseTallyFile, tallyFile, TallyFileError } from '../core/tally.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/connect.js';
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
  help                    显示本说明

数据库：默认使用 DATA_DIR（默认 ./data）中的内嵌 PostgreSQL；设置 DATABASE_URL 时使用 PostgreSQL 服务器。
内嵌数据库同一时间只能被一个进程打开：运行命令前请先停止服务。`;

export async function runCli(argv: string[]): Promise<number> {
  const [command] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return 0;
  }
  if (command === 'tally') return tally(argv[1]);
  if (!['migrate', 'audit-verify', 'load-large'].includes(command)) {
    console.error(`未知命令：${command}\n\n${USAGE}`);
    return 2;
  }
  const config = loadConfig();
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
    const started = performance.now();
    const r = await loadStreets(handle.db, LARGE_OPTIONS, { withLogins: false });
    console.log(`已载入 ${r.streets} 个街道、${r.units} 套房屋，用时 ${Math.round(performance.now() - started)} ms`);
    return 0;
  } finally {
    await handle.close();
  }
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
