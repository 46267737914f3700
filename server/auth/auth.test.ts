import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStreet, type TestStreet } from '../test/factories.js';
import { createTestApp, login, TEST_PASSWORD, type TestApp } from '../test/harness.js';
import { ACCOUNT_WIDE_FAILURES, MAX_FAILURES, SLOW_SECONDS } from './use-cases/login.js';

describe('accounts and sessions', () => {
  let t: TestApp;
  let s: TestStreet;
  beforeAll(async () => {
    t = await createTestApp();
    s = await makeStreet(t.db, 'Auth');
    await t.db.updateTable('account').set({ mobile: '13912345678' }).where('id', '=', s.accounts.staff1!.id).execute();
  });
  afterAll(() => t.close());

  const attempt = (loginName: string, password: string, ip = '10.1.1.1') =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: loginName, password }, remoteAddress: ip });

  it('logs in by username, sets an HttpOnly SameSite cookie, and returns roles, permissions and a CSRF token', async () => {
    const res = await attempt(s.accounts.admin!.username, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'gz_sid')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const me = res.json();
    expect(me.roles).toEqual([{ role: 'streetAdmin', nodeId: s.street, nodeName: 'Auth街道', nodeKind: 'street' }]);
    expect(me.permissions).toContain('account.manage');
    expect(me.csrfToken).toMatch(/^[\w-]{20,}$/);
    // the session lives in the database, only as a hash of the cookie's token
    const rows = await t.db.selectFrom('session').select('id').where('account_id', '=', s.accounts.admin!.id).execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => cookie.value.includes(r.id))).toBe(false);
  });

  it('logs in by mobile number', async () => {
    const res = await attempt('13912345678', TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().username).toBe(s.accounts.staff1!.username);
  });

  it('a wrong password answers 401 in Chinese and says how many tries are left', async () => {
    const res = await attempt(s.accounts.party!.username, 'wrong-password');
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toBe(`用户名或密码错误，还可尝试 ${MAX_FAILURES - 1} 次`);
  });

  it(`pauses a source after ${MAX_FAILURES} failures in a row on an account, even for the right password; the owner elsewhere logs in; an admin reset lifts it`, async () => {
    const name = s.accounts.district!.username;
    for (let i = 0; i < MAX_FAILURES; i++) expect((await attempt(name, 'nope', '10.2.2.2')).statusCode).toBe(401);
    const locked = await attempt(name, TEST_PASSWORD, '10.2.2.2');
    expect(locked.statusCode).toBe(423);
    expect(locked.json().message).toMatch(/^从本网络连续登录失败 5 次，本网络已暂停登录该账号，请于 \d\d:\d\d 之后再试/);
    // the stranger at 10.2.2.2 has not locked the owner out: from another network the account works
    const owner = await attempt(name, TEST_PASSWORD, '10.2.2.3');
    expect(owner.statusCode).toBe(200);
    // and the owner's success does not hand the stranger fresh tries… it does start the count again,
    // so the stranger is paused again after the next MAX_FAILURES
    for (let i = 0; i < MAX_FAILURES; i++) expect((await attempt(name, 'nope', '10.2.2.2')).statusCode).toBe(401);
    expect((await attempt(name, TEST_PASSWORD, '10.2.2.2')).statusCode).toBe(423);

    const admin = await login(t.app, s.accounts.admin!.username);
    const reset = await admin.post(`/api/accounts/${s.accounts.district!.id}/reset-password`, { password: 'Reset@2026x' });
    expect(reset.statusCode).toBe(200);
    const after = await attempt(name, 'Reset@2026x', '10.2.2.4');
    expect(after.statusCode).toBe(200);
    expect(after.json().mustChangePassword).toBe(true);

    // until the password is changed, nothing but me / change password / logout is allowed
    const c = await login(t.app, name, 'Reset@2026x', '10.2.2.5');
    const blocked = await c.get('/api/org/tree');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().message).toBe('请先修改初始密码后再继续使用');
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    expect((await c.post('/api/auth/password', { currentPassword: 'Reset@2026x', newPassword: 'Mine@2026abc' })).statusCode).toBe(200);
    expect((await c.get('/api/org/tree')).statusCode).toBe(200);
  });

  it(`a guess spread over many addresses: past ${ACCOUNT_WIDE_FAILURES} failures, new sources get one try per ${SLOW_SECONDS} s; the owner's known network is not slowed`, async () => {
    const name = s.accounts.staff2!.username;
    expect((await attempt(name, TEST_PASSWORD, '10.5.0.1')).statusCode).toBe(200); // the owner's usual network
    let n = 0;
    for (let src = 1; n < ACCOUNT_WIDE_FAILURES; src++)
      for (let i = 0; i < MAX_FAILURES - 1 && n < ACCOUNT_WIDE_FAILURES; i++, n++)
        expect((await attempt(name, 'guess' + n, `10.6.0.${src}`)).statusCode).toBe(401);
    // a new source, even with the right password, waits its turn
    const slowed = await attempt(name, TEST_PASSWORD, '10.6.1.1');
    expect(slowed.statusCode).toBe(429);
    expect(slowed.json().code).toBe('ACCOUNT_SLOWED');
    expect(slowed.json().message).toMatch(/每 60 秒只能尝试一次，请 \d+ 秒后再试；常用网络不受影响/);
    // the owner's known network logs in at once
    expect((await attempt(name, TEST_PASSWORD, '10.5.0.1')).statusCode).toBe(200);
    // …which starts the counts again; let the guesses continue, then let a minute pass: one try gets through
    for (let src = 10, m = 0; m < ACCOUNT_WIDE_FAILURES; src++)
      for (let i = 0; i < MAX_FAILURES - 1 && m < ACCOUNT_WIDE_FAILURES; i++, m++) await attempt(name, 'guess' + m, `10.7.0.${src}`);
    expect((await attempt(name, 'another', '10.6.1.2')).statusCode).toBe(429);
    await t.db
      .updateTable('login_attempt')
      .set({ at: sql<Date>`at - make_interval(secs => ${SLOW_SECONDS})` })
      .where('login', '=', name)
      .execute();
    expect((await attempt(name, 'another', '10.6.1.2')).statusCode).toBe(401);
    expect((await attempt(name, 'and-another', '10.6.1.3')).statusCode).toBe(429);
  });

  it('caps attempts per IP address', async () => {
    let last = 0;
    for (let i = 0; i < 31; i++) last = (await attempt(`ghost${i}`, 'x', '10.9.9.9')).statusCode;
    expect(last).toBe(429);
  });

  it('an unknown login and a wrong password look the same', async () => {
    const res = await attempt('nobody_here', 'whatever', '10.3.3.3');
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toMatch(/^用户名或密码错误/);
  });

  it('rejects a cookie write without the CSRF token, changing nothing', async () => {
    const staff = await login(t.app, s.accounts.staff1!.username);
    const before = await t.db.selectFrom('org_node').select('id').execute();
    const res = await staff.raw({
      method: 'POST',
      url: '/api/org/nodes',
      payload: { kind: 'grid', parentId: s.communities[0]!.id, name: '无令牌网格' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF');
    expect(await t.db.selectFrom('org_node').select('id').execute()).toHaveLength(before.length);
  });

  it('logout ends the session', async () => {
    const c = await login(t.app, s.accounts.member!.username);
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('change password: wrong current or weak new is refused; success ends other sessions', async () => {
    const a = await login(t.app, s.accounts.director!.username);
    const b = await login(t.app, s.accounts.director!.username);
    const wrong = await a.post('/api/auth/password', { currentPassword: 'not-it', newPassword: 'Better@2027' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toBe('当前密码不正确');
    const weak = await a.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().message).toMatch(/至少 8 位/);
    const ok = await a.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Better@2027' });
    expect(ok.statusCode).toBe(200);
    expect((await a.get('/api/auth/me')).statusCode).toBe(200);
    expect((await b.get('/api/auth/me')).statusCode).toBe(401);
    expect((await attempt(s.accounts.director!.username, 'Better@2027', '10.4.4.4')).statusCode).toBe(200);
  });

  it('a disabled account cannot log in and its sessions end', async () => {
    const owner = await login(t.app, s.accounts.owner!.username);
    const admin = await login(t.app, s.accounts.admin!.username);
    expect((await admin.patch(`/api/accounts/${s.accounts.owner!.id}`, { disabled: true })).statusCode).toBe(200);
    expect((await owner.get('/api/auth/me')).statusCode).toBe(401);
    const res = await attempt(s.accounts.owner!.username, TEST_PASSWORD, '10.5.5.5');
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toMatch(/已停用/);
  });

  it('malformed login bodies get 400 in Chinese', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/password/);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"login":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/JSON/);
  });
});
