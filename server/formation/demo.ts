import { SEED_PROFILE } from '../../core/rule-profile.js';
import type { Trx } from '../db/transaction.js';

/**
 * The demo street's governance picture (issue 5): the implementation plan with its phases and
 * deadline (R42), a status for every estate found in the survey (R26 reasons), and in the first
 * estate a running 物业管理委员会 — established last year from a list of seven (the demo
 * committee logins belong to it) — so every page has something real to show. The other estates
 * that need a PMC wait for their cases to be started.
 */
export async function loadDemoGovernance(trx: Trx, streetId: number): Promise<void> {
  await trx
    .insertInto('governance_plan')
    .values({
      street_id: streetId,
      name: '物业管理委员会组建运行实施方案（演示）',
      deadline: '2027-06-30',
      phases: JSON.stringify([
        { name: '调查摸底', from: '2026-09-01', to: '2026-10-31' },
        { name: '组织实施', from: '2026-11-01', to: '2027-04-30' },
        { name: '总结提升', from: '2027-05-01', to: '2027-06-30' },
      ]),
    })
    .execute();
  const estates = await trx
    .selectFrom('org_closure as c')
    .innerJoin('org_node as e', 'e.id', 'c.descendant_id')
    .select(['e.id', 'e.name', 'e.parent_id'])
    .where('c.ancestor_id', '=', streetId)
    .where('e.kind', '=', 'estate')
    .orderBy('e.id')
    .execute();
  const statuses = estates.map((e, i) => {
    if (i === 0) return { estate_id: e.id, status: 'pmcRunning' as const, reason: 'assemblyNotPossible' as const, note: null };
    if (i % 6 === 1)
      return {
        estate_id: e.id,
        status: 'ownersCommittee' as const,
        reason: null,
        note: '2024年换届',
        committee_term_start: '2024-06-01',
        committee_term_end: '2029-05-31',
      };
    if (i % 6 === 3) return { estate_id: e.id, status: 'notNeeded' as const, reason: null, note: '单一业主（公租房）' };
    if (i % 6 === 5)
      return {
        estate_id: e.id,
        status: 'committeeExpired' as const,
        reason: 'noCommitteeElected' as const,
        note: '业委会2025年届满未换届',
      };
    return {
      estate_id: e.id,
      status: 'pending' as const,
      reason: i % 2 === 0 ? ('assemblyNotPossible' as const) : ('trulyDifficult' as const),
      note: null,
    };
  });
  await trx.insertInto('estate_governance').values(statuses).execute();

  // The first estate's PMC: a case run to the end last year, with its certificate and seal.
  const first = estates[0];
  if (!first) return;
  const communityId = first.parent_id!;
  const director = await trx
    .selectFrom('post as p')
    .innerJoin('party_org as po', 'po.id', 'p.party_org_id')
    .select('p.person_id')
    .where('p.role', '=', 'partySecretary')
    .where('po.node_id', '=', communityId)
    .executeTakeFirst();
  const others = await trx
    .selectFrom('post as p')
    .select('p.person_id')
    .distinct()
    .where('p.node_id', '=', communityId)
    .where('p.role', 'in', ['residentsCommitteeMember', 'residentsCommitteeDeputy'])
    .execute();
  const owners = await trx
    .selectFrom('ownership as o')
    .innerJoin('unit as u', 'u.id', 'o.unit_id')
    .innerJoin('person as pe', 'pe.id', 'o.person_id')
    .select('o.person_id')
    .distinct()
    .where('u.estate_id', '=', first.id)
    .where('u.fee_status', '=', 'paidUp')
    .where('pe.kind', '=', 'natural')
    .orderBy('o.person_id')
    .limit(4)
    .execute();
  const members = [
    ...(director ? [{ person_id: director.person_id, role: 'propertyCommitteeDirector', note: null as string | null }] : []),
    ...others.slice(0, 2).map((o) => ({ person_id: o.person_id, role: 'propertyCommitteeMember', note: null as string | null })),
    ...owners.map((o, i) => ({
      person_id: o.person_id,
      role: i === 0 ? 'propertyCommitteeDeputy' : 'propertyCommitteeMember',
      note: '业主代表',
    })),
  ];
  const established = '2025-11-20';
  // The certificate is the street's own: 和睦街道（演示） → 和睦物管证〔2025〕1号.
  const street = await trx.selectFrom('org_node').select('name').where('id', '=', streetId).executeTakeFirstOrThrow();
  const certificateNo = `${street.name.replace(/街道.*$/, '')}物管证〔2025〕1号`;
  const c = await trx
    .insertInto('formation_case')
    .values({
      estate_id: first.id,
      state: 'established',
      profile: JSON.stringify(SEED_PROFILE),
      list_round: 1,
      director_person_id: director?.person_id ?? null,
      certificate_no: certificateNo,
      certificate_date: established,
      closed_at: new Date('2025-11-20T02:00:00Z'),
      started_at: new Date('2025-09-15T02:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const pmc = await trx
    .insertInto('property_committee')
    .values({
      estate_id: first.id,
      case_id: c.id,
      certificate_no: certificateNo,
      established_on: established,
      seal_applied_on: '2025-11-24',
      seal_recorded_on: '2025-12-01',
      seal_note: '公安机关备案',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.updateTable('formation_case').set({ committee_id: pmc.id }).where('id', '=', c.id).execute();
  if (members.length > 0) {
    await trx
      .insertInto('post')
      .values(members.map((m) => ({ person_id: m.person_id, role: m.role, node_id: first.id, started_on: established, note: m.note })))
      .execute();
    await trx
      .insertInto('list_member')
      .values(
        members.map((m) => ({
          case_id: c.id,
          round: 1,
          person_id: m.person_id,
          seat:
            m.role === 'propertyCommitteeDirector'
              ? ('director' as const)
              : m.role === 'propertyCommitteeDeputy'
                ? ('deputyDirector' as const)
                : ('member' as const),
          owner_representative: m.note === '业主代表',
        })),
      )
      .execute();
  }
}
