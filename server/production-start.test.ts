import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { buildApp } from './app.js';
import { runCli } from './cli.js';
import { isLoopback, loadConfig } from './config.js';
import { openDatabase } from './db/connect.js';
import { verifyAuditChain } from './audit/verify.js';

/**
 * Issue 20, production start: the demo street (accounts with a published password) loads only on a
 * loopback address or when asked; on a server the operator creates the first admin from the command
 * line, with a one-time password that must be changed.
 */
describe('production start', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-prod-'));
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the demo loads on a loopback address (the default) or with DEMO=1; bound elsewhere, not unless asked', () => {
    const cfg = (env: Record<string, string>) => loadConfig({ DATA_DIR: dir, ...env });
    expect(cfg({}).host).toBe('127.0.0.1');
    expect(cfg({}).loadDemo).toBe(true);
    expect(cfg({ HOST: 'localhost' }).loadDemo).toBe(true);
    expect(cfg({ HOST: '::1' }).loadDemo).toBe(true);
    expect(cfg({ HOST: '0.0.0.0' }).loadDemo).toBe(false);
    expect(cfg({ HOST: '192.168.1.20' }).loadDemo).toBe(false);
    expect(cfg({ HOST: '::' }).loadDemo).toBe(false);
    expect(cfg({ HOST: '0.0.0.0', DEMO: '1' }).loadDemo).toBe(true);
    expect(cfg({ HOST: '127.0.0.1', DEMO: '0' }).loadDemo).toBe(false);
    expect(isLoopback('127.1.2.3')).toBe(true);
    expect(isLoopback('10.0.0.1')).toBe(false);
  });

  function capture() {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((m: string) => void out.push(m));
    vi.spyOn(console, 'error').mockImplementation((m: string) => void err.push(m));
    return { out, err };
  }

  it('npx gongzhi create-admin: district, street and a street admin with a one-time password; the admin logs in and must change it', async () => {
    const env = { DATA_DIR: path.join(dir, 'a') };
    const args = ['create-admin', '--district', '示范区', '--street', '和睦街道', '--username', 'wangjing', '--name', '王静'];
    const { out } = capture();
    expect(await runCli(args, env)).toBe(0);
    const password = /初始密码：(\S+)/.exec(out.join('\n'))![1]!;
    expect(password.length).toBeGreaterThanOrEqual(16);
    // the same username again is refused, nothing created
    const second = capture();
    expect(await runCli(args, env)).toBe(2);
    expect(second.err.join('\n')).toContain('用户名「wangjing」已被使用');
    // a district admin under the same district: the district is found, not created twice
    expect(
      await runCli(['create-admin', '--district', '示范区', '--role', 'districtAdmin', '--username', 'qu_admin', '--name', '钱红'], env),
    ).toBe(0);
    vi.restoreAllMocks();

    const handle = await openDatabase({ dataDir: env.DATA_DIR });
    try {
      const nodes = await handle.db.selectFrom('org_node').select(['kind', 'name']).orderBy('id').execute();
      expect(nodes).toEqual([
        { kind: 'district', name: '示范区' },
        { kind: 'street', name: '和睦街道' },
      ]);
      expect((await verifyAuditChain(handle.db)).ok).toBe(true);
      const actions = await handle.db.selectFrom('audit_entry').select(['action', 'request_id']).orderBy('id').execute();
      expect(actions.map((a) => a.action)).toEqual(['org.create', 'org.create', 'account.create', 'account.create']);
      expect(actions.every((a) => a.request_id === 'cli:create-admin')).toBe(true);
      const app = await buildApp({ db: handle.db, dbKind: handle.kind, sessionSecret: 'test-secret-0123456789abcdef0123456789' });
      try {
        const wrong = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { login: 'wangjing', password: 'Gongzhi@2026' },
        });
        expect(wrong.statusCode).toBe(401);
        const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'wangjing', password } });
        expect(r.statusCode).toBe(200);
        expect(r.json().mustChangePassword).toBe(true);
        expect(r.json().roles).toEqual([{ role: 'streetAdmin', nodeId: expect.any(Number), nodeName: '和睦街道', nodeKind: 'street' }]);
        expect(r.json().permissions).toContain('org.manage');
      } finally {
        await app.close();
      }
    } finally {
      await handle.close();
    }
  });

  it('create-admin refuses what it cannot use, saying what to give', async () => {
    const env = { DATA_DIR: path.join(dir, 'b') };
    const { err } = capture();
    expect(await runCli(['create-admin', '--district', '示范区', '--username', 'x1y', '--name', '某'], env)).toBe(2);
    expect(err.pop()).toContain('街道管理员须指定街道');
    expect(await runCli(['create-admin', '--district', '示范区', '--street', '街', '--username', '1bad', '--name', '某'], env)).toBe(2);
    expect(err.pop()).toContain('用户名须以字母开头');
    expect(await runCli(['create-admin', '--district', '示\u202e范区', '--street', '街', '--username', 'abc', '--name', '某'], env)).toBe(
      2,
    );
    expect(err.pop()).toContain('不可见字符');
    expect(await runCli(['create-admin', '--street'], env)).toBe(2);
    expect(err.pop()).toContain('缺少取值');
  });
});
