#!/usr/bin/env node
// Builds the server (tsc) and the web UI (vite). With --if-changed it skips the build when nothing
// it is built from has changed since the last build, so a restart on a built tree starts at once.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

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
// Issue 19: every text file of the web build also as brotli (highest quality) and gzip, built once here;
// the server sends the one the browser accepts (server/http/web-assets.ts). Owners are often on a
// mobile network: the JavaScript shrinks to about a quarter.
console.log('压缩前端文件（brotli、gzip）…');
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map)$/;
let raw = 0;
let brotli = 0;
function compressTree(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) compressTree(file);
    else if (COMPRESSIBLE.test(e.name)) {
      const content = fs.readFileSync(file);
      if (content.length < 1024) continue;
      const br = zlib.brotliCompressSync(content, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length },
      });
      const gz = zlib.gzipSync(content, { level: 9 });
      if (br.length < content.length) fs.writeFileSync(`${file}.br`, br);
      if (gz.length < content.length) fs.writeFileSync(`${file}.gz`, gz);
      raw += content.length;
      brotli += Math.min(br.length, content.length);
    }
  }
}
compressTree(path.join(root, 'dist/web'));
console.log(`  ${Math.round(raw / 1024)} KB → brotli ${Math.round(brotli / 1024)} KB`);

fs.mkdirSync(path.dirname(stampFile), { recursive: true });
fs.writeFileSync(stampFile, String(sourceTime));
