import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateOf, dayIndex } from '../../core/workdays.js';
import { todayInChina } from '../clock.js';
import { ddb } from '../decisions/tables.js';
import { LoggingChannel, type OutboundChannel } from '../notifications/channel.js';
import { makeStreet, type TestStreet } from '../test/factories.js';
import { announcedOn } from '../test/history.js';
import { createTestApp, login, type Client, type TestApp } from '../test/harness.js';
import { deliverPending, MAX_ATTEMPTS } from './deliver.js';
import { remindNonVoters } from './remind-voters.js';
import { tellOwners } from './tell-owners.js';
import { mdb } from './tables.js';

const shift = (days: number) => dateOf(dayIndex(todayInChina()) + days);

/**
 * Told when it matters (issue 19): owners hear when a vote opens in their estate, three days before it
 * closes if they have not voted, when its result is published, when a notice of their estate is
 * published, and when their ticket or question moves (the hook). Always in the app; by SMS through
 * the outbound channel where they have a mobile and have not opted out; every message recorded.
 */
describe('messages to owners', () => {
  let t: TestApp;
  let s: TestStreet;
  const channel = new LoggingChannel(() => {});
  let director: Client;
  let staff: Client;
  const acc: Record<'A' | 'B' | 'C' | 'D', { id: number; client: Client }> = {} as never;
  const estate = () => s.communities[0]!.estates[0]!.id;
  const other = () => s.communities[0]!.estates[1]!.id;

  beforeAll(async () => {
    t = await createTestApp({ outbound: channel });
    s = await makeStreet(t.db, 'Msg');
    director = await login(t.app, s.accounts.director!.username);
    staff = await login(t.app, s.accounts.staff1!.username);
    const unitsOf = async (e: number) =>
      (await t.db.selectFrom('unit').select('id').where('estate_id', '=', e).orderBy('building_id').orderBy('number').execute()).map(
        (r) => r.id,
      );
    const [u0, u1, u2] = await unitsOf(estate());
    const [w0] = await unitsOf(other());
    const hash = (await t.db.selectFrom('account').select('password_hash').where('id', '=', s.accounts.owner!.id).executeTakeFirstOrThrow())
      .password_hash;
    // A: account mobile; B: no account mobile, the roll's instead; C: another estate; D: will opt out
    const owners = [
      { key: 'A', unit: u0!, estate: estate(), mobile: '13900000001', rollMobile: null },
      { key: 'B', unit: u1!, estate: estate(), mobile: null, rollMobile: '13900000002' },
      { key: 'C', unit: w0!, estate: other(), mobile: '13900000003', rollMobile: null },
      { key: 'D', unit: u2!, estate: estate(), mobile: '13900000004', rollMobile: null },
    ] as const;
    for (const o of owners) {
      const a = await t.db
        .insertInto('account')
        .values({ username: `msg_owner_${o.key.toLowerCase()}`, display_name: `业主${o.key}`, password_hash: hash, mobile: o.mobile })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.db.insertInto('role_assignment').values({ account_id: a.id, role: 'owner', node_id: o.estate }).execute();
      const p = await t.db
        .insertInto('person')
        .values({ street_id: s.street, node_id: o.estate, name: `业主${o.key}`, kind: 'natural', mobile: o.rollMobile })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.db.insertInto('ownership').values({ unit_id: o.unit, person_id: p.id, started_on: '2020-01-01' }).execute();
      await t.db.insertInto('owner_binding').values({ account_id: a.id, person_id: p.id, method: 'staff' }).execute();
      acc[o.key] = { id: a.id, client: await login(t.app, `msg_owner_${o.key.toLowerCase()}`) };
    }
  });
  afterAll(() => t.close());

  const records = (key: keyof typeof acc, event?: string) =>
    mdb(t.db)
      .selectFrom('outbound_message')
      .selectAll()
      .where('account_id', '=', acc[key].id)
      .$if(Boolean(event), (q) => q.where('event', '=', event!))
      .orderBy('id')
      .execute();
  const inApp = async (key: keyof typeof acc) => (await acc[key].client.get('/api/notifications')).json().items as { title: string }[];
  const smsTo = (mobile: string) => channel.sent.filter((m) => m.mobile === mobile);

  it('an owner turns SMS off (audited); in-app messages stay on; settings are the owner’s own', async () => {
    let r = await acc.D.client.put('/api/my/settings', { sms: false });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ sms: false, largeText: false, mobile: '139****0004' });
    r = await acc.D.client.put('/api/my/settings', { sms: 'off' });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/短信通知/);
    const audit = await t.db.selectFrom('audit_entry').select(['action', 'after']).where('entity_id', '=', String(acc.D.id)).execute();
    expect(audit.map((a) => a.action)).toContain('owner.settings');
    // staff have no owner settings
    expect((await staff.get('/api/my/settings')).statusCode).toBe(403);
  });

  let id: number;
  it('a vote opens: the estate’s owners are told in the app and by SMS (the account’s mobile, else the roll’s), the opted-out in the app only; other estates hear nothing', async () => {
    const d = await director.post('/api/decisions', {
      estateId: estate(),
      title: '增设充电桩',
      organiser: '物业管理委员会',
      motions: [{ title: '利用共有部分增设充电桩', item: 8 }],
      opensOn: shift(-5),
      closesOn: shift(5),
    });
    id = d.json().id;
    await announcedOn(t.db, id, shift(-20)); // weeks ago: a recorded notice tells nobody now
    expect((await records('A')).length).toBe(0);
    expect((await director.post(`/api/decisions/${id}/open`)).statusCode).toBe(200);
    // sent after the response, by the app itself
    await expect.poll(() => smsTo('13900000001').length).toBe(1);
    await expect.poll(() => smsTo('13900000002').length).toBe(1);
    expect(smsTo('13900000001')[0]!.title).toBe('开始投票：增设充电桩');
    expect((await records('A'))[0]).toMatchObject({ event: 'vote.opened', status: 'sent', channel: 'log', attempts: 1 });
    expect((await records('B'))[0]).toMatchObject({ status: 'sent', mobile: '13900000002' });
    expect((await records('D'))[0]).toMatchObject({ status: 'optedOut' });
    expect(smsTo('13900000004')).toHaveLength(0);
    for (const k of ['A', 'B', 'D'] as const) expect((await inApp(k)).map((n) => n.title)).toContain('开始投票：增设充电桩');
    expect(await records('C')).toHaveLength(0);
    expect(await inApp('C')).toHaveLength(0);
    // the record, as the owner sees it
    const mine = (await acc.D.client.get('/api/my/messages')).json().items;
    expect(mine[0]).toMatchObject({ title: '开始投票：增设充电桩', statusLabel: '您已关闭短信，仅站内通知' });
  });

  it('three days before closing, only those who have not voted are reminded, once however often the job runs', async () => {
    expect((await acc.A.client.post(`/api/decisions/${id}/vote`, { answers: { m1: 'yes' } })).statusCode).toBe(201);
    const closes = (await ddb(t.db).selectFrom('decision').select('closes_on').where('id', '=', id).executeTakeFirstOrThrow()).closes_on!;
    const day = (n: number) => dateOf(dayIndex(closes) - n);
    expect(await remindNonVoters(t.db, day(4))).toBe(0); // four days before: not yet
    expect(await remindNonVoters(t.db, day(3))).toBe(2); // B and D
    expect(await remindNonVoters(t.db, day(2))).toBe(0);
    expect(await records('A', 'vote.closing')).toHaveLength(0);
    expect(await records('B', 'vote.closing')).toHaveLength(1);
    expect((await inApp('D')).map((n) => n.title)).toContain('您还没有投票：增设充电桩');
    // sent by whichever comes first: this run, or the app after a response (never both: the claim decides)
    await deliverPending(t.db, channel);
    await t.app.messagesSettled();
    expect(smsTo('13900000002').map((m) => m.title)).toEqual(['开始投票：增设充电桩', '您还没有投票：增设充电桩']);
    expect(smsTo('13900000004')).toHaveLength(0);
  });

  it('the result is published: every owner of the roll is told, with the outcome', async () => {
    await ddb(t.db)
      .updateTable('decision')
      .set({ closes_on: shift(-1) })
      .where('id', '=', id)
      .execute();
    expect((await director.post(`/api/decisions/${id}/close`)).statusCode).toBe(200);
    expect((await director.post(`/api/decisions/${id}/publish`)).statusCode).toBe(200);
    await expect.poll(() => smsTo('13900000001').length).toBe(2);
    const [a] = await records('A', 'vote.published');
    expect(a).toMatchObject({ title: '表决结果已公布：增设充电桩', status: 'sent' });
    expect(a!.body).toMatch(/利用共有部分增设充电桩——(通过|未通过|未达到参与表决门槛)/);
    expect(await records('D', 'vote.published')).toHaveLength(1);
    expect(await records('C', 'vote.published')).toHaveLength(0);
  });

  it('a notice of the estate is told to its owners; one of the street to every estate’s', async () => {
    const post = async (nodeId: number, title: string) => {
      const n = await staff.post('/api/notices', {
        nodeId,
        kind: 'announcement',
        title,
        body: '正文',
        periodUnit: 'workdays',
        periodDays: 5,
      });
      expect(n.statusCode, n.body).toBe(201);
      expect((await staff.post(`/api/notices/${n.json().id}/publish`, {})).statusCode).toBe(200);
    };
    await post(estate(), '停水通知');
    for (const k of ['A', 'B', 'D'] as const)
      expect((await records(k, 'notice.published')).map((r) => r.title)).toEqual(['新公告：停水通知']);
    expect(await records('C', 'notice.published')).toHaveLength(0);
    await post(s.communities[0]!.id, '社区议事会通知');
    expect((await records('C', 'notice.published')).map((r) => r.title)).toEqual(['新公告：社区议事会通知']);
    const link = (await records('A', 'notice.published'))[0]!.link;
    expect(link).toMatch(new RegExp(`^/public/estates/${estate()}#notice-\\d+$`));
  });

  it('the hook for tickets and questions: told once per key; a failing provider is retried, then recorded as failed, the change kept', async () => {
    const step = {
      event: 'ticket.moved' as const,
      title: '您的工单已受理',
      body: '物业已受理您反映的问题。',
      link: '/home',
      once: 'ticket:7:accepted',
    };
    expect(await tellOwners(t.db, [acc.A.id], step)).toBe(1);
    expect(await tellOwners(t.db, [acc.A.id], step)).toBe(0);
    const broken: OutboundChannel = {
      name: 'sms-test',
      send: async () => {
        throw new Error('短信网关超时');
      },
    };
    await t.app.messagesSettled();
    for (let i = 0; i < MAX_ATTEMPTS; i++) await deliverPending(t.db, broken);
    const [r] = await records('A', 'ticket.moved');
    expect(r).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, error: '短信网关超时', channel: 'sms-test' });
    expect((await inApp('A')).map((n) => n.title)).toContain('您的工单已受理');
    // a later run does not try again
    await deliverPending(t.db, channel);
    expect(smsTo('13900000001').map((m) => m.title)).not.toContain('您的工单已受理');
  });
});
