import type { Db } from '../db/connect.js';
import type { CurrentUser } from '../http/context.js';
import { LoggingChannel } from '../notifications/channel.js';
import { flagMissedDuties, scheduleDuty } from '../cobuilding/use-cases/duty.js';
import { createPledge, recordPledgeProgress } from '../cobuilding/use-cases/pledges.js';
import { createStation } from '../cobuilding/use-cases/stations.js';
import { claimWish, fulfilWish, postWish, reviewWish } from '../cobuilding/use-cases/wishes.js';
import { nowInstant } from './clock.js';
import { PLAIN_JPEG } from './test-images.js';
import { escalateOverdue } from './use-cases/escalate-overdue.js';
import { raiseTicket, type RaiseInput } from './use-cases/raise-ticket.js';
import { loadStandardKinds } from './use-cases/save-service-kind.js';
import { takeStep, type StepInput } from './use-cases/take-step.js';
import { uploadPhoto } from './use-cases/upload-photo.js';
import type { TicketAction } from '../../core/tickets.js';
import { sdb } from './tables.js';

const DAY = 86_400_000;
const quiet = new LoggingChannel(() => {});

async function actor(db: Db, username: string): Promise<CurrentUser | null> {
  const a = await db.selectFrom('account').select(['id', 'username', 'display_name']).where('username', '=', username).executeTakeFirst();
  if (!a) return null;
  const roles = await db.selectFrom('role_assignment').select(['role', 'node_id']).where('account_id', '=', a.id).execute();
  return {
    id: a.id,
    username: a.username,
    displayName: a.display_name,
    mustChangePassword: false,
    roles: roles.map((r) => ({ role: r.role, nodeId: r.node_id })),
    sessionId: 'demo',
    csrfToken: 'demo',
  };
}

/**
 * The demo street's service desk and co-building (issue 16), made through the use cases with their
 * instants in the past as the days would have passed: each community's standard service list (违建
 * to the district department `quzhujian`), tickets of the first estate in every state (one overdue and
 * escalated), a 红色益站 with a week's roster (yesterday's duty missed and flagged), wishes, pledges and
 * 党员先锋岗. Runs after the street is loaded, outside its transaction.
 */
export async function loadDemoServiceDesk(db: Db, streetId: number): Promise<void> {
  const [shequ, yezhu, wuye, wangge, dangqun, quzhujian] = await Promise.all(
    ['shequ', 'yezhu', 'wuye', 'wangge', 'dangqun', 'quzhujian'].map((u) => actor(db, u)),
  );
  if (!shequ || !yezhu || !wuye || !wangge || !dangqun || !quzhujian) return;
  const ctx = (a: CurrentUser) => ({ db, actor: a, requestId: null, ip: null });
  const communities = await db
    .selectFrom('org_node')
    .select('id')
    .where('parent_id', '=', streetId)
    .where('kind', '=', 'community')
    .orderBy('id')
    .execute();
  const street = await actor(db, 'jiedao');
  for (const c of communities) await loadStandardKinds(ctx(street ?? shequ), c.id, quzhujian.id);

  const now = nowInstant();
  const ago = (days: number, hours = 0) => new Date(now.getTime() - days * DAY - hours * 3_600_000);
  const unit = await db
    .selectFrom('owner_binding as ob')
    .innerJoin('ownership as o', 'o.person_id', 'ob.person_id')
    .innerJoin('unit as u', 'u.id', 'o.unit_id')
    .select(['u.id', 'u.estate_id'])
    .where('ob.account_id', '=', yezhu.id)
    .where('o.ended_on', 'is', null)
    .orderBy('u.id')
    .executeTakeFirst();
  if (!unit) return;
  const kinds = new Map(
    (await sdb(db).selectFrom('service_kind').select(['id', 'name']).where('community_id', '=', communities[0]!.id).execute()).map((k) => [
      k.name,
      k.id,
    ]),
  );
  const photo = async (a: CurrentUser) =>
    (await uploadPhoto(ctx(a), { fileName: 'photo.jpg', contentType: 'image/jpeg', dataBase64: PLAIN_JPEG.toString('base64') })).id;
  const raise = async (by: CurrentUser, kind: string, input: Partial<RaiseInput>, at: Date) =>
    (
      await raiseTicket(
        ctx(by),
        { kindId: kinds.get(kind)!, title: '', description: '', channel: 'app', unitId: unit.id, ...input } as RaiseInput,
        at,
      )
    ).id;
  const step = (by: CurrentUser, id: number, action: TicketAction, input: StepInput, at: Date) => takeStep(ctx(by), id, action, input, at);

  // closed, 满意
  const t1 = await raise(
    yezhu,
    '报修',
    { title: '卫生间下水管渗水', description: '楼下反映顶棚有水渍', photoIds: [await photo(yezhu)] },
    ago(12),
  );
  await step(wuye, t1, 'accept', {}, ago(12, -2));
  await step(wuye, t1, 'finish', { reason: '已更换下水管接头', photoIds: [await photo(wuye)] }, ago(11));
  await step(yezhu, t1, 'rate', { satisfaction: 'satisfied', reason: '维修及时' }, ago(10));
  // 不满意 → 待回访
  const t2 = await raise(
    yezhu,
    '环境卫生',
    {
      unitId: null,
      estateId: unit.estate_id,
      place: '3号楼垃圾投放点',
      title: '垃圾投放点异味大',
      description: '夏天异味明显，清运不及时',
    },
    ago(6),
  );
  await step(wuye, t2, 'accept', {}, ago(6, -1));
  await step(wuye, t2, 'finish', { reason: '已增加清运频次', photoIds: [await photo(wuye)] }, ago(5));
  await step(yezhu, t2, 'rate', { satisfaction: 'unsatisfied', reason: '异味仍在' }, ago(4));
  // 待评价
  const t3 = await raise(
    yezhu,
    '停车',
    { unitId: null, estateId: unit.estate_id, place: '东门消防通道', title: '消防通道被占用', description: '长期有车辆停放' },
    ago(2),
  );
  await step(wuye, t3, 'accept', {}, ago(2, -1));
  await step(wuye, t3, 'finish', { reason: '已联系车主挪车并设置隔离桩', photoIds: [await photo(wuye)] }, ago(1));
  // 等待居民配合 (the list stops 邻里纠纷's clock there)
  const t4 = await raise(yezhu, '邻里纠纷', { title: '楼上漏水协调', description: '楼上住户不配合检查' }, ago(3));
  await step(wangge, t4, 'accept', {}, ago(3, -2)).catch(() => undefined);
  await step(wangge, t4, 'pause', { reason: '楼上住户出差，约定下周入户', waitState: 'waitingResident' }, ago(2)).catch(() => undefined);
  // 逾期 (accepted long ago, not finished): escalates
  const t5 = await raise(
    yezhu,
    '报修',
    { unitId: null, estateId: unit.estate_id, place: '2号楼单元门', title: '单元门门禁损坏', description: '门禁无法刷卡' },
    ago(9),
  );
  await step(wuye, t5, 'accept', {}, ago(9, -3));
  // 待受理
  await raise(yezhu, '报修', { title: '入户门锁松动', description: '门锁晃动，需要紧固' }, ago(0, 1));
  // 待派单 (违建 is dispatched by hand): recorded from a phone call
  await raise(
    shequ,
    '违建',
    {
      channel: 'phone',
      unitId: null,
      estateId: unit.estate_id,
      place: '5号楼楼顶',
      title: '楼顶私搭彩钢房',
      description: '来电反映顶楼住户加盖',
      callerName: '王先生',
      callerPhone: '13900000000',
    },
    ago(0, 2),
  );
  // 已撤回
  const t8 = await raise(
    yezhu,
    '噪音',
    { unitId: null, estateId: unit.estate_id, place: '底商', title: '夜间装修噪音', description: '晚上十点后仍在施工' },
    ago(1),
  );
  await step(yezhu, t8, 'withdraw', {}, ago(0, 20)).catch(() => undefined);
  await escalateOverdue(db, now, quiet);

  // 红色益站 and its roster; yesterday's afternoon duty nobody checked in for is flagged
  const station = await createStation(ctx(shequ), unit.estate_id, {
    name: '红色益站',
    place: '1号楼架空层',
    openingHours: '周一至周五 9:00–17:00，周六 9:00–12:00',
  });
  const members = await db
    .selectFrom('person')
    .select(['id'])
    .where('street_id', '=', streetId)
    .where('party_status', '=', 'full')
    .where('kind', '=', 'natural')
    .orderBy('id')
    .limit(3)
    .execute();
  const day = (offset: number, hour: number) =>
    new Date(
      Date.parse(
        `${new Date(now.getTime() + 8 * 3_600_000 + offset * DAY).toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00:00+08:00`,
      ),
    );
  const past = ago(2);
  if (members.length >= 2) {
    await scheduleDuty(
      ctx(shequ),
      station.id,
      { startsAt: day(-1, 14).toISOString(), endsAt: day(-1, 17).toISOString(), dutyKind: 'partyMember', personId: members[0]!.id },
      past,
    );
    for (let d = 1; d <= 5; d++)
      await scheduleDuty(
        ctx(shequ),
        station.id,
        {
          startsAt: day(d, 9).toISOString(),
          endsAt: day(d, 12).toISOString(),
          dutyKind: d % 2 ? 'partyMember' : 'volunteer',
          personId: members[d % 2]!.id,
        },
        past,
      );
  }
  await scheduleDuty(
    ctx(shequ),
    station.id,
    { startsAt: day(1, 14).toISOString(), endsAt: day(1, 17).toISOString(), dutyKind: 'gridWorker', accountId: wangge.id },
    past,
  );
  await flagMissedDuties(db, now, quiet);

  // 微心愿: one fulfilled by the company, one waiting to be claimed, one waiting for review
  const w1 = await postWish(
    ctx(yezhu),
    { estateId: unit.estate_id, title: '为独居老人安装扶手', content: '3号楼王奶奶家卫生间需要安装扶手' },
    ago(8),
  );
  await reviewWish(ctx(shequ), w1.id, { approve: true }, ago(7));
  await claimWish(ctx(wuye), w1.id, ago(6));
  await fulfilWish(ctx(wuye), w1.id, { note: '已安装不锈钢扶手两处', photoIds: [await photo(wuye)], minutes: 120 }, ago(5));
  const w2 = await postWish(
    ctx(yezhu),
    { estateId: unit.estate_id, title: '周末辅导孩子作业', content: '双职工家庭，希望有志愿者周末辅导小学作业' },
    ago(3),
  );
  await reviewWish(ctx(shequ), w2.id, { approve: true }, ago(2));
  await postWish(ctx(yezhu), { estateId: unit.estate_id, title: '楼道增设休息椅', content: '老人上楼需要歇脚' }, ago(0, 3));

  // 承诺践诺亮诺 and 党员先锋岗 (posts of the registry)
  if (members.length >= 2) {
    const p1 = await createPledge(ctx(dangqun), unit.estate_id, {
      personId: members[0]!.id,
      title: '每周义务巡查消防通道',
      content: '每周六上午巡查本小区消防通道，发现占用及时劝离并上报',
    });
    await recordPledgeProgress(ctx(shequ), p1.id, { note: '巡查四次，劝离占道车辆三辆', minutes: 240 });
    const p2 = await createPledge(ctx(dangqun), unit.estate_id, {
      personId: members[1]!.id,
      title: '结对帮扶两户独居老人',
      content: '每月上门探望，帮助购买生活用品',
    });
    await recordPledgeProgress(ctx(shequ), p2.id, { note: '全年按月探望，已兑现', minutes: 600, fulfilled: true });
    const today = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const since = `${Number(today.slice(0, 4)) - 1}-03-01`;
    await db
      .insertInto('post')
      .values([
        { person_id: members[0]!.id, role: 'vanguardSupervisor', node_id: unit.estate_id, started_on: since },
        { person_id: members[1]!.id, role: 'vanguardMediator', node_id: unit.estate_id, started_on: since },
        { person_id: members[members.length - 1]!.id, role: 'vanguardServer', node_id: unit.estate_id, started_on: since },
      ])
      .execute();
  }
}
