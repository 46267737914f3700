import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckChar } from '../../core/identity.js';
import { LoggingChannel } from '../notifications/channel.js';
import { auditCount, makeStreet, type TestStreet } from '../test/factories.js';
import { createTestApp, login, type Client, type TestApp } from '../test/harness.js';

const idOf = (n: number) => {
  const first17 = `110105197502${String(10 + (n % 18)).padStart(2, '0')}${String(n).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
};

/**
 * Issue 13 §2: the on-site binding (现场核验) is how staff attach an account to an owner on the roll;
 * it must never give a staff member — or anyone outside the staff member's reach — an owner's ballot,
 * and the owner hears of every binding on every channel they have.
 */
describe('owner bindings: nobody votes for an owner but the owner', () => {
  let t: TestApp;
  let s: TestStreet;
  let other: TestStreet;
  let staff: Client;
  const sent = new LoggingChannel(() => {});
  let owner: number;
  let unit: number;
  const estate = () => s.communities[0]!.estates[0]!.id;

  const snapshot = async () => ({
    bindings: await t.db.selectFrom('owner_binding').selectAll().orderBy('account_id').orderBy('person_id').execute(),
    roles: await t.db.selectFrom('role_assignment').selectAll().orderBy('id').execute(),
    notes: await t.db.selectFrom('notification').select('id').execute(),
    audits: await auditCount(t.db),
  });
  const refused = async (login: string, status: number, text: RegExp) => {
    const before = await snapshot();
    const r = await staff.post('/api/roll/bindings', { login, personId: owner });
    expect(r.statusCode, r.body).toBe(status);
    expect(r.json().message).toMatch(text);
    expect(await snapshot()).toEqual(before);
  };

  beforeAll(async () => {
    t = await createTestApp({ outbound: sent });
    s = await makeStreet(t.db, 'Bind');
    other = await makeStreet(t.db, 'BindElse');
    staff = await login(t.app, s.accounts.staff1!.username);
    unit = (await t.db.selectFrom('unit').select('id').where('estate_id', '=', estate()).orderBy('id').executeTakeFirstOrThrow()).id;
    const r = await staff.post(`/api/roll/units/${unit}/owners`, {
      owner: { person: { kind: 'natural', name: '冯七', idNumber: idOf(7), mobile: '13900000777' } },
      startedOn: '2015-06-01',
    });
    expect(r.statusCode, r.body).toBe(201);
    owner = (await t.db.selectFrom('person').select('id').where('name', '=', '冯七').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => t.close());

  it('community staff cannot bind their own account to an owner on their roll', async () => {
    await refused(s.accounts.staff1!.username, 400, /自己的账号/);
  });

  it('community staff cannot bind an account that holds a staff role: their colleague’s, or another street’s admin', async () => {
    await refused(s.accounts.grid!.username, 400, /网格员.*不能绑定/);
    await refused(other.accounts.admin!.username, 400, /街道管理员.*不能绑定/);
  });

  it('community staff cannot bind an owner account outside their reach (another street’s owner)', async () => {
    await refused(other.accounts.owner!.username, 400, /不在您的管理范围/);
  });

  it('an owner account in reach is bound; the owner is told in the app and by SMS to the roll’s mobile', async () => {
    const r = await staff.post('/api/roll/bindings', { login: s.accounts.owner!.username, personId: owner });
    expect(r.statusCode, r.body).toBe(201);
    const notes = await t.db.selectFrom('notification').selectAll().where('account_id', '=', s.accounts.owner!.id).execute();
    expect(notes.some((n) => n.title.includes('绑定'))).toBe(true);
    const sms = sent.sent.filter((m) => m.mobile === '13900000777');
    expect(sms).toHaveLength(1);
    expect(sms[0]!.body).toContain(s.accounts.owner!.username);
  });

  it('an account holding a staff role cannot bind itself to an owner by ID number and mobile either', async () => {
    // a grid worker who is also an owner account of the estate
    await t.db.insertInto('role_assignment').values({ account_id: s.accounts.grid!.id, role: 'owner', node_id: estate() }).execute();
    const grid = await login(t.app, s.accounts.grid!.username);
    const before = await snapshot();
    const r = await grid.post('/api/me/owner-binding', { idNumber: idOf(7), mobile: '13900000777' });
    expect(r.statusCode, r.body).toBe(403);
    expect(r.json().message).toMatch(/网格员/);
    expect(await snapshot()).toEqual(before);
  });
});
