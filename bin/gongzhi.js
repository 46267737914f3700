#!/usr/bin/env node
// gongzhi command line: runs the compiled CLI (npm run build:server first).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/server/cli.js', import.meta.url));
if (!existsSync(cli)) {
  console.error('尚未构建：请先运行 npm run build:server');
  process.exit(2);
}
const { runCli } = await import(cli);
try {
  process.exitCode = await runCli(process.argv.slice(2));
} catch (err) {
  console.error(`执行失败：${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
