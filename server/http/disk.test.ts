import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import type { DbHandle } from '../db/connect.js';
import { openTestDatabase } from '../test/harness.js';
import { DISK_FULL_HOLD_MS, DiskWatch, isDiskFull } from './disk.js';

const MiB = 2 ** 20;

/** Issue 20: a full disk is said as such — 507 in Chinese on the write, and in health — never a bare 500. */
describe('disk full', () => {
  it('the watch: ok, low under 1 GiB, full under 64 MiB or for five minutes after a failed write unless space came back', () => {
    let free: number | null = 10_000 * MiB;
    let now = 1_000_000;
    const w = new DiskWatch(
      () => free,
      () => now,
    );
    expect(w.status()).toEqual({ status: 'ok', freeMiB: 10_000 });
    free = 1023 * MiB;
    expect(w.status().status).toBe('low');
    free = 63 * MiB;
    expect(w.status().status).toBe('full');
    free = 500 * MiB;
    w.markFull();
    expect(w.status().status).toBe('full');
    now += DISK_FULL_HOLD_MS;
    expect(w.status().status).toBe('low');
    w.markFull();
    free = 5000 * MiB; // room was made
    expect(w.status().status).toBe('ok');
    free = null; // a disk we cannot see (PostgreSQL server): only failures tell
    w.markFull();
    expect(w.status()).toEqual({ status: 'full', freeMiB: null });
  });

  it('recognises the failures: PostgreSQL disk_full, ENOSPC, the message of a file that could not grow', () => {
    expect(isDiskFull({ code: '53100', message: 'x' })).toBe(true);
    expect(isDiskFull({ code: 'ENOSPC', message: 'x' })).toBe(true);
    expect(isDiskFull({ code: 'XX000', message: 'could not extend file "base/5/16384": No space left on device' })).toBe(true);
    expect(isDiskFull({ code: '23505', message: 'duplicate key' })).toBe(false);
  });

  describe('in the app', () => {
    let h: DbHandle;
    let app: Awaited<ReturnType<typeof buildApp>>;
    let free = 10_000 * MiB;
    beforeAll(async () => {
      h = await openTestDatabase();
      app = await buildApp({
        db: h.db,
        dbKind: h.kind,
        sessionSecret: 'test-secret-0123456789abcdef0123456789',
        disk: new DiskWatch(() => free),
      });
      // a write that meets a full disk, as PostgreSQL reports it
      app.get('/api/test/write', { config: { permission: 'public' } }, async () => {
        throw Object.assign(new Error('could not extend file "base/5/16384": No space left on device'), { code: '53100' });
      });
      await app.ready();
    });
    afterAll(async () => {
      await app.close();
      await h.close();
    });

    it('low space is reported before it is full, and the instance stays ready', async () => {
      free = 700 * MiB;
      expect((await app.inject('/api/health')).json()).toEqual({ status: 'ok', database: h.kind, disk: 'low' });
      expect((await app.inject('/api/health/ready')).json()).toMatchObject({ status: 'ready', disk: 'low', freeMiB: 700 });
    });
    it('the write answers 507 with a Chinese message; health and readiness then report the full disk', async () => {
      free = 10_000 * MiB;
      expect((await app.inject('/api/health')).json()).toEqual({ status: 'ok', database: h.kind, disk: 'ok' });
      const r = await app.inject('/api/test/write');
      expect(r.statusCode).toBe(507);
      expect(r.json()).toEqual({
        code: 'DISK_FULL',
        message: '服务器存储空间已满，本次提交未能保存。请稍后重试；如持续出现，请联系系统管理员清理磁盘空间',
      });
      free = 200 * MiB;
      const health = await app.inject('/api/health');
      expect(health.statusCode).toBe(503);
      expect(health.json()).toMatchObject({ status: 'error', disk: 'full', message: expect.stringContaining('磁盘空间已满') });
      expect((await app.inject('/api/health/ready')).statusCode).toBe(503);
      // room made: healthy again at once
      free = 8000 * MiB;
      expect((await app.inject('/api/health')).json()).toEqual({ status: 'ok', database: h.kind, disk: 'ok' });
      expect((await app.inject('/api/health/ready')).json()).toEqual({ status: 'ready', database: 'ok', disk: 'ok', freeMiB: 8000 });
    });
  });
});
