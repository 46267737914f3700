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
