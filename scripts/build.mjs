#!/usr/bin/env node
// Builds the server (tsc) and the web UI (vite). With --if-changed it skips the build when nothing
// it is built from has changed since the last build, so a restart on a built tree starts at once.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const stampFile = path.join(root, 'dist', '.build-stamp');
const inputs = ['core', 'server', 'web', 'package.json', 'package-lock.json', 'tsconfig.base.json', 'tsconfig.server.json'];

function newest(p) {
  const full = path.join(root, p);
  if (!fs.existsSync(full)) return 0;
  const st = fs.statSync(full);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const e of fs.readdirSync(full)) if (e !== 'node_modules') max = Math.max(max, newest(path.join(p, e)));
  return max;
}

const sourceTime = Math.max(...inputs.map(newest));
if (
  process.argv.includes('--if-changed') &&
  fs.existsSync(stampFile) &&
  Number(fs.readFileSync(stampFile, 'utf8')) >= sourceTime &&
  fs.existsSync(path.join(root, 'dist/web/index.html'))
) {
  console.log('构建产物已是最新，跳过构建');
  process.exit(0);
}

for (const [label, args] of [
  ['编译服务端', ['tsc', '-p', 'tsconfig.server.json']],
  ['构建前端', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']],
]) {
  console.log(`${label}…`);
  const r = spawnSync('npx', args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
fs.mkdirSync(path.dirname(stampFile), { recursive: true });
fs.writeFileSync(stampFile, String(sourceTime));
