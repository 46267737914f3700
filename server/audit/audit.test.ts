import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStreet, type TestStreet } from '../test/factories.js';
import { createTestApp, login, type Client, type TestApp } from '../test/harness.js';

describe('audit trail', () => {
  let t: TestApp;
  let s: TestStreet;
  let other: TestStreet;
  let admin: Client;
  beforeAll(async () => {
    t = await createTestApp();
    s = await makeStreet(t.db, 'Aud');
    other = await makeStreet(t.db, 'AudB');
    admin = await login(t.app, s.accounts.admin!.username);
    const staff = await login(t.app, s.accounts.staff1!.username);
    for (let i = 0; i < 5; i++) await staff.post('/api/org/nodes', { kind: 'grid', parentId: s.communities[0]!.id, name: `链网格${i}` });
    const otherAdmin = await login(t.app, other.accounts.admin!.username);
    await otherAdmin.post('/api/org/nodes', { kind: 'grid', parentId: other.communities[0]!.id, name: '别的街道的网格' });
  });
  afterAll(() => t.close());

  it('street admin lists the entries of their own street only, newest first', async () => {
    const res = await admin.get('/api/audit?limit=100');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: number; action: string; after: { name: string } }[];
    expect(items.length).toBeGreaterThanOrEqual(5);
    expect(items.map((i) => i.after?.name)).not.toContain('别的街道的网格');
    expect(items[0]!.id).toBeGreaterThan(items[1]!.id);
    const page = await admin.get(`/api/audit?limit=2&beforeId=${items[0]!.id}`);
    expect(page.json().items[0].id).toBe(items[1]!.id);
  });

  it('each entry says what was done and to what in Chinese, with a link to the object', async () => {
    const items = (await admin.get('/api/audit?limit=100')).json().items as {
      action: string;
      actionLabel: string;
      entityId: string;
      object: { label: string; href: string | null };
    }[];
    const grid = items.find((i) => i.action === 'org.create')!;
    expect(grid.actionLabel).toBe('新建组织节点');
    expect(grid.object).toEqual({ label: expect.stringMatching(/^链网格\d$/), href: `/org/${grid.entityId}` });
  });

  it('filters by any labelled action; an unknown code is refused in Chinese', async () => {
    const res = await admin.get('/api/audit?action=org.create');
    expect(res.statusCode).toBe(200);
    expect(new Set(res.json().items.map((i: { action: string }) => i.action))).toEqual(new Set(['org.create']));
    const bad = await admin.get('/api/audit?action=no.such');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('没有这种操作');
  });

  it('other roles cannot read the audit trail', async () => {
    for (const key of ['party', 'staff1', 'grid', 'owner', 'district']) {
      const c = await login(t.app, s.accounts[key]!.username);
      expect((await c.get('/api/audit')).statusCode).toBe(403);
      expect((await c.get('/api/audit/verify')).statusCode).toBe(403);
    }
  });

  it('the chain verifies while untouched', async () => {
    const res = await admin.get('/api/audit/verify');
    expect(res.json()).toMatchObject({ ok: true, firstBroken: null });
    expect(res.json().checked).toBeGreaterThanOrEqual(6);
  });

  it('an altered row is caught at that row', async () => {
    const target = await t.db.selectFrom('audit_entry').select('id').orderBy('id').offset(2).limit(1).executeTakeFirstOrThrow();
    const original = await t.db.selectFrom('audit_entry').select('after').where('id', '=', target.id).executeTakeFirstOrThrow();
    await sql`update audit_entry set after = jsonb_set(after, '{name}', '"篡改"') where id = ${target.id}`.execute(t.db);
    const res = (await admin.get('/api/audit/verify')).json();
    expect(res.ok).toBe(false);
    expect(res.firstBroken.id).toBe(target.id);
    expect(res.firstBroken.reason).toMatch(/被修改/);
    await t.db
      .updateTable('audit_entry')
      .set({ after: JSON.stringify(original.after) })
      .where('id', '=', target.id)
      .execute();
    expect((await admin.get('/api/audit/verify')).json().ok).toBe(true);
  });

  it('a deleted row is caught at the next one', async () => {
    const rows = await t.db.selectFrom('audit_entry').selectAll().orderBy('id').execute();
    const victim = rows[1]!;
    await t.db.deleteFrom('audit_entry').where('id', '=', victim.id).execute();
    const res = (await admin.get('/api/audit/verify')).json();
    expect(res.ok).toBe(false);
    expect(res.firstBroken.id).toBe(rows[2]!.id);
    expect(res.firstBroken.reason).toMatch(/被删除或修改/);
    await t.db
      .insertInto('audit_entry')
      .values({
        ...victim,
        before: victim.before === null ? null : JSON.stringify(victim.before),
        after: victim.after === null ? null : JSON.stringify(victim.after),
      })
      .execute();
    expect((await admin.get('/api/audit/verify')).json().ok).toBe(true);
  });

  it('deleting the newest row is caught by the head anchor', async () => {
    const last = await t.db.selectFrom('audit_entry').select('id').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    await t.db.deleteFrom('audit_entry').where('id', '=', last.id).execute();
    const res = (await admin.get('/api/audit/verify')).json();
    expect(res.ok).toBe(false);
    expect(res.firstBroken.reason).toMatch(/最新的记录被删除或修改/);
  });

  it('a refused change writes no entry', async () => {
    const before = await t.db
      .selectFrom('audit_entry')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await admin.post('/api/org/nodes', { kind: 'grid', parentId: s.communities[0]!.id, name: '链网格0' });
    expect(res.statusCode).toBe(409);
    const after = await t.db
      .selectFrom('audit_entry')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
