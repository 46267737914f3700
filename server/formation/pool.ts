import { sql } from 'kysely';
import type { ProposedMember } from '../../core/composition.js';
import type { EligibilityFacts } from '../../core/formation.js';
import { POST_ROLES, type PostRole } from '../../core/registry.js';
import type { Db } from '../db/connect.js';
import type { Trx } from '../db/transaction.js';

const RESIDENTS_COMMITTEE_ROLES = ['residentsCommitteeDirector', 'residentsCommitteeDeputy', 'residentsCommitteeMember'];
const PARTY_LEAD_ROLES = ['partySecretary', 'partyDeputySecretary', 'partyCommitteeMember'];

/** Posts current on `today`: started, and not yet ended (an end date is the first day off post). */
const current = (today: string) => sql<boolean>`p.started_on <= ${today} and (p.ended_on is null or p.ended_on > ${today})`;

export interface Candidate extends ProposedMember {
  occupation: string | null;
  address: string | null;
  posts: string[];
  source: 'nomination' | 'registry';
}

/**
 * The people a member list may be drawn from, with the attributes the composition check needs
 * (R22–R25), all taken from the registry rather than typed in: owner representatives are nominees
 * who passed vetting and own a unit in the estate now (R23, R28); 社区党组织成员 holds a current
 * post in a party organisation at the community (R25, seed); 居委会代表 holds a current
 * residents'-committee post; 城管 and backgrounds come from the person's tags.
 */
export async function candidatePool(
  db: Db | Trx,
  caseId: number,
  estateId: number,
  communityId: number | null,
  today: string,
): Promise<Candidate[]> {
  const nominated = await db
    .selectFrom('nomination')
    .select(['person_id', 'owner_representative'])
    .where('case_id', '=', caseId)
    .where('vetting', '=', 'passed')
    .execute();
  const communityPeople = communityId
    ? await db
        .selectFrom('post as p')
        .leftJoin('party_org as po', 'po.id', 'p.party_org_id')
        .select('p.person_id')
        .distinct()
        .where(current(today))
        .where((eb) =>
          eb.or([
            eb.and([eb('p.role', 'in', RESIDENTS_COMMITTEE_ROLES), eb('p.node_id', '=', communityId)]),
            eb.and([eb('p.role', 'in', PARTY_LEAD_ROLES), eb('po.node_id', '=', communityId)]),
          ]),
        )
        .execute()
    : [];
  const cityMgmt = communityId
    ? await db
        .selectFrom('person as pe')
        .innerJoin('org_closure as c', 'c.descendant_id', 'pe.node_id')
        .select('pe.id as person_id')
        .where('c.ancestor_id', '=', communityId)
        .where(sql<boolean>`pe.tags @> '["cityManagement"]'::jsonb`)
        .execute()
    : [];
  const ids = [
    ...new Set([...nominated.map((n) => n.person_id), ...communityPeople.map((p) => p.person_id), ...cityMgmt.map((p) => p.person_id)]),
  ];
  if (ids.length === 0) return [];
  return describe(db, ids, estateId, communityId, today, new Map(nominated.map((n) => [n.person_id, n.owner_representative])));
}

/** Composition attributes and current posts of the given people. */
export async function describe(
  db: Db | Trx,
  ids: number[],
  estateId: number,
  communityId: number | null,
  today: string,
  nominatedAsOwnerRep: Map<number, boolean>,
): Promise<Candidate[]> {
  if (ids.length === 0) return [];
  const people = await db
    .selectFrom('person')
    .select(['id', 'name', 'occupation', 'address', 'party_status', 'tags'])
    .where('id', 'in', ids)
    .execute();
  const posts = await db
    .selectFrom('post as p')
    .innerJoin('org_node as n', 'n.id', 'p.node_id')
    .leftJoin('party_org as po', 'po.id', 'p.party_org_id')
    .select(['p.person_id', 'p.role', 'p.node_id', 'n.name as node_name', 'po.name as party_org_name', 'po.node_id as party_org_node'])
    .where('p.person_id', 'in', ids)
    .where(current(today))
    .execute();
  const owners = await db
    .selectFrom('ownership as o')
    .innerJoin('unit as u', 'u.id', 'o.unit_id')
    .select('o.person_id')
    .distinct()
    .where('o.person_id', 'in', ids)
    .where('u.estate_id', '=', estateId)
    .where('o.ended_on', 'is', null)
    .execute();
  const ownerSet = new Set(owners.map((o) => o.person_id));
  return people
    .map((p) => {
      const mine = posts.filter((x) => x.person_id === p.id);
      const tags = (p.tags ?? []) as string[];
      const nominated = nominatedAsOwnerRep.get(p.id);
      return {
        personId: p.id,
        name: p.name,
        occupation: p.occupation,
        address: p.address,
        ownerRepresentative: nominated === true && ownerSet.has(p.id),
        partyMember: p.party_status === 'full' || p.party_status === 'probationary',
        communityPartyOrgMember:
          communityId !== null && mine.some((x) => PARTY_LEAD_ROLES.includes(x.role) && x.party_org_node === communityId),
        residentsCommitteeRepresentative:
          communityId !== null && mine.some((x) => RESIDENTS_COMMITTEE_ROLES.includes(x.role) && x.node_id === communityId),
        streetAppointee: false,
        cityManagement: tags.includes('cityManagement'),
        backgrounds: (['deputy', 'veteran', 'lawEnforcement'] as const).filter((t) => tags.includes(t)),
        posts: mine.map((x) => `${x.party_org_name ?? x.node_name}${POST_ROLES[x.role as PostRole]?.label ?? x.role}`),
        source: nominated !== undefined ? ('nomination' as const) : ('registry' as const),
      };
    })
    .sort((a, b) => Number(b.ownerRepresentative) - Number(a.ownerRepresentative) || a.name.localeCompare(b.name, 'zh-CN'));
}

/** The automatic eligibility checks shown in vetting (R28, R37, R35, interest in the property company). */
export async function eligibilityOf(
  db: Db | Trx,
  personIds: number[],
  estateId: number,
  today: string,
): Promise<Map<number, EligibilityFacts>> {
  const out = new Map<number, EligibilityFacts>();
  if (personIds.length === 0) return out;
  const units = await db
    .selectFrom('ownership as o')
    .innerJoin('unit as u', 'u.id', 'o.unit_id')
    .innerJoin('org_node as b', 'b.id', 'u.building_id')
    .select(['o.person_id', 'u.fee_status', 'u.fee_arrears_since', 'b.name as building', 'u.entrance', 'u.number'])
    .where('o.person_id', 'in', personIds)
    .where('u.estate_id', '=', estateId)
    .where('o.ended_on', 'is', null)
    .execute();
  const people = await db.selectFrom('person').select(['id', 'negative_note']).where('id', 'in', personIds).execute();
  const companyPosts = await db
    .selectFrom('post as p')
    .innerJoin('company_estate as ce', 'ce.company_id', 'p.node_id')
    .innerJoin('org_node as n', 'n.id', 'p.node_id')
    .select(['p.person_id', 'p.role', 'n.name'])
    .where('p.person_id', 'in', personIds)
    .where('ce.estate_id', '=', estateId)
    .where(current(today))
    .execute();
  for (const p of people) {
    const mine = units.filter((u) => u.person_id === p.id);
    out.set(p.id, {
      ownsInEstate: mine.length > 0,
      arrears: mine
        .filter((u) => u.fee_status === 'arrears')
        .map((u) => ({ unit: `${u.building}${u.entrance}${u.number}`, since: u.fee_arrears_since })),
      negativeNote: p.negative_note,
      companyPosts: companyPosts
        .filter((c) => c.person_id === p.id)
        .map((c) => `${c.name}${POST_ROLES[c.role as PostRole]?.label ?? c.role}`),
    });
  }
  return out;
}
