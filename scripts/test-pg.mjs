#!/usr/bin/env node
// The PostgreSQL lane: the API tests against a PostgreSQL server (15+). Each test file creates and
// drops a database of its own on the server named by TEST_DATABASE_URL (default: the local server).
import { spawnSync } from 'node:child_process';

const url = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
console.log(`PostgreSQL 测试通道：${url.replace(/:[^:@/]*@/, ':***@')}`);
const r = spawnSync('npx', ['vitest', 'run', 'server'], { stdio: 'inherit', env: { ...process.env, TEST_DATABASE_URL: url } });
process.exit(r.status ?? 1);
