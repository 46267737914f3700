import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCalendarFromPackage } from '../calendar/store.js';
import { LoggingChannel } from '../notifications/channel.js';
import { auditCount, makeStreet, type TestStreet } from '../test/factories.js';
import { actorOf } from '../test/history.js';
import { createTestApp, login, type Client, type TestApp } from '../test/harness.js';
import { boundOwner } from '../tickets/test-support.js';
import { jpegWithGps } from '../tickets/test-images.js';
import { hasGpsMetadata } from '../tickets/photo-metadata.js';
import { sdb } from '../tickets/tables.js';
import { checkDuty, flagMissedDuties, scheduleDuty } from './use-cases/duty.js';

/** Co-building and duty (issue 16): wishes from post to the public page, pledges, vanguard posts, duty check-in and missed duty, volunteer hours. */
describe('co-building: wishes, pledges, vanguard posts, duty rosters', () => {
  let t: TestApp;
  let s: TestStreet;
  const channel = new LoggingChannel(() => {});
  let owner: Client;
  let volunteer: Client;
  let staff1: Client;
  let staff2: Client;
  let company: Client;
  let party: Client;
  let partyMember: number;
  const estate = () => s.communities[0]!.estates[0]!.id;

  beforeAll(async () => {
    t = await createTestApp({ outbound: channel });
    await seedCalendarFromPackage(t.db);
    s = await makeStreet(t.db, 'Cob');
    const units = (await t.db.selectFrom('unit').select('id').where('estate_id', '=', estate()).orderBy('id').execute()).map((u) => u.id);
    await boundOwner(t.db, { streetId: s.street, estateId: estate(), unitId: units[0]!, name: '吴敏', accountId: s.accounts.owner!.id });
    const v = await boundOwner(t.db, { streetId: s.street, estateId: estate(), unitId: units[1]!, name: '党员赵红' });
    partyMember = v.personId;
    await t.db.updateTable('person').set({ party_status: 'full' }).where('id', '=', v.personId).execute();
    owner = await login(t.app, s.accounts.owner!.username);
    volunteer = await login(t.app, v.username);
    staff1 = await login(t.app, s.accounts.staff1!.username);
    staff2 = await login(t.app, s.accounts.staff2!.username);
    company = await login(t.app, s.accounts.company!.username);
    party = await login(t.app, s.accounts.party!.username);
  });
  afterAll(() => t.close());

  it('a wish is posted by a resident, reviewed by the community, claimed by a party member, fulfilled with a photo and shown publicly without names', async () => {
    const posted = await owner.post('/api/wishes', { estateId: estate(), title: '帮独居老人修好楼道灯', content: '3号楼2单元楼道灯坏了' });
    expect(posted.statusCode, posted.body).toBe(201);
    const id = posted.json().id;
    // not public, not claimable before the review
    expect((await t.app.inject({ url: `/api/public/estates/${estate()}/cobuilding` })).json().wishes).toEqual([]);
    expect((await volunteer.post(`/api/wishes/${id}/claim`)).statusCode).toBe(404);
    // only the community reviews; another community's staff do not even see it
    expect((await staff2.post(`/api/wishes/${id}/review`, { approve: true })).statusCode).toBe(404);
    expect((await owner.post(`/api/wishes/${id}/review`, { approve: true })).statusCode).toBe(403);
    expect((await staff1.post(`/api/wishes/${id}/review`, { approve: true })).statusCode).toBe(200);
    // the poster cannot claim her own wish
    expect((await owner.post(`/api/wishes/${id}/claim`)).statusCode).toBe(409);
    expect((await volunteer.post(`/api/wishes/${id}/claim`)).statusCode).toBe(200);
    expect((await company.post(`/api/wishes/${id}/claim`)).statusCode).toBe(409);
    // only the claimer fulfils, with a photo (stored without GPS)
    const photo = await volunteer.post('/api/ticket-photos', {
      fileName: 'a.jpg',
      contentType: 'image/jpeg',
      dataBase64: jpegWithGps().toString('base64'),
    });
    expect((await owner.post(`/api/wishes/${id}/fulfil`, { note: '已修好', photoIds: [photo.json().id], minutes: 90 })).statusCode).toBe(
      403,
    );
    expect((await volunteer.post(`/api/wishes/${id}/fulfil`, { note: '已修好', photoIds: [], minutes: 90 })).statusCode).toBe(400);
    const done = await volunteer.post(`/api/wishes/${id}/fulfil`, { note: '已更换灯泡', photoIds: [photo.json().id], minutes: 90 });
    expect(done.statusCode, done.body).toBe(200);
    const pub = (await t.app.inject({ url: `/api/public/estates/${estate()}/cobuilding` })).json();
    expect(pub.wishes).toEqual([
      expect.objectContaining({
        title: '帮独居老人修好楼道灯',
        stateLabel: '已完成',
        claimer: '党员 党**',
        fulfilNote: '已更换灯泡',
        photos: [photo.json().id],
      }),
    ]);
    expect(JSON.stringify(pub)).not.toMatch(/吴敏|党员赵红/);
    const img = await t.app.inject({ url: `/api/public/wish-photos/${photo.json().id}` });
    expect(img.statusCode).toBe(200);
    expect(hasGpsMetadata(img.rawPayload)).toBe(false);
  });

  it('pledges are a party member’s, recorded by staff with progress and shown publicly by surname; a non-member cannot pledge', async () => {
    const notMember = (
      await t.db.selectFrom('owner_binding').select('person_id').where('account_id', '=', s.accounts.owner!.id).executeTakeFirstOrThrow()
    ).person_id;
    const refused = await staff1.post(`/api/estates/${estate()}/pledges`, { personId: notMember, title: '义务巡逻', content: '每周巡逻' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toMatch(/不是党员/);
    expect((await owner.post(`/api/estates/${estate()}/pledges`, { personId: partyMember, title: 'x', content: 'y' })).statusCode).toBe(
      403,
    );
    const p = await party.post(`/api/estates/${estate()}/pledges`, {
      personId: partyMember,
      title: '每周义务巡楼一次',
      content: '每周六上午巡查消防通道',
    });
    expect(p.statusCode, p.body).toBe(201);
    expect((await staff1.post(`/api/pledges/${p.json().id}/progress`, { note: '巡查三次，清理杂物两处', minutes: 180 })).statusCode).toBe(
      200,
    );
    expect(
      (await staff1.post(`/api/pledges/${p.json().id}/progress`, { note: '全年坚持，已兑现', minutes: 60, fulfilled: true })).statusCode,
    ).toBe(200);
    expect((await staff1.post(`/api/pledges/${p.json().id}/progress`, { note: '再记一次', minutes: 0 })).statusCode).toBe(409);
    const pub = (await t.app.inject({ url: `/api/public/estates/${estate()}/cobuilding` })).json();
    expect(pub.pledges[0]).toMatchObject({ pledger: '党员 党**', title: '每周义务巡楼一次', stateLabel: '已兑现' });
    expect(pub.pledges[0].progress.map((x: { note: string }) => x.note)).toEqual(['巡查三次，清理杂物两处', '全年坚持，已兑现']);
  });

  it('党员先锋岗: 楼栋长 and 监督员 posts of the registry listed per estate; one held by a non-member is not shown as a vanguard post', async () => {
    const building = s.communities[0]!.estates[0]!.buildings[0]!;
    const post = (personId: number, role: string, nodeId: number) =>
      t.db.insertInto('post').values({ person_id: personId, role, node_id: nodeId, started_on: '2024-01-01' }).execute();
    await post(partyMember, 'buildingLeader', building);
    await post(partyMember, 'vanguardSupervisor', estate());
    const plain = (
      await t.db.selectFrom('owner_binding').select('person_id').where('account_id', '=', s.accounts.owner!.id).executeTakeFirstOrThrow()
    ).person_id;
    await post(plain, 'vanguardMediator', estate());
    const r = await staff1.get(`/api/estates/${estate()}/vanguard`);
    expect(r.statusCode, r.body).toBe(200);
    expect(
      r
        .json()
        .items.map((x: { post: string; vanguard: boolean }) => [x.post, x.vanguard])
        .sort(),
    ).toEqual(
      [
        ['楼栋长', true],
        ['监督员', true],
        ['调解员', false],
      ].sort(),
    );
    const pub = (await t.app.inject({ url: `/api/public/estates/${estate()}/cobuilding` })).json();
    expect(pub.vanguard.map((v: { post: string }) => v.post).sort()).toEqual(['楼栋长', '监督员'].sort());
  });

  it("a roster names only staff who answer for the place: the community's grid workers and staff, the staff of a company serving it", async () => {
    const st = await staff1.post(`/api/nodes/${estate()}/stations`, {
      name: '红色益站',
      place: '物业用房',
      openingHours: '每天 8:00–20:00',
    });
    expect(st.statusCode, st.body).toBe(201);
    const id = st.json().id;
    const listed = await staff1.get(`/api/stations/${id}/rosterable`);
    expect(listed.statusCode, listed.body).toBe(200);
    const ids = listed
      .json()
      .accounts.map((a: { id: number }) => a.id)
      .sort((a: number, b: number) => a - b);
    expect(ids).toEqual([s.accounts.staff1!.id, s.accounts.grid!.id, s.accounts.company!.id].sort((a, b) => a - b));
    expect(listed.json().accounts.find((a: { id: number }) => a.id === s.accounts.company!.id)).toMatchObject({
      roleLabel: '物业人员',
      dutyKind: 'propertyStaff',
    });
    // another community's staff do not see this station; an owner may not roster
    expect((await staff2.get(`/api/stations/${id}/rosterable`)).statusCode).toBe(404);
    expect((await owner.get(`/api/stations/${id}/rosterable`)).statusCode).toBe(403);
    const duty = (accountId: number) => ({
      startsAt: '2026-12-30T09:00:00+08:00',
      endsAt: '2026-12-30T11:00:00+08:00',
      dutyKind: 'gridWorker',
      accountId,
    });
    // the other community's staff, the street admin, an owner account: refused, nothing written
    const before = await auditCount(t.db);
    for (const who of [s.accounts.staff2!.id, s.accounts.admin!.id, s.accounts.owner!.id]) {
      const r = await staff1.post(`/api/stations/${id}/duties`, duty(who));
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().message).toMatch(/只能安排本社区的网格员、社区工作人员或服务本社区小区的物业人员/);
    }
    expect(await auditCount(t.db)).toBe(before);
    expect(await sdb(t.db).selectFrom('duty_shift').select('id').where('station_id', '=', id).execute()).toEqual([]);
    // a disabled account drops off the list and is refused
    await t.db.updateTable('account').set({ disabled: true }).where('id', '=', s.accounts.grid!.id).execute();
    expect((await staff1.post(`/api/stations/${id}/duties`, duty(s.accounts.grid!.id))).statusCode).toBe(400);
    await t.db.updateTable('account').set({ disabled: false }).where('id', '=', s.accounts.grid!.id).execute();
    const ok = await staff1.post(`/api/stations/${id}/duties`, duty(s.accounts.grid!.id));
    expect(ok.statusCode, ok.body).toBe(201);
    const shift = await sdb(t.db)
      .selectFrom('duty_shift')
      .select(['account_id', 'name'])
      .where('station_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(shift).toEqual({ account_id: s.accounts.grid!.id, name: 'grid' });
    // a closed station (停用) takes no more duties until it is opened again
    const body = { name: '红色益站', place: '物业用房', openingHours: '每天 8:00–20:00' };
    expect((await staff1.patch(`/api/stations/${id}`, { ...body, active: false })).statusCode).toBe(200);
    const closed = await staff1.post(`/api/stations/${id}/duties`, duty(s.accounts.company!.id));
    expect(closed.statusCode).toBe(409);
    expect(closed.json().message).toMatch(/已停用/);
    expect((await staff1.patch(`/api/stations/${id}`, { ...body, active: true })).statusCode).toBe(200);
    expect((await staff1.post(`/api/stations/${id}/duties`, duty(s.accounts.company!.id))).statusCode).toBe(201);
  });

  it('duty: only the person on duty checks in, in its window; a missed duty is flagged to the community once; hours add up per person and year', async () => {
    const st = await staff1.post(`/api/nodes/${estate()}/stations`, {
      name: '红色益站',
      place: '1号楼架空层',
      openingHours: '周一至周五 9:00–17:00',
    });
    expect(st.statusCode, st.body).toBe(201);
    const ctx = { db: t.db, actor: await actorOf(t.db, s.accounts.staff1!.id), requestId: null, ip: null };
    const now = new Date('2026-03-02T08:00:00+08:00');
    const shift = await scheduleDuty(
      ctx,
      st.json().id,
      { startsAt: '2026-03-02T09:00:00+08:00', endsAt: '2026-03-02T12:00:00+08:00', dutyKind: 'partyMember', personId: partyMember },
      now,
    );
    const missed = await scheduleDuty(
      ctx,
      st.json().id,
      { startsAt: '2026-03-02T14:00:00+08:00', endsAt: '2026-03-02T17:00:00+08:00', dutyKind: 'volunteer', personId: partyMember },
      now,
    );
    const vctx = {
      db: t.db,
      actor: await actorOf(
        t.db,
        (await t.db.selectFrom('owner_binding').select('account_id').where('person_id', '=', partyMember).executeTakeFirstOrThrow())
          .account_id,
      ),
      requestId: null,
      ip: null,
    };
    const octx = { db: t.db, actor: await actorOf(t.db, s.accounts.owner!.id), requestId: null, ip: null };
    await expect(checkDuty(octx, shift.id, 'in', new Date('2026-03-02T09:00:00+08:00'))).rejects.toThrow(/不存在/);
    await expect(checkDuty(vctx, shift.id, 'in', new Date('2026-03-02T08:29:00+08:00'))).rejects.toThrow(/30 分钟内才能签到/);
    await checkDuty(vctx, shift.id, 'in', new Date('2026-03-02T08:50:00+08:00'));
    await checkDuty(vctx, shift.id, 'out', new Date('2026-03-02T12:10:00+08:00'));
    // 14:29: not missed yet; 14:30: flagged to the community, once
    expect((await flagMissedDuties(t.db, new Date('2026-03-02T14:29:00+08:00'), channel)).flagged).toBe(0);
    const before = await auditCount(t.db);
    expect((await flagMissedDuties(t.db, new Date('2026-03-02T14:30:00+08:00'), channel)).flagged).toBe(1);
    expect((await flagMissedDuties(t.db, new Date('2026-03-02T18:00:00+08:00'), channel)).flagged).toBe(0);
    expect(await auditCount(t.db)).toBe(before + 1);
    const notes = await t.db
      .selectFrom('notification')
      .select(['title', 'body'])
      .where('account_id', '=', s.accounts.staff1!.id)
      .where('title', '=', '值班缺岗')
      .execute();
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body).toMatch(/红色益站2026-03-02 14:00的值班/);
    await expect(checkDuty(vctx, missed.id, 'in', new Date('2026-03-02T17:00:00+08:00'))).rejects.toThrow(/已结束/);
    // hours of 2026: 3 h of duty (09:00–12:00 counted within the shift) + 3 h + 1 h of pledge; the wish was fulfilled this year too
    const hours = await staff1.get('/api/volunteer-hours?year=2026');
    const row = hours.json().items.find((x: { name: string }) => x.name === '党员赵红');
    expect(row).toMatchObject({ dutyHours: 3, pledgeHours: 4 });
    expect((await staff2.get('/api/volunteer-hours?year=2026')).json().items).toEqual([]);
    expect((await owner.get('/api/volunteer-hours?year=2026')).statusCode).toBe(403);
  });
});
