import { sql, type Expression, type SqlBool } from 'kysely';
import type { Permission } from '../../core/access.js';
import type { CommitteeKind } from '../../core/committee.js';
import { inScope, PERMISSION_LABEL, permissionsAt } from '../access/scope.js';
import type { Db } from '../db/connect.js';
import type { Trx } from '../db/transaction.js';
import type { CurrentUser } from '../http/context.js';
import { forbidden, notFound } from '../http/errors.js';
import { kdb } from './tables.js';

type Q = Db | Trx;

/** The refusal of anything a suspended member tries to do for the committee (R35). */
export const SUSPENDED_MESSAGE = (since: string) => `您已于${since}起被暂停履行委员职责，不能出席会议、签字或以委员会名义办理事项（R35）`;

/**
 * SQL: the committee member row `cm` is the caller themself: the staff account that acts for the
 * member, or an owner account bound to the member's person on the roll.
 */
export function isCaller(user: CurrentUser, cm = 'cm'): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.ref(`${cm}.account_id`)} = ${user.id}
    or exists (select 1 from owner_binding ob where ob.account_id = ${user.id} and ob.person_id = ${sql.ref(`${cm}.person_id`)}))`;
}

/** SQL: the committee (`kind`, `id` refs) is the caller's to read: in their committee scope, or they sit on it. */
export function committeeVisible(user: CurrentUser, kind: CommitteeKind, idRef: string, estateRef: string): Expression<SqlBool> {
  return sql<SqlBool>`(${inScope(user, 'committee.read', sql.ref(estateRef))}
    or exists (select 1 from committee_member cm where cm.committee_kind = ${kind} and cm.committee_id = ${sql.ref(idRef)}
      and cm.ended_on is null and ${isCaller(user)}))`;
}

export interface CommitteeRef {
  kind: CommitteeKind;
  id: number;
  estateId: number;
  estateName: string;
  active: boolean;
  profileNode: number;
}

async function committeeRow(db: Q, kind: CommitteeKind, id: number) {
  if (kind === 'pmc') {
    const r = await db
      .selectFrom('property_committee as c')
      .innerJoin('org_node as e', 'e.id', 'c.estate_id')
      .select(['c.id', 'c.estate_id', 'e.name as estate_name', 'c.status'])
      .where('c.id', '=', id)
      .executeTakeFirst();
    return r ? { estateId: r.estate_id, estateName: r.estate_name, active: r.status === 'active' } : null;
  }
  // An owners' committee is at work while it is the estate's latest and the estate is governed by one.
  const r = await db
    .selectFrom('owners_committee as c')
    .innerJoin('org_node as e', 'e.id', 'c.estate_id')
    .leftJoin('estate_governance as g', 'g.estate_id', 'c.estate_id')
    .select(['c.id', 'c.estate_id', 'e.name as estate_name', 'g.status'])
    .select(sql<number>`(select max(o2.id) from owners_committee o2 where o2.estate_id = c.estate_id)`.as('latest'))
    .where('c.id', '=', id)
    .executeTakeFirst();
  return r
    ? { estateId: r.estate_id, estateName: r.estate_name, active: r.status === 'ownersCommittee' && Number(r.latest) === r.id }
    : null;
}

/** The caller's current seat on the committee, if any. */
export async function callerSeat(db: Q, user: CurrentUser, kind: CommitteeKind, id: number) {
  return kdb(db)
    .selectFrom('committee_member as cm')
    .selectAll('cm')
    .where('cm.committee_kind', '=', kind)
    .where('cm.committee_id', '=', id)
    .where('cm.ended_on', 'is', null)
    .where(isCaller(user))
    .executeTakeFirst();
}

export type Need = 'read' | 'manage' | 'act';

/**
 * A committee the caller may see (404 otherwise), and what they may do: `manage` — staff with
 * committee.manage in scope, or the committee's own director; `act` — a member acting for themself.
 * A suspended member is refused every action with R35 cited, whatever else they hold.
 */
export async function loadCommittee(db: Q, user: CurrentUser, kind: CommitteeKind, id: number, need: Need = 'read') {
  const row = await committeeRow(db, kind, id);
  if (!row) throw notFound('委员会');
  const held = (await permissionsAt(db as Db, user, [row.estateId])).get(row.estateId) ?? new Set<Permission>();
  const seat = await callerSeat(db, user, kind, id);
  if (!held.has('committee.read') && !seat) throw notFound('委员会');
  const ref: CommitteeRef = { kind, id, estateId: row.estateId, estateName: row.estateName, active: row.active, profileNode: row.estateId };
  if (need === 'read') return { committee: ref, seat, held, staffManage: false };
  if (seat?.suspended_on) throw forbidden(SUSPENDED_MESSAGE(seat.suspended_on));
  if (!row.active) throw forbidden('该委员会已解散，不能再办理会议和签字（R34）');
  // The director's role (committeeDirector) holds committee.manage at the estate; it counts only on their own committee.
  const staff = { ...user, roles: user.roles.filter((r) => r.role !== 'committeeDirector') };
  const staffManage = (await permissionsAt(db as Db, staff, [row.estateId])).get(row.estateId)?.has('committee.manage') ?? false;
  const directs = seat?.seat === 'director';
  if (need === 'manage' && !staffManage && !directs)
    throw forbidden(`只有主任或街道、社区工作人员可以办理此事项（需要：${PERMISSION_LABEL['committee.manage']}，R32）`);
  if (need === 'act' && !seat) throw forbidden('只有本委员会的在任委员可以签字或提议（R32）');
  return { committee: ref, seat, held, staffManage };
}

/** A meeting with its committee, checked as `loadCommittee` checks. */
export async function loadMeeting(db: Q, user: CurrentUser, meetingId: number, need: Need = 'read') {
  const meeting = await kdb(db).selectFrom('committee_meeting').selectAll().where('id', '=', meetingId).executeTakeFirst();
  if (!meeting) throw notFound('会议');
  const c = await loadCommittee(db, user, meeting.committee_kind, meeting.committee_id, need).catch((e: unknown) => {
    throw e instanceof Error && 'status' in e && (e as { status: number }).status === 404 ? notFound('会议') : e;
  });
  return { meeting, ...c };
}

/** A resolution with its meeting and committee. */
export async function loadResolution(db: Q, user: CurrentUser, resolutionId: number, need: Need = 'read') {
  const r = await kdb(db).selectFrom('committee_resolution').selectAll().where('id', '=', resolutionId).executeTakeFirst();
  if (!r) throw notFound('决议');
  const m = await loadMeeting(db, user, r.meeting_id, need).catch((e: unknown) => {
    throw e instanceof Error && 'status' in e && (e as { status: number }).status === 404 ? notFound('决议') : e;
  });
  return { resolution: r, ...m };
}

/** The day a committee login's member was suspended (R35), if they are: a staff login acting for a suspended member does nothing. */
export async function suspendedSince(db: Q, accountId: number): Promise<string | null> {
  const r = await kdb(db)
    .selectFrom('committee_member')
    .select('suspended_on')
    .where('account_id', '=', accountId)
    .where('ended_on', 'is', null)
    .where('suspended_on', 'is not', null)
    .orderBy('suspended_on')
    .executeTakeFirst();
  return r?.suspended_on ?? null;
}
