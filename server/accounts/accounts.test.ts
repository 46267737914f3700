import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCount, makeStreet, type TestStreet } from '../test/factories.js';
import { createTestApp, login, type Client, type TestApp } from '../test/harness.js';

describe('account administration', () => {
  let t: TestApp;
  let s: TestStreet;
  let admin: Client;
  beforeAll(async () => {
    t = await createTestApp();
    s = await makeStreet(t.db, 'Acc');
    admin = await login(t.app, s.accounts.admin!.username);
  });
  afterAll(() => t.close());

  it('creates a grid worker bound to a grid; first login must change the password', async () => {
    const res = await admin.post('/api/accounts', {
      username: 'new_grid',
      displayName: '新网格员',
      mobile: '13700000001',
      password: 'Start@2026',
      roles: [{ role: 'gridWorker', nodeId: s.communities[1]!.grids[0] }],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: 'new_grid', mustChangePassword: true, roles: [{ role: 'gridWorker', nodeKind: 'grid' }] });
    const c = await login(t.app, 'new_grid', 'Start@2026');
    expect(c.me.mustChangePassword).toBe(true);
    const entry = await t.db
      .selectFrom('audit_entry')
      .selectAll()
      .where('action', '=', 'account.create')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(entry.after)).not.toContain('Start@2026');
    expect(JSON.stringify(entry.after)).not.toContain('argon2');
  });

  it('refuses a role on the wrong kind of node, a weak password, a duplicate username or mobile', async () => {
    const before = await auditCount(t.db);
    const wrongKind = await admin.post('/api/accounts', {
      username: 'wrong_kind',
      displayName: '甲',
      password: 'Start@2026',
      roles: [{ role: 'gridWorker', nodeId: s.communities[0]!.id }],
    });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().message).toBe('网格员只能绑定到网格，「Acc社区1」是社区');
    const weak = await admin.post('/api/accounts', {
      username: 'weak_pw',
      displayName: '乙',
      password: '12345678',
      roles: [{ role: 'owner', nodeId: s.communities[0]!.estates[0]!.id }],
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().message).toMatch(/初始密码不符合要求/);
    const dup = await admin.post('/api/accounts', {
      username: s.accounts.staff1!.username,
      displayName: '丙',
      password: 'Start@2026',
      roles: [{ role: 'owner', nodeId: s.communities[0]!.estates[0]!.id }],
    });
    expect(dup.statusCode).toBe(409);
    const dupMobile = await admin.post('/api/accounts', {
      username: 'dup_mobile',
      displayName: '丁',
      mobile: '13700000001',
      password: 'Start@2026',
      roles: [{ role: 'owner', nodeId: s.communities[0]!.estates[0]!.id }],
    });
    expect(dupMobile.statusCode).toBe(409);
    const badMobile = await admin.post('/api/accounts', {
      username: 'bad_mobile',
      displayName: '戊',
      mobile: '12345',
      password: 'Start@2026',
      roles: [{ role: 'owner', nodeId: s.communities[0]!.estates[0]!.id }],
    });
    expect(badMobile.statusCode).toBe(400);
    expect(badMobile.json().message).toMatch(/mobile.*手机号/);
    const noRole = await admin.post('/api/accounts', { username: 'no_role', displayName: '己', password: 'Start@2026', roles: [] });
    expect(noRole.statusCode).toBe(400);
    expect(await auditCount(t.db)).toBe(before);
    expect(
      await t.db
        .selectFrom('account')
        .select('id')
        .where('username', 'in', ['wrong_kind', 'weak_pw', 'dup_mobile', 'bad_mobile', 'no_role'])
        .execute(),
    ).toEqual([]);
  });

  it('changing an account’s posts ends its sessions', async () => {
    const c = await login(t.app, s.accounts.staff2!.username);
    const res = await admin.patch(`/api/accounts/${s.accounts.staff2!.id}`, {
      roles: [{ role: 'communityStaff', nodeId: s.communities[0]!.id }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().roles[0].nodeId).toBe(s.communities[0]!.id);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('an admin cannot disable or re-role themselves', async () => {
    const res = await admin.patch(`/api/accounts/${s.accounts.admin!.id}`, { disabled: true });
    expect(res.statusCode).toBe(400);
  });

  it('non-admins cannot manage accounts', async () => {
    for (const key of ['party', 'staff1', 'grid', 'member', 'company', 'owner', 'district']) {
      const c = await login(t.app, s.accounts[key]!.username);
      const res = await c.post('/api/accounts', {
        username: `by_${key}`,
        displayName: '越权',
        password: 'Start@2026',
        roles: [{ role: 'owner', nodeId: s.communities[0]!.estates[0]!.id }],
      });
      expect(res.statusCode, key).toBe(403);
      expect((await c.post(`/api/accounts/${s.accounts.owner!.id}/reset-password`, { password: 'Hijack@2026' })).statusCode).toBe(403);
    }
  });
});
