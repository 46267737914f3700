import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './connect.js';

describe('data folder lock', () => {
  it('refuses a second opener of the same PGlite folder, then allows it after close', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-lock-'));
    const first = await openDatabase({ dataDir: dir });
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/已被另一个进程/);
    await first.close();
    const again = await openDatabase({ dataDir: dir });
    await again.close();
    expect(fs.existsSync(path.join(dir, 'gongzhi.lock'))).toBe(false);
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-lock-'));
    fs.writeFileSync(path.join(dir, 'gongzhi.lock'), '999999999');
    const h = await openDatabase({ dataDir: dir });
    expect(fs.readFileSync(path.join(dir, 'gongzhi.lock'), 'utf8')).toBe(String(process.pid));
    await h.close();
  });

  it('a live foreign pid keeps the lock', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-lock-'));
    fs.writeFileSync(path.join(dir, 'gongzhi.lock'), String(process.ppid));
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/PID/);
  });
});
