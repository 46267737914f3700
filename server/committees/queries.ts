import { sql } from 'kysely';
import {
  adoption,
  committeeSettingsOf,
  COMMITTEE_KIND_LABEL,
  minutesStatus,
  quorum,
  type CommitteeKind,
  type RosterMember,
} from '../../core/committee.js';
import { ITEM_LABEL } from '../../core/decisions.js';
import { todayInChina } from '../clock.js';
import type { Db } from '../db/connect.js';
import type { Trx } from '../db/transaction.js';
import type { CurrentUser } from '../http/context.js';
import { placeOf, profileForNode } from '../formation/profile.js';
import { reportMonthOf } from './street-setting.js';
import { permissionsAt } from '../access/scope.js';
import { committeeVisible, isCaller, loadCommittee, loadMeeting } from './access.js';
import { complianceOf, listReports } from './negative-queries.js';
import { reportsOf } from './report-queries.js';
import { kdb } from './tables.js';

type Q = Db | Trx;

export async function settingsFor(db: Q, estateId: number) {
  return committeeSettingsOf(await profileForNode(db, estateId));
}

/** The current roster of a committee, in seat order. */
export async function rosterOf(db: Q, kind: CommitteeKind, id: number) {
  const rows = await kdb(db)
    .selectFrom('committee_member as cm')
    .innerJoin('person as p', 'p.id', 'cm.person_id')
    .select([
      'cm.id',
      'cm.person_id',
      'p.name',
      'cm.seat',
      'cm.owner_representative',
      'cm.sent_by',
      'cm.started_on',
      'cm.suspended_on',
      'cm.account_id',
      'p.party_status',
    ])
    .where('cm.committee_kind', '=', kind)
    .where('cm.committee_id', '=', id)
    .where('cm.ended_on', 'is', null)
    .orderBy(sql`case cm.seat when 'director' then 0 when 'deputyDirector' then 1 else 2 end`)
    .orderBy('cm.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    name: r.name,
    seat: r.seat,
    ownerRepresentative: r.owner_representative,
    partyMember: r.party_status !== 'none',
    sentBy: r.sent_by,
    startedOn: r.started_on,
    suspendedOn: r.suspended_on,
    suspended: r.suspended_on != null,
  }));
}
export type Roster = Awaited<ReturnType<typeof rosterOf>>;
export const asRoster = (r: Roster): RosterMember[] =>
  r.map((m) => ({ id: m.id, name: m.name, ownerRepresentative: m.ownerRepresentative, suspended: m.suspended }));

/** The committees at work: active PMCs, and each estate's latest owners' committee while the estate is governed by one. */
async function runningCommittees(db: Db, user: CurrentUser) {
  const pmcs = await db
    .selectFrom('property_committee as c')
    .innerJoin('org_node as e', 'e.id', 'c.estate_id')
    .select(['c.id', 'c.estate_id', 'e.name as estate_name', 'c.established_on', 'c.certificate_no'])
    .where('c.status', '=', 'active')
    .where(committeeVisible(user, 'pmc', 'c.id', 'c.estate_id'))
    .execute();
  const owners = await db
    .selectFrom('owners_committee as c')
    .innerJoin('org_node as e', 'e.id', 'c.estate_id')
    .innerJoin('estate_governance as g', 'g.estate_id', 'c.estate_id')
    .select(['c.id', 'c.estate_id', 'e.name as estate_name', 'c.produced_on'])
    .where('g.status', '=', 'ownersCommittee')
    .where(sql<boolean>`c.id = (select max(o2.id) from owners_committee o2 where o2.estate_id = c.estate_id)`)
    .where(committeeVisible(user, 'owners', 'c.id', 'c.estate_id'))
    .execute();
  return [
    ...pmcs.map((r) => ({ kind: 'pmc' as CommitteeKind, ...r })),
    ...owners.map((r) => ({ kind: 'owners' as CommitteeKind, ...r, established_on: r.produced_on, certificate_no: null as string | null })),
  ].sort((a, b) => a.estate_name.localeCompare(b.estate_name, 'zh') || a.kind.localeCompare(b.kind));
}

/** Every running committee in the caller's reach (scope, or their own seat), PMC and 业委会 alike, with what needs attention. */
export async function listCommittees(db: Db, user: CurrentUser) {
  const today = todayInChina();
  const list = await runningCommittees(db, user);
  const of = <T extends { committee_kind: CommitteeKind; committee_id: number }>(rows: T[], r: { kind: CommitteeKind; id: number }) =>
    rows.filter((x) => x.committee_kind === r.kind && x.committee_id === r.id);
  const estates = [...new Set(list.map((r) => r.estate_id))];
  // by (kind, id) where the table has that index, by estate where it has that one; `of` keeps each committee's own
  const ids = [...new Set(list.map((r) => r.id))];
  const k = kdb(db);
  const demands = estates.length
    ? await k
        .selectFrom('committee_demand')
        .select(['committee_kind', 'committee_id', 'deadline'])
        .where('committee_kind', 'in', ['pmc', 'owners'])
        .where('committee_id', 'in', ids)
        .where('meeting_id', 'is', null)
        .execute()
    : [];
  const meetings = estates.length
    ? await k
        .selectFrom('committee_meeting')
        .select(['committee_kind', 'committee_id', 'held_on', 'minutes_posted_on'])
        .where('estate_id', 'in', estates)
        .where('state', '=', 'held')
        .where('minutes_posted_on', 'is', null)
        .execute()
    : [];
  const compliance = estates.length
    ? await k
        .selectFrom('committee_compliance')
        .select(['committee_kind', 'committee_id', 'failures', 'deadline'])
        .where('committee_kind', 'in', ['pmc', 'owners'])
        .where('committee_id', 'in', ids)
        .execute()
    : [];
  const pending = estates.length
    ? await k
        .selectFrom('negative_report')
        .select(['committee_kind', 'committee_id', 'decide_by'])
        .where('estate_id', 'in', estates)
        .where('state', '=', 'pending')
        .execute()
    : [];
  const members = estates.length
    ? await k
        .selectFrom('committee_member')
        .select(['committee_kind', 'committee_id'])
        .where('estate_id', 'in', estates)
        .where('ended_on', 'is', null)
        .execute()
    : [];
  const out = [];
  for (const r of list) {
    const key = { kind: r.kind, id: r.id };
    const s = await settingsFor(db, r.estate_id);
    const c = of(compliance, key)[0];
    const p = of(pending, key);
    out.push({
      kind: r.kind,
      kindLabel: COMMITTEE_KIND_LABEL[r.kind],
      id: r.id,
      estateId: r.estate_id,
      estateName: r.estate_name,
      establishedOn: r.established_on,
      certificateNo: r.certificate_no,
      members: of(members, key).length,
      overdueDemands: of(demands, key).filter((d) => d.deadline < today).length,
      minutesOverdue: of(meetings, key).filter((m) => minutesStatus(m.held_on, true, m.minutes_posted_on, today, s).status === 'overdue')
        .length,
      // 构成不合规 (R22–R25) with the failed rules and the deadline to put it right
      nonCompliant:
        c && c.failures.length ? { failures: c.failures, deadline: c.deadline, overdue: !!c.deadline && today > c.deadline } : null,
      pendingReports: p.length,
      overdueReports: p.filter((x) => today > x.decide_by).length,
    });
  }
  return out;
}

/** A committee's page: roster, demands, meetings (with their minutes' status), settings, what the caller may do. */
export async function committeeDetail(db: Db, user: CurrentUser, kind: CommitteeKind, id: number) {
  const { committee, seat, held } = await loadCommittee(db, user, kind, id);
  const today = todayInChina();
  const s = await settingsFor(db, committee.estateId);
  const roster = await rosterOf(db, kind, id);
  const demands = await kdb(db)
    .selectFrom('committee_demand as d')
    .select(['d.id', 'd.reason', 'd.demanded_on', 'd.deadline', 'd.calendar_complete', 'd.meeting_id'])
    .select((eb) =>
      eb
        .selectFrom('committee_demand_signer as s')
        .select(sql<number[]>`coalesce(json_agg(s.member_id order by s.member_id), '[]')`.as('x'))
        .whereRef('s.demand_id', '=', 'd.id')
        .as('signers'),
    )
    .where('d.committee_kind', '=', kind)
    .where('d.committee_id', '=', id)
    .orderBy('d.id', 'desc')
    .execute();
  const meetings = await kdb(db)
    .selectFrom('committee_meeting as m')
    .select([
      'm.id',
      'm.title',
      'm.held_on',
      'm.state',
      'm.convened_by',
      'm.minutes_posted_on',
      'm.minutes_notice_id',
      'm.purpose',
      'm.cancel_reason',
    ])
    .select((eb) =>
      eb
        .selectFrom('committee_resolution as r')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('r.meeting_id', '=', 'm.id')
        .as('resolutions'),
    )
    .where('m.committee_kind', '=', kind)
    .where('m.committee_id', '=', id)
    .orderBy('m.held_on', 'desc')
    .orderBy('m.id', 'desc')
    .execute();
  const staff = { ...user, roles: user.roles.filter((r) => r.role !== 'committeeDirector') };
  const manages =
    !seat?.suspended_on &&
    (held.has('committee.manage') ? true : false) &&
    (seat?.seat === 'director' || (await staffManages(db, staff, committee.estateId)));
  const { compliance, candidates } = await complianceOf(db, kind, id);
  const replacements = await kdb(db)
    .selectFrom('committee_replacement as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .leftJoin('public_notice as n', 'n.id', 'r.notice_id')
    .select([
      'r.id',
      'r.person_id',
      'p.name',
      'r.channel',
      'r.seat',
      'r.state',
      'r.vetting_reason',
      'r.notice_id',
      'n.end_date',
      'r.seated_on',
    ])
    .select((eb) =>
      eb
        .selectFrom('objection as o')
        .select(sql<string>`coalesce(json_agg(o.status), '[]')`.as('x'))
        .whereRef('o.notice_id', '=', 'r.notice_id')
        .as('objections'),
    )
    .where('r.committee_kind', '=', kind)
    .where('r.committee_id', '=', id)
    .orderBy('r.id', 'desc')
    .execute();
  const changes = await kdb(db)
    .selectFrom('committee_change as c')
    .innerJoin('committee_member as cm', 'cm.id', 'c.member_id')
    .innerJoin('person as p', 'p.id', 'cm.person_id')
    .select(['c.id', 'c.kind', 'c.changed_on', 'c.reason', 'c.notice_id', 'p.name'])
    .where('c.committee_kind', '=', kind)
    .where('c.committee_id', '=', id)
    .orderBy('c.id', 'desc')
    .execute();
  const reports = held.has('committee.read') ? await listReports(db, user, 'all', { kind, id }) : [];
  const supervises = (await permissionsAt(db, staff, [committee.estateId])).get(committee.estateId)?.has('committee.supervise') ?? false;
  return {
    kind,
    kindLabel: COMMITTEE_KIND_LABEL[kind],
    id,
    compliance,
    candidates,
    reports,
    annualReports: await reportsOf(db, kind, id),
    replacements: replacements.map((r) => {
      const objections = (typeof r.objections === 'string' ? JSON.parse(r.objections) : (r.objections ?? [])) as string[];
      return {
        id: r.id,
        personId: r.person_id,
        name: r.name,
        channel: r.channel,
        seat: r.seat,
        state: r.state,
        vettingReason: r.vetting_reason,
        noticeId: r.notice_id,
        publicityEnds: r.end_date,
        seatedOn: r.seated_on,
        objections: {
          open: objections.filter((o) => o === 'open').length,
          upheld: objections.filter((o) => o === 'upheld').length,
          total: objections.length,
        },
      };
    }),
    changes: changes.map((c) => ({
      id: c.id,
      kind: c.kind,
      name: c.name,
      changedOn: c.changed_on,
      reason: c.reason,
      noticeId: c.notice_id,
    })),
    canReport: !seat?.suspended_on && committee.active && (await staffManages(db, staff, committee.estateId)),
    canSupervise: supervises,
    estateId: committee.estateId,
    estateName: committee.estateName,
    active: committee.active,
    settings: s,
    reportMonth: await reportMonthOf(db, (await placeOf(db, committee.estateId)).street?.id ?? 0),
    members: roster,
    me: seat ? { memberId: seat.id, seat: seat.seat, suspendedOn: seat.suspended_on } : null,
    canManage: manages && committee.active,
    demands: demands.map((d) => ({
      id: d.id,
      reason: d.reason,
      demandedOn: d.demanded_on,
      deadline: d.deadline,
      calendarComplete: d.calendar_complete,
      meetingId: d.meeting_id,
      signers: (d.signers ?? []).map(Number),
      overdue: d.meeting_id == null && today > d.deadline,
    })),
    meetings: meetings.map((m) => ({
      id: m.id,
      title: m.title,
      heldOn: m.held_on,
      state: m.state,
      convenedBy: m.convened_by,
      resolutions: Number(m.resolutions ?? 0),
      minutes: minutesStatus(m.held_on, m.state === 'held', m.minutes_posted_on, today, s),
      minutesNoticeId: m.minutes_notice_id,
      purpose: m.purpose,
      cancelReason: m.cancel_reason,
    })),
  };
}

async function staffManages(db: Q, staff: CurrentUser, estateId: number) {
  return (await permissionsAt(db as Db, staff, [estateId])).get(estateId)?.has('committee.manage') ?? false;
}

/** A meeting: agenda, attendance with the live quorum, resolutions with their signatures and adoption. */
export async function meetingDetail(db: Q, user: CurrentUser, meetingId: number) {
  const { meeting: m, committee, seat, held } = await loadMeeting(db, user, meetingId);
  const today = todayInChina();
  const s = await settingsFor(db, committee.estateId);
  const roster = await rosterOf(db, m.committee_kind, m.committee_id);
  const attendance = await kdb(db)
    .selectFrom('committee_attendance')
    .select(['member_id', 'mode', 'proxy'])
    .where('meeting_id', '=', m.id)
    .execute();
  const present = new Set(attendance.map((a) => a.member_id));
  const resolutions = await kdb(db)
    .selectFrom('committee_resolution')
    .selectAll()
    .where('meeting_id', '=', m.id)
    .orderBy('position')
    .orderBy('id')
    .execute();
  const signatures = resolutions.length
    ? await kdb(db)
        .selectFrom('committee_signature')
        .select(['resolution_id', 'member_id', 'via', 'scan_file_id', 'signed_at'])
        .where(
          'resolution_id',
          'in',
          resolutions.map((r) => r.id),
        )
        .execute()
    : [];
  const files = await kdb(db)
    .selectFrom('committee_meeting_file as mf')
    .innerJoin('committee_file as f', 'f.id', 'mf.file_id')
    .select(['f.id', 'f.file_name', 'f.size', 'mf.agenda_index'])
    .where('mf.meeting_id', '=', m.id)
    .orderBy('mf.created_at')
    .orderBy('f.id')
    .execute();
  const guests = await kdb(db)
    .selectFrom('committee_meeting_guest as g')
    .innerJoin('person as p', 'p.id', 'g.person_id')
    .select(['p.id', 'p.name'])
    .where('g.meeting_id', '=', m.id)
    .orderBy('p.name')
    .execute();
  const staff = { ...user, roles: user.roles.filter((r) => r.role !== 'committeeDirector') };
  const canManage =
    committee.active &&
    !seat?.suspended_on &&
    held.has('committee.manage') &&
    (seat?.seat === 'director' || (await staffManages(db, staff, committee.estateId)));
  const q = quorum(asRoster(roster), present, s);
  return {
    id: m.id,
    committee: {
      kind: m.committee_kind,
      id: m.committee_id,
      estateName: committee.estateName,
      kindLabel: COMMITTEE_KIND_LABEL[m.committee_kind],
    },
    title: m.title,
    heldOn: m.held_on,
    location: m.location,
    convenedBy: m.convened_by,
    demandId: m.demand_id,
    agenda: m.agenda,
    state: m.state,
    minutes: m.minutes,
    minutesNoticeId: m.minutes_notice_id,
    minutesStatus: minutesStatus(m.held_on, m.state === 'held', m.minutes_posted_on, today, s),
    members: roster.map((r) => ({
      ...r,
      present: present.has(r.id),
      mode: attendance.find((a) => a.member_id === r.id)?.mode ?? null,
      proxy: attendance.find((a) => a.member_id === r.id)?.proxy ?? null,
    })),
    quorum: q,
    suspendedCounted: s.suspendedCounted,
    files: files.map((f) => ({ id: f.id, fileName: f.file_name, size: f.size, agendaIndex: f.agenda_index })),
    purpose: m.purpose,
    guests: guests.map((g) => ({ personId: g.id, name: g.name })),
    cancelled: m.state === 'cancelled' ? { reason: m.cancel_reason, on: m.cancelled_on } : null,
    me: seat ? { memberId: seat.id, suspendedOn: seat.suspended_on } : null,
    canManage,
    resolutions: resolutions.map((r) => {
      const signed = signatures.filter((x) => x.resolution_id === r.id);
      return {
        id: r.id,
        title: r.title,
        text: r.text,
        items: r.items,
        itemLabels: r.items.map((i) => ITEM_LABEL[i]),
        state: r.state,
        adoptedOn: r.adopted_on,
        decisionId: r.decision_id,
        signatures: signed.map((x) => ({
          memberId: x.member_id,
          name: roster.find((p) => p.id === x.member_id)?.name ?? '',
          via: x.via,
          scanFileId: x.scan_file_id,
        })),
        adoption: adoption(asRoster(roster), new Set(signed.map((x) => x.member_id)), s),
        iSigned: seat ? signed.some((x) => x.member_id === seat.id) : false,
      };
    }),
  };
}
export type MeetingDetail = Awaited<ReturnType<typeof meetingDetail>>;

/** The committees the caller sits on, with meetings to come and resolutions waiting for their signature (the phone page). */
export async function myCommittees(db: Db, user: CurrentUser) {
  const seats = await kdb(db)
    .selectFrom('committee_member as cm')
    .innerJoin('org_node as e', 'e.id', 'cm.estate_id')
    .select(['cm.id', 'cm.committee_kind', 'cm.committee_id', 'cm.seat', 'cm.suspended_on', 'e.name as estate_name'])
    .where('cm.ended_on', 'is', null)
    .where(isCaller(user))
    .execute();
  const out = [];
  for (const s of seats) {
    const waiting = await kdb(db)
      .selectFrom('committee_resolution as r')
      .innerJoin('committee_meeting as m', 'm.id', 'r.meeting_id')
      .select(['r.id', 'r.title', 'r.text', 'm.id as meeting_id', 'm.title as meeting_title', 'm.held_on'])
      .where('m.committee_kind', '=', s.committee_kind)
      .where('m.committee_id', '=', s.committee_id)
      .where('r.state', '=', 'open')
      // a 278 matter is the owners' to decide: nobody signs it
      .where(sql<boolean>`jsonb_array_length(r.items) = 0`)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('committee_signature as g')
              .select('g.member_id')
              .whereRef('g.resolution_id', '=', 'r.id')
              .where('g.member_id', '=', s.id),
          ),
        ),
      )
      .orderBy('r.id')
      .execute();
    out.push({
      memberId: s.id,
      kind: s.committee_kind,
      kindLabel: COMMITTEE_KIND_LABEL[s.committee_kind],
      committeeId: s.committee_id,
      estateName: s.estate_name,
      seat: s.seat,
      suspendedOn: s.suspended_on,
      toSign: waiting.map((w) => ({
        id: w.id,
        title: w.title,
        text: w.text,
        meetingId: w.meeting_id,
        meetingTitle: w.meeting_title,
        heldOn: w.held_on,
      })),
    });
  }
  return out;
}

/** Owners of the committee's estate who are not on it: whom a replacement may be (name search, at most 20). */
export async function ownerCandidates(db: Db, user: CurrentUser, kind: CommitteeKind, id: number, q: string) {
  const { committee } = await loadCommittee(db, user, kind, id, 'manage');
  const rows = await db
    .selectFrom('ownership as o')
    .innerJoin('unit as u', 'u.id', 'o.unit_id')
    .innerJoin('person as p', 'p.id', 'o.person_id')
    .innerJoin('org_node as b', 'b.id', 'u.building_id')
    .select([
      'p.id',
      'p.name',
      sql<string>`string_agg(b.name || u.number, '、' order by u.id)`.as('units'),
      sql<boolean>`bool_or(u.fee_status = 'arrears')`.as('arrears'),
    ])
    .where('u.estate_id', '=', committee.estateId)
    .where('o.ended_on', 'is', null)
    .where('p.kind', '=', 'natural')
    .where('p.name', 'like', `%${q.replace(/[%_\\]/g, '')}%`)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('committee_member as cm' as never)
            .select(sql`1`.as('one'))
            .where(sql<boolean>`cm.person_id = p.id and cm.committee_kind = ${kind} and cm.committee_id = ${id} and cm.ended_on is null`),
        ),
      ),
    )
    .groupBy(['p.id', 'p.name'])
    .orderBy('p.name')
    .limit(20)
    .execute();
  return rows.map((r) => ({ personId: r.id, name: r.name, units: r.units, arrears: r.arrears }));
}
