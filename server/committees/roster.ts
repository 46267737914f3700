import { SEAT_LABEL, seatOfLabel } from '../../core/committee.js';
import type { Trx } from '../db/transaction.js';
import { ktrx } from './tables.js';

interface ListMember {
  person_id: number;
  seat: 'director' | 'deputyDirector' | 'member';
  owner_representative: boolean;
  community_party_org: boolean;
  residents_committee: boolean;
  city_management: boolean;
  street_appointee: boolean;
}

const sentBy = (m: ListMember) =>
  m.owner_representative
    ? ('owners' as const)
    : m.community_party_org
      ? ('communityPartyOrg' as const)
      : m.residents_committee
        ? ('residentsCommittee' as const)
        : m.city_management
          ? ('cityManagement' as const)
          : m.street_appointee
            ? ('street' as const)
            : ('other' as const);

/** Issue 14: a newly established PMC's roster, one row per seat (the post it is), from the approved list. */
export async function seatRoster(
  trx: Trx,
  committeeId: number,
  estateId: number,
  date: string,
  members: readonly ListMember[],
  posts: readonly { id: number; person_id: number }[],
) {
  if (!members.length) return;
  await ktrx(trx)
    .insertInto('committee_member')
    .values(
      members.map((m) => ({
        committee_kind: 'pmc' as const,
        committee_id: committeeId,
        estate_id: estateId,
        person_id: m.person_id,
        post_id: posts.find((p) => p.person_id === m.person_id)?.id ?? null,
        seat: m.seat,
        owner_representative: m.owner_representative,
        sent_by: sentBy(m),
        started_on: date,
      })),
    )
    .execute();
}

/** A committee's seats end with it (dissolution, re-formation R33–R34). */
export async function endRoster(trx: Trx, kind: 'pmc' | 'owners', committeeId: number, date: string, reason: string) {
  await ktrx(trx)
    .updateTable('committee_member')
    .set({ ended_on: date, end_reason: reason })
    .where('committee_kind', '=', kind)
    .where('committee_id', '=', committeeId)
    .where('ended_on', 'is', null)
    .execute();
}

/**
 * Issue 14 for an owners' committee (业委会): its roster from the members it was produced with (those
 * on the people registry), each an owner representative sent by the owners, each seat a post
 * (业委会委员, noted 主任 / 副主任 / 委员 — R41 reads the director from it). A former owners'
 * committee of the estate ends that day, seats and posts alike.
 */
export async function seatOwnersRoster(
  trx: Trx,
  committeeId: number,
  estateId: number,
  date: string,
  members: readonly { personId: number | null; seat: string }[],
) {
  const former = await ktrx(trx)
    .selectFrom('committee_member')
    .select('committee_id')
    .distinct()
    .where('committee_kind', '=', 'owners')
    .where('estate_id', '=', estateId)
    .where('committee_id', '!=', committeeId)
    .where('ended_on', 'is', null)
    .execute();
  for (const f of former) await endRoster(trx, 'owners', f.committee_id, date, '新一届业主委员会产生');
  await trx
    .updateTable('post')
    .set({ ended_on: date })
    .where('node_id', '=', estateId)
    .where('role', '=', 'ownersCommitteeMember')
    .where('ended_on', 'is', null)
    .execute();
  const seen = new Set<number>();
  for (const m of members) {
    if (m.personId == null || seen.has(m.personId)) continue;
    seen.add(m.personId);
    const seat = seatOfLabel(m.seat);
    const post = await trx
      .insertInto('post')
      .values({ person_id: m.personId, role: 'ownersCommitteeMember', node_id: estateId, started_on: date, note: SEAT_LABEL[seat] })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ktrx(trx)
      .insertInto('committee_member')
      .values({
        committee_kind: 'owners',
        committee_id: committeeId,
        estate_id: estateId,
        person_id: m.personId,
        post_id: post.id,
        seat,
        owner_representative: true,
        sent_by: 'owners',
        started_on: date,
      })
      .execute();
  }
}
