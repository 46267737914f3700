import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCalendarFromPackage } from '../calendar/store.js';
import { LoggingChannel } from '../notifications/channel.js';
import { auditCount, makeStreet, type TestStreet } from '../test/factories.js';
import { createTestApp, login, type Client, type TestApp } from '../test/harness.js';
import { hasGpsMetadata } from './photo-metadata.js';
import { sdb } from './tables.js';
import { boundOwner } from './test-support.js';
import { jpegWithGps, PLAIN_JPEG, PLAIN_PNG, pngWithGps } from './test-images.js';

/**
 * The service desk through the real app (issue 16): who sees which ticket, who may take which step
 * (nobody rates someone else's ticket), dispatch by the service list's rule, photos stored without
 * location data and bad photos refused with nothing stored.
 */
describe('tickets: raising, dispatch, guards, photos', () => {
  let t: TestApp;
  let s: TestStreet;
  const sent = new LoggingChannel(() => {});
  let owner: Client;
  let owner2: Client;
  let staff1: Client;
  let staff2: Client;
  let grid: Client;
  let company: Client;
  let admin: Client;
  let dept: Client;
  let units: number[];
  let kinds: Record<string, number>;
  const estate = () => s.communities[0]!.estates[0]!.id;

  const upload = (c: Client, data: Buffer, contentType = 'image/jpeg', fileName = 'photo.jpg') =>
    c.post('/api/ticket-photos', { fileName, contentType, dataBase64: data.toString('base64') });
  const photoCount = async () => (await sdb(t.db).selectFrom('service_photo').select('id').execute()).length;

  beforeAll(async () => {
    t = await createTestApp({ outbound: sent });
    await seedCalendarFromPackage(t.db);
    s = await makeStreet(t.db, 'Tkt');
    units = (await t.db.selectFrom('unit').select('id').where('estate_id', '=', estate()).orderBy('id').execute()).map((u) => u.id);
    await boundOwner(t.db, { streetId: s.street, estateId: estate(), unitId: units[0]!, name: '吴敏', accountId: s.accounts.owner!.id });
    const o2 = await boundOwner(t.db, { streetId: s.street, estateId: estate(), unitId: units[1]!, name: '郑华' });
    owner = await login(t.app, s.accounts.owner!.username);
    owner2 = await login(t.app, o2.username);
    staff1 = await login(t.app, s.accounts.staff1!.username);
    staff2 = await login(t.app, s.accounts.staff2!.username);
    grid = await login(t.app, s.accounts.grid!.username);
    company = await login(t.app, s.accounts.company!.username);
    admin = await login(t.app, s.accounts.admin!.username);
    dept = await login(t.app, s.accounts.district!.username);
    const std = await staff1.post(`/api/communities/${s.communities[0]!.id}/service-kinds/standard`, {
      departmentAccountId: s.accounts.district!.id,
    });
    expect(std.statusCode, std.body).toBe(201);
    kinds = Object.fromEntries(std.json().kinds.map((k: { name: string; id: number }) => [k.name, k.id]));
    expect(Object.keys(kinds)).toEqual(['报修', '环境卫生', '停车', '噪音', '邻里纠纷', '物业服务投诉', '违建']);
  });
  afterAll(() => t.close());

  const raise = (c: Client, over: Record<string, unknown> = {}) =>
    c.post('/api/tickets', {
      kindId: kinds['报修'],
      title: '厨房顶棚漏水',
      description: '楼上渗水，顶棚起皮',
      channel: 'app',
      unitId: units[0],
      ...over,
    });

  let repair: number;
  it('an owner raises 报修 for her unit with a GPS-tagged photo: stored without GPS, dispatched to the property company by the rule', async () => {
    const tagged = jpegWithGps();
    expect(hasGpsMetadata(tagged)).toBe(true);
    const up = await upload(owner, tagged);
    expect(up.statusCode, up.body).toBe(201);
    const stored = await sdb(t.db)
      .selectFrom('service_photo')
      .select(['content', 'size'])
      .where('id', '=', up.json().id)
      .executeTakeFirstOrThrow();
    expect(hasGpsMetadata(Buffer.from(stored.content))).toBe(false);
    expect(stored.size).toBeLessThan(tagged.length);
    const r = await raise(owner, { photoIds: [up.json().id] });
    expect(r.statusCode, r.body).toBe(201);
    repair = r.json().id;
    expect(r.json()).toMatchObject({
      state: 'dispatched',
      handlerType: 'propertyCompany',
      handler: '物业企业：Tkt物业公司',
      raiser: '本人',
      photos: [up.json().id],
      respondLimit: '24小时',
      finishLimit: '3个工作日',
      actions: ['withdraw'],
    });
    // the photo as served has no GPS either
    const img = await owner.get(`/api/ticket-photos/${up.json().id}`);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/jpeg');
    expect(hasGpsMetadata(img.rawPayload)).toBe(false);
    // the company was told, in the app and through the outbound channel after the commit
    const notes = await t.db.selectFrom('notification').select(['title']).where('account_id', '=', s.accounts.company!.id).execute();
    expect(notes.map((n) => n.title)).toContain('新诉求待受理');
    expect(sent.sent.some((m) => m.accountId === s.accounts.company!.id && m.title === '新诉求待受理')).toBe(true);
  });

  it('who sees the ticket: the raiser, the grid worker of its grid, the company serving the estate, the community and the street; nobody else', async () => {
    for (const [c, status] of [
      [owner, 200],
      [grid, 200],
      [company, 200],
      [staff1, 200],
      [admin, 200],
      [owner2, 404],
      [staff2, 404],
      [dept, 404],
    ] as const)
      expect((await c.get(`/api/tickets/${repair}`)).statusCode).toBe(status);
    const ids = async (c: Client) => (await c.get('/api/tickets?pageSize=100')).json().items.map((i: { id: number }) => i.id);
    expect(await ids(owner2)).not.toContain(repair);
    expect(await ids(staff2)).not.toContain(repair);
    expect(await ids(company)).toContain(repair);
    // another owner cannot see the photo either
    const photo = (await owner.get(`/api/tickets/${repair}`)).json().photos[0];
    expect((await owner2.get(`/api/ticket-photos/${photo}`)).statusCode).toBe(404);
    expect((await company.get(`/api/ticket-photos/${photo}`)).statusCode).toBe(200);
  });

  it('a grid worker of another grid does not see it; the grid worker of its grid does not see the estate next door', async () => {
    // the second estate's buildings are in the community's second grid
    const other = await raise(owner, { unitId: null, estateId: s.communities[0]!.estates[1]!.id, place: '东门' });
    expect(other.statusCode).toBe(403); // not her estate
    const byStaff = await staff1.post('/api/tickets', {
      kindId: kinds['噪音'],
      title: '夜间施工噪音',
      description: '来电反映',
      channel: 'phone',
      estateId: s.communities[0]!.estates[1]!.id,
      place: '2号楼南侧工地',
      callerName: '王先生',
      callerPhone: '13900001111',
    });
    expect(byStaff.statusCode, byStaff.body).toBe(201);
    expect(byStaff.json()).toMatchObject({
      state: 'dispatched',
      handlerType: 'gridWorker',
      caller: { name: '王先生', phone: '13900001111' },
    });
    expect((await grid.get(`/api/tickets/${byStaff.json().id}`)).statusCode).toBe(404);
    expect((await company.get(`/api/tickets/${byStaff.json().id}`)).statusCode).toBe(404);
  });

  it('nobody rates someone else’s ticket; every step is refused to the wrong person and in the wrong state, nothing changed', async () => {
    const before = await auditCount(t.db);
    // not finished yet: rating is refused on the state, even for the raiser
    const early = await owner.post(`/api/tickets/${repair}/steps/rate`, { satisfaction: 'satisfied' });
    expect(early.statusCode, early.body).toBe(409);
    // the owner is not the handler
    const acc = await owner.post(`/api/tickets/${repair}/steps/accept`, {});
    expect(acc.statusCode).toBe(403);
    expect(acc.json().message).toMatch(/只有承办人可以受理/);
    // the grid worker sees it but does not handle it (the company does)
    expect((await grid.post(`/api/tickets/${repair}/steps/accept`, {})).statusCode).toBe(403);
    expect(await auditCount(t.db)).toBe(before);

    expect((await company.post(`/api/tickets/${repair}/steps/accept`, {})).statusCode).toBe(200);
    // the raiser is an owner: told as owners are told (issue 19) — in the app and recorded for the outbound channel
    const inApp = await t.db
      .selectFrom('notification')
      .select('title')
      .where('account_id', '=', s.accounts.owner!.id)
      .where('title', '=', '诉求已受理')
      .execute();
    expect(inApp).toHaveLength(1);
    const recorded = await sql<{
      event: string;
      status: string;
    }>`select event, status from outbound_message where account_id = ${s.accounts.owner!.id} and title = '诉求已受理'`.execute(t.db);
    expect(recorded.rows).toEqual([{ event: 'ticket.moved', status: 'noMobile' }]);
    const noPhoto = await company.post(`/api/tickets/${repair}/steps/finish`, { reason: '已更换防水层' });
    expect(noPhoto.statusCode).toBe(400);
    expect(noPhoto.json().message).toMatch(/至少一张现场照片/);
    // someone else's photo cannot be used
    const owners = await upload(owner, PLAIN_JPEG);
    expect((await company.post(`/api/tickets/${repair}/steps/finish`, { reason: '已修复', photoIds: [owners.json().id] })).statusCode).toBe(
      400,
    );
    const proof = await upload(company, PLAIN_PNG, 'image/png', 'done.png');
    const fin = await company.post(`/api/tickets/${repair}/steps/finish`, { reason: '已更换防水层', photoIds: [proof.json().id] });
    expect(fin.statusCode, fin.body).toBe(200);
    expect(fin.json().state).toBe('finished');
    expect(fin.json().events.at(-1).photos).toEqual([proof.json().id]);
    // the owner's home (issue 19) shows it first, waiting for her rating, and offers to raise a new one;
    // another owner's home shows nothing of it
    const home = (await owner.get('/api/my/home')).json();
    const mine = home.sections.find((x: { key: string }) => x.key === 'tickets');
    expect(mine.action).toEqual({ label: '我要反映问题', link: '/tickets/new' });
    expect(mine.items[0]).toMatchObject({
      id: `ticket-${repair}`,
      waiting: true,
      detail: '已处理完毕，请确认并评价',
      link: `/tickets/${repair}`,
    });
    const theirs = (await owner2.get('/api/my/home')).json().sections.find((x: { key: string }) => x.key === 'tickets');
    expect((theirs?.items ?? []).map((i: { id: string }) => i.id)).not.toContain(`ticket-${repair}`);

    const beforeRate = await auditCount(t.db);
    for (const [c, status] of [
      [owner2, 404],
      [grid, 403],
      [company, 403],
      [staff1, 403],
      [admin, 403],
    ] as const) {
      const r = await c.post(`/api/tickets/${repair}/steps/rate`, { satisfaction: 'satisfied' });
      expect(r.statusCode, r.body).toBe(status);
    }
    expect(await auditCount(t.db)).toBe(beforeRate);
    expect((await sdb(t.db).selectFrom('ticket').select('state').where('id', '=', repair).executeTakeFirstOrThrow()).state).toBe(
      'finished',
    );

    const rated = await owner.post(`/api/tickets/${repair}/steps/rate`, { satisfaction: 'unsatisfied', reason: '仍有渗水' });
    expect(rated.json()).toMatchObject({ state: 'revisit', satisfactionLabel: '不满意' });
    const told = await t.db.selectFrom('notification').select('title').where('account_id', '=', s.accounts.staff1!.id).execute();
    expect(told.map((n) => n.title)).toContain('诉求评价不满意，请回访');
    // the handler cannot close the return visit; the community reopens it to the handler
    expect((await company.post(`/api/tickets/${repair}/steps/closeRevisit`, { reason: '已解释' })).statusCode).toBe(403);
    const reopened = await staff1.post(`/api/tickets/${repair}/steps/reopen`, { reason: '回访：卫生间仍渗水，请重新处理' });
    expect(reopened.json()).toMatchObject({ state: 'accepted', reopenCount: 1, satisfaction: null });
    const proof2 = await upload(company, PLAIN_JPEG);
    await company.post(`/api/tickets/${repair}/steps/finish`, { reason: '重新做了防水', photoIds: [proof2.json().id] });
    const ok = await owner.post(`/api/tickets/${repair}/steps/rate`, { satisfaction: 'basicallySatisfied' });
    expect(ok.json()).toMatchObject({ state: 'closed', satisfactionLabel: '基本满意', actions: [] });
    // the history keeps every step
    expect(ok.json().events.map((e: { action: string }) => e.action)).toEqual([
      'raise',
      'dispatch',
      'accept',
      'finish',
      'rate',
      'reopen',
      'finish',
      'rate',
    ]);
  });

  it('an owner cannot raise for another owner’s unit, nor with another community’s kind; staff must name the caller', async () => {
    expect((await raise(owner, { unitId: units[1] })).statusCode).toBe(403);
    const c2kinds = await staff2.post(`/api/communities/${s.communities[1]!.id}/service-kinds/standard`, {});
    const foreign = c2kinds.json().kinds[0].id;
    const r = await raise(owner, { kindId: foreign });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/不属于该小区所在社区/);
    const noCaller = await staff1.post('/api/tickets', {
      kindId: kinds['停车'],
      title: '占用消防通道',
      description: '来电',
      channel: 'phone',
      estateId: estate(),
      place: '3号楼消防通道',
    });
    expect(noCaller.statusCode).toBe(400);
    expect(noCaller.json().message).toMatch(/来电人姓名/);
    // a grid worker on patrol only in his grid
    const patrol = (estateId: number) =>
      grid.post('/api/tickets', {
        kindId: kinds['环境卫生'],
        title: '垃圾堆放',
        description: '巡查发现',
        channel: 'patrol',
        estateId,
        place: '北门',
      });
    expect((await patrol(estate())).statusCode).toBe(201);
    expect((await patrol(s.communities[0]!.estates[1]!.id)).statusCode).toBe(403);
    // an owner cannot pose as staff
    expect((await raise(owner, { channel: 'phone', callerName: '我' })).statusCode).toBe(403);
  });

  it('违建 waits for the community to dispatch; the department sees what was dispatched to it, also after a transfer', async () => {
    const r = await raise(owner, {
      kindId: kinds['违建'],
      title: '楼顶私搭',
      description: '顶楼加盖',
      unitId: null,
      estateId: estate(),
      place: '5号楼楼顶',
    });
    expect(r.json()).toMatchObject({ state: 'submitted', handler: '尚未派单' });
    const id = r.json().id;
    expect((await dept.get(`/api/tickets/${id}`)).statusCode).toBe(404);
    const notHers = await company.post(`/api/tickets/${id}/steps/dispatch`, { handlerType: 'community' });
    expect(notHers.statusCode, notHers.body).toBe(403);
    const d = await staff1.post(`/api/tickets/${id}/steps/dispatch`, {
      handlerType: 'department',
      departmentAccountId: s.accounts.district!.id,
    });
    expect(d.statusCode, d.body).toBe(200);
    expect((await dept.get(`/api/tickets/${id}`)).json().actions.sort()).toEqual(['accept', 'transfer']);
    expect((await dept.get('/api/tickets?assigned=1')).json().items.map((i: { id: number }) => i.id)).toEqual([id]);
    const tr = await dept.post(`/api/tickets/${id}/steps/transfer`, { handlerType: 'community', reason: '属社区协调范围' });
    expect(tr.statusCode, tr.body).toBe(200);
    const after = await dept.get(`/api/tickets/${id}`);
    expect(after.statusCode).toBe(200);
    expect(after.json().actions).toEqual([]);
    expect(after.json().events.filter((e: { action: string }) => e.action === 'transfer')[0]).toMatchObject({
      note: '属社区协调范围',
      handler: `社区：Tkt社区1`,
    });
    // the department never sees the street's other tickets
    expect((await dept.get('/api/tickets?pageSize=100')).json().items.map((i: { id: number }) => i.id)).toEqual([id]);
  });

  it('bad photos are refused in Chinese and nothing is stored: not an image, a PNG sent as JPEG, a GIF, a truncated JPEG, over 5 MB', async () => {
    const before = await photoCount();
    const cases: [Buffer, string, RegExp][] = [
      [Buffer.from('hello, not an image'), 'image/jpeg', /内容不是JPEG 图片/],
      [PLAIN_PNG, 'image/jpeg', /内容不是JPEG 图片/],
      [Buffer.from('GIF89a....'), 'image/gif', /只能是JPEG 图片、PNG 图片/],
      [Buffer.from('%PDF-1.4'), 'application/pdf', /只能是JPEG 图片、PNG 图片/],
      [PLAIN_JPEG.subarray(0, 200), 'image/jpeg', /照片无法读取/],
      [Buffer.concat([PLAIN_JPEG, Buffer.alloc(5 * 1024 * 1024)]), 'image/jpeg', /不能超过 5 MB/],
    ];
    for (const [data, type, message] of cases) {
      const r = await upload(owner, data, type);
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().message).toMatch(message);
    }
    expect(await photoCount()).toBe(before);
    // a PNG with GPS in eXIf and XMP is accepted without it
    const png = await upload(owner, pngWithGps(), 'image/png', 'a.png');
    expect(png.statusCode).toBe(201);
    const stored = await sdb(t.db).selectFrom('service_photo').select('content').where('id', '=', png.json().id).executeTakeFirstOrThrow();
    expect(Buffer.from(stored.content).equals(PLAIN_PNG)).toBe(true);
    // more than nine photos on one ticket
    const ten = await raise(owner, { photoIds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] });
    expect(ten.statusCode).toBe(400);
    expect(ten.json().message).toMatch(/照片最多 9 张/);
  });

  it('the figures: on-time rate, handling time and satisfaction per handler, in the caller’s scope', async () => {
    const r = await admin.get('/api/tickets/performance?groupBy=handler');
    expect(r.statusCode, r.body).toBe(200);
    const company = r.json().rows.find((x: { name: string }) => x.name === '物业企业：Tkt物业公司');
    expect(company).toMatchObject({
      raised: 2,
      finished: 1,
      onTime: 1,
      onTimeRate: 100,
      rated: 1,
      basicallySatisfied: 1,
      satisfactionRate: 100,
    });
    const mine = await owner.get('/api/tickets/mine');
    expect(mine.json().items.every((i: { id: number }) => typeof i.id === 'number')).toBe(true);
    expect((await owner.get('/api/tickets/performance')).statusCode).toBe(403);
  });
});
