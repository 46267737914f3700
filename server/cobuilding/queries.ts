import { sql } from 'kysely';
import { PARTY_STATUS_LABEL, POST_ROLES, type PartyStatus, type PostRole } from '../../core/registry.js';
import { scopeRoots } from '../access/scope.js';
import { todayInChina } from '../clock.js';
import type { Db } from '../db/connect.js';
import type { CurrentUser } from '../http/context.js';
import { notFound } from '../http/errors.js';
import { nowInstant } from '../tickets/clock.js';
import { sdb, type DutyKind } from '../tickets/tables.js';
import { MISSED_AFTER_MINUTES, mine } from './use-cases/duty.js';
import { CLAIMER_KIND_LABEL, WISH_STATE_LABEL } from './use-cases/wishes.js';
import { maskName, wishVisible } from './scope.js';

export const DUTY_KIND_LABEL: Record<DutyKind, string> = {
  gridWorker: '网格员',
  partyMember: '党员',
  volunteer: '志愿者',
  propertyStaff: '物业人员',
};
const MIN = 60_000;

type ShiftRow = {
  id: number;
  starts_at: Date;
  ends_at: Date;
  duty_kind: DutyKind;
  name: string;
  checked_in_at: Date | null;
  checked_out_at: Date | null;
  missed_flagged_at: Date | null;
};

/** A duty's status as the roster shows it: 待值班 / 值班中 / 已完成 / 缺岗 (missed: no check-in half an hour after the start). */
export function dutyStatus(d: ShiftRow, now: Date) {
  if (d.checked_out_at) return { status: 'done', label: '已完成' } as const;
  if (d.checked_in_at) return { status: 'onDuty', label: '值班中' } as const;
  if (d.missed_flagged_at || now.getTime() >= new Date(d.starts_at).getTime() + MISSED_AFTER_MINUTES * MIN)
    return { status: 'missed', label: '缺岗' } as const;
  return { status: 'scheduled', label: '待值班' } as const;
}

const presentShift = (d: ShiftRow, now: Date) => ({
  id: d.id,
  startsAt: new Date(d.starts_at).toISOString(),
  endsAt: new Date(d.ends_at).toISOString(),
  dutyKind: d.duty_kind,
  dutyKindLabel: DUTY_KIND_LABEL[d.duty_kind],
  name: d.name,
  checkedInAt: d.checked_in_at ? new Date(d.checked_in_at).toISOString() : null,
  checkedOutAt: d.checked_out_at ? new Date(d.checked_out_at).toISOString() : null,
  flagged: !!d.missed_flagged_at,
  ...dutyStatus(d, now),
});

const underRoots = (ref: string, roots: number[]) =>
  roots.length
    ? sql<boolean>`${sql.ref(ref)} in (select oc.descendant_id from org_closure oc where oc.ancestor_id in (${sql.join(roots)}))`
    : sql<boolean>`false`;

/** The service points in the caller's scope with their rosters (a week from `from`). */
export async function listStations(db: Db, user: CurrentUser, from = todayInChina(), now = nowInstant()) {
  const roots = scopeRoots(user, 'service.manage');
  const readers = [...new Set([...roots, ...scopeRoots(user, 'ticket.read')])];
  const stations = await sdb(db)
    .selectFrom('station as s')
    .innerJoin('org_node as n', 'n.id', 's.node_id')
    .select(['s.id', 's.name', 's.place', 's.opening_hours', 's.active', 's.node_id', 'n.name as node_name', 'n.kind as node_kind'])
    .where(underRoots('s.node_id', readers))
    .orderBy('s.id')
    .execute();
  const start = new Date(`${from}T00:00:00+08:00`);
  const end = new Date(start.getTime() + 7 * 86_400_000);
  const shifts = stations.length
    ? await sdb(db)
        .selectFrom('duty_shift')
        .selectAll()
        .where(
          'station_id',
          'in',
          stations.map((s) => s.id),
        )
        .where('starts_at', '>=', start)
        .where('starts_at', '<', end)
        .orderBy('starts_at')
        .execute()
    : [];
  const manage = new Set(roots);
  return {
    canManage: manage.size > 0,
    items: stations.map((s) => ({
      id: s.id,
      name: s.name,
      place: s.place,
      openingHours: s.opening_hours,
      active: s.active,
      nodeId: s.node_id,
      nodeName: s.node_name,
      nodeKindLabel: s.node_kind === 'grid' ? '网格' : '小区',
      shifts: shifts.filter((d) => d.station_id === s.id).map((d) => presentShift(d, now)),
    })),
  };
}

/** The caller's own duties (from yesterday to two weeks ahead), to check in and out on the phone. */
export async function myDuties(db: Db, user: CurrentUser, now = nowInstant()) {
  const rows = await sdb(db)
    .selectFrom('duty_shift as d')
    .innerJoin('station as s', 's.id', 'd.station_id')
    .selectAll('d')
    .select(['s.name as station', 's.place'])
    .where(mine(user))
    .where('d.ends_at', '>=', new Date(now.getTime() - 86_400_000))
    .where('d.starts_at', '<', new Date(now.getTime() + 14 * 86_400_000))
    .orderBy('d.starts_at')
    .execute();
  return { items: rows.map((d) => ({ ...presentShift(d, now), station: d.station, place: d.place })) };
}

/** Wishes the caller may see, newest first, with the steps they may take. */
export async function listWishes(db: Db, user: CurrentUser) {
  const rows = await sdb(db)
    .selectFrom('micro_wish as w')
    .innerJoin('org_node as e', 'e.id', 'w.estate_id')
    .selectAll('w')
    .select('e.name as estate_name')
    .where(wishVisible(user))
    .orderBy('w.id', 'desc')
    .limit(200)
    .execute();
  const manageRoots = scopeRoots(user, 'cobuilding.manage');
  const managed = manageRoots.length
    ? new Set(
        (
          await db
            .selectFrom('org_closure')
            .select('descendant_id')
            .where('ancestor_id', 'in', manageRoots)
            .where('descendant_id', 'in', rows.map((r) => r.estate_id).concat(0))
            .execute()
        ).map((r) => r.descendant_id),
      )
    : new Set<number>();
  const photos = rows.length
    ? await sdb(db)
        .selectFrom('service_photo')
        .select(['id', 'wish_id'])
        .where(
          'wish_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  const canJoin = scopeRoots(user, 'cobuilding.join').length > 0;
  return {
    items: rows.map((w) => {
      const actions: string[] = [];
      if (w.state === 'pending' && managed.has(w.estate_id)) actions.push('review');
      if (w.state === 'approved' && canJoin && w.posted_by !== user.id) actions.push('claim');
      if (w.state === 'claimed' && w.claimed_by === user.id) actions.push('fulfil');
      return {
        id: w.id,
        estateId: w.estate_id,
        estateName: w.estate_name,
        title: w.title,
        content: w.content,
        state: w.state,
        stateLabel: WISH_STATE_LABEL[w.state],
        mine: w.posted_by === user.id,
        reviewNote: w.review_note,
        claimer: w.claimer_kind ? `${CLAIMER_KIND_LABEL[w.claimer_kind]} ${w.claimer_name}` : null,
        fulfilNote: w.fulfil_note,
        minutes: w.volunteer_minutes,
        photos: photos.filter((p) => p.wish_id === w.id).map((p) => p.id),
        actions,
      };
    }),
  };
}

/** Pledges of the estates in the caller's co-building scope. */
export async function listPledges(db: Db, user: CurrentUser) {
  const roots = scopeRoots(user, 'cobuilding.manage');
  const rows = await sdb(db)
    .selectFrom('pledge as p')
    .innerJoin('person as m', 'm.id', 'p.person_id')
    .innerJoin('org_node as e', 'e.id', 'p.estate_id')
    .selectAll('p')
    .select(['m.name as person_name', 'e.name as estate_name'])
    .where(underRoots('p.estate_id', roots))
    .orderBy('p.id', 'desc')
    .limit(200)
    .execute();
  const progress = rows.length
    ? await sdb(db)
        .selectFrom('pledge_progress')
        .selectAll()
        .where(
          'pledge_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('id')
        .execute()
    : [];
  return {
    items: rows.map((p) => ({
      id: p.id,
      estateId: p.estate_id,
      estateName: p.estate_name,
      personName: p.person_name,
      title: p.title,
      content: p.content,
      dueOn: p.due_on,
      state: p.state,
      stateLabel: p.state === 'fulfilled' ? '已兑现' : '践诺中',
      fulfilledOn: p.fulfilled_on,
      progress: progress
        .filter((x) => x.pledge_id === p.id)
        .map((x) => ({ onDate: x.on_date, note: x.note, minutes: x.volunteer_minutes })),
    })),
  };
}

const VANGUARD_ROLES = ['buildingLeader', 'vanguardSupervisor', 'vanguardMediator', 'vanguardServer'] as const;

/** 党员先锋岗 of an estate (seed item 5): 楼栋长 of its buildings and its 监督员, 调解员, 服务员, from the people registry's posts. */
export async function vanguardPosts(db: Db, estateId: number, today = todayInChina()) {
  const rows = await db
    .selectFrom('post as po')
    .innerJoin('person as p', 'p.id', 'po.person_id')
    .innerJoin('org_node as n', 'n.id', 'po.node_id')
    .select(['po.id', 'po.role', 'po.started_on', 'p.name', 'p.party_status', 'n.name as node_name', 'n.kind as node_kind'])
    .where('po.role', 'in', [...VANGUARD_ROLES])
    .where((eb) => eb.or([eb('po.node_id', '=', estateId), eb('n.parent_id', '=', estateId)]))
    .where('po.started_on', '<=', today)
    .where((eb) => eb.or([eb('po.ended_on', 'is', null), eb('po.ended_on', '>=', today)]))
    .orderBy('po.role')
    .orderBy('n.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    post: POST_ROLES[r.role as PostRole].label,
    name: r.name,
    partyStatus: r.party_status as PartyStatus,
    partyStatusLabel: PARTY_STATUS_LABEL[r.party_status as PartyStatus],
    // a post held by someone who is not a party member is no 先锋岗: shown, and said so
    vanguard: r.party_status !== 'none',
    building: r.node_kind === 'building' ? r.node_name : null,
    startedOn: r.started_on,
  }));
}

export async function estateVanguard(db: Db, user: CurrentUser, estateId: number) {
  const readers = scopeRoots(user, 'registry.read');
  const ok = await db
    .selectFrom('org_closure')
    .select('depth')
    .where('descendant_id', '=', estateId)
    .where('ancestor_id', 'in', readers.concat(0))
    .executeTakeFirst();
  if (!ok) throw notFound('小区');
  return { items: await vanguardPosts(db, estateId) };
}

/**
 * Volunteer hours per person and year (issue 16): duty at service points (party members, volunteers
 * and property staff; a grid worker's duty is his job), wishes fulfilled and pledge progress. A
 * person of the registry is one person across the three; an account without one counts on its own.
 */
export async function volunteerHours(db: Db, user: CurrentUser, year: number) {
  const roots = scopeRoots(user, 'cobuilding.manage');
  const from = new Date(`${year}-01-01T00:00:00+08:00`);
  const to = new Date(`${year + 1}-01-01T00:00:00+08:00`);
  const r = await sql<{ who: string; name: string; duty: number; wish: number; pledge: number }>`
    with parts as (
      select coalesce('p' || d.person_id, 'a' || d.account_id) as who, d.name,
             greatest(0, extract(epoch from (least(d.checked_out_at, d.ends_at) - greatest(d.checked_in_at, d.starts_at))) / 60)::int as duty, 0 as wish, 0 as pledge
      from duty_shift d join station s on s.id = d.station_id
      where d.checked_out_at is not null and d.duty_kind <> 'gridWorker' and d.starts_at >= ${from} and d.starts_at < ${to}
        and ${underRoots('s.node_id', roots)}
      union all
      select coalesce('p' || w.claimer_person_id, 'a' || w.claimed_by), w.claimer_name, 0, coalesce(w.volunteer_minutes, 0), 0
      from micro_wish w
      where w.state = 'fulfilled' and w.fulfilled_at >= ${from} and w.fulfilled_at < ${to} and ${underRoots('w.estate_id', roots)}
      union all
      select 'p' || p.person_id, m.name, 0, 0, x.volunteer_minutes
      from pledge_progress x join pledge p on p.id = x.pledge_id join person m on m.id = p.person_id
      where x.on_date >= ${`${year}-01-01`} and x.on_date <= ${`${year}-12-31`} and ${underRoots('p.estate_id', roots)}
    )
    select who, min(name) as name, sum(duty)::int as duty, sum(wish)::int as wish, sum(pledge)::int as pledge
    from parts group by who order by sum(duty) + sum(wish) + sum(pledge) desc, min(name)`.execute(db);
  const h = (m: number) => Math.round(m / 6) / 10;
  return {
    year,
    items: r.rows.map((x) => ({
      key: x.who,
      name: x.name,
      dutyHours: h(x.duty),
      wishHours: h(x.wish),
      pledgeHours: h(x.pledge),
      totalHours: h(x.duty + x.wish + x.pledge),
    })),
  };
}

/**
 * The estate's co-building on its public page (no login, no personal data): its service points with
 * opening hours, wishes once approved (what is wished, by whom it was taken up — a company by name, a
 * person by surname only), party members' pledges and their progress (亮诺, surname only), and the
 * 党员先锋岗 (post and surname).
 */
export async function publicCobuilding(db: Db, estateId: number) {
  const estate = await db.selectFrom('org_node').select(['id', 'kind', 'parent_id']).where('id', '=', estateId).executeTakeFirst();
  if (!estate || estate.kind !== 'estate') throw notFound('小区');
  const [stations, wishes, pledges, vanguard] = await Promise.all([
    sdb(db)
      .selectFrom('station as s')
      .select(['s.id', 's.name', 's.place', 's.opening_hours'])
      .where('s.active', '=', true)
      .where((eb) =>
        eb.or([
          eb('s.node_id', '=', estateId),
          eb(
            's.node_id',
            'in',
            eb.selectFrom('org_node as b').select('b.grid_id').where('b.parent_id', '=', estateId).where('b.grid_id', 'is not', null),
          ),
        ]),
      )
      .orderBy('s.id')
      .execute(),
    sdb(db)
      .selectFrom('micro_wish')
      .select(['id', 'title', 'content', 'state', 'claimer_kind', 'claimer_name', 'fulfilled_at', 'fulfil_note'])
      .where('estate_id', '=', estateId)
      .where('state', 'in', ['approved', 'claimed', 'fulfilled'])
      .orderBy('id', 'desc')
      .limit(50)
      .execute(),
    sdb(db)
      .selectFrom('pledge as p')
      .innerJoin('person as m', 'm.id', 'p.person_id')
      .select(['p.id', 'p.title', 'p.content', 'p.state', 'p.due_on', 'p.fulfilled_on', 'm.name'])
      .where('p.estate_id', '=', estateId)
      .orderBy('p.id', 'desc')
      .limit(50)
      .execute(),
    vanguardPosts(db, estateId),
  ]);
  const [photos, progress] = await Promise.all([
    wishes.length
      ? sdb(db)
          .selectFrom('service_photo')
          .select(['id', 'wish_id'])
          .where(
            'wish_id',
            'in',
            wishes.map((w) => w.id),
          )
          .execute()
      : [],
    pledges.length
      ? sdb(db)
          .selectFrom('pledge_progress')
          .select(['pledge_id', 'on_date', 'note'])
          .where(
            'pledge_id',
            'in',
            pledges.map((p) => p.id),
          )
          .orderBy('id')
          .execute()
      : [],
  ]);
  return {
    stations: stations.map((s) => ({ id: s.id, name: s.name, place: s.place, openingHours: s.opening_hours })),
    wishes: wishes.map((w) => ({
      id: w.id,
      title: w.title,
      content: w.content,
      stateLabel: WISH_STATE_LABEL[w.state],
      claimer: w.claimer_kind
        ? `${CLAIMER_KIND_LABEL[w.claimer_kind]} ${w.claimer_kind === 'company' ? w.claimer_name : maskName(w.claimer_name ?? '')}`
        : null,
      fulfilledOn: w.fulfilled_at ? new Date(new Date(w.fulfilled_at).getTime() + 8 * 3_600_000).toISOString().slice(0, 10) : null,
      fulfilNote: w.fulfil_note,
      photos: photos.filter((p) => p.wish_id === w.id).map((p) => p.id),
    })),
    pledges: pledges.map((p) => ({
      id: p.id,
      pledger: `党员 ${maskName(p.name)}`,
      title: p.title,
      content: p.content,
      stateLabel: p.state === 'fulfilled' ? '已兑现' : '践诺中',
      dueOn: p.due_on,
      fulfilledOn: p.fulfilled_on,
      progress: progress.filter((x) => x.pledge_id === p.id).map((x) => ({ onDate: x.on_date, note: x.note })),
    })),
    vanguard: vanguard.filter((v) => v.vanguard).map((v) => ({ post: v.post, holder: `党员 ${maskName(v.name)}`, building: v.building })),
  };
}

/** A wish's photo on the public page: only of a wish the public sees. */
export async function publicWishPhoto(db: Db, photoId: number) {
  const p = await sdb(db)
    .selectFrom('service_photo as p')
    .innerJoin('micro_wish as w', 'w.id', 'p.wish_id')
    .select(['p.content', 'p.content_type'])
    .where('p.id', '=', photoId)
    .where('w.state', 'in', ['approved', 'claimed', 'fulfilled'])
    .executeTakeFirst();
  if (!p) throw notFound('照片');
  return p;
}
