import { addDays } from '../../core/dates.js';
import type { Trx } from '../db/transaction.js';
import { seatOwnersRoster } from './roster.js';
import { ktrx } from './tables.js';

const SEATS = ['主任', '副主任', '委员', '委员', '委员'] as const;

/**
 * The demo's owners' committee (业委会) at work (issue 14): the first estate the survey found governed
 * by one gets the committee itself — five owners elected in its term — seated as its roster, a meeting
 * held last month (quorate, minutes entered) and one convened for next week.
 */
export async function loadDemoOwnersCommittee(t: Trx, streetId: number, today: string, staffAccount: number | null): Promise<void> {
  const trx = ktrx(t);
  const estate = await t
    .selectFrom('estate_governance as g')
    .innerJoin('org_closure as oc', 'oc.descendant_id', 'g.estate_id')
    .select(['g.estate_id', 'g.committee_term_start', 'g.committee_term_end'])
    .where('oc.ancestor_id', '=', streetId)
    .where('g.status', '=', 'ownersCommittee')
    .orderBy('g.estate_id')
    .executeTakeFirst();
  if (!estate) return;
  const owners = await t
    .selectFrom('ownership as o')
    .innerJoin('unit as u', 'u.id', 'o.unit_id')
    .innerJoin('person as p', 'p.id', 'o.person_id')
    .select(['p.id', 'p.name'])
    .distinct()
    .where('u.estate_id', '=', estate.estate_id)
    .where('u.fee_status', '=', 'paidUp')
    .where('p.kind', '=', 'natural')
    .where('o.ended_on', 'is', null)
    .orderBy('p.id')
    .limit(SEATS.length)
    .execute();
  if (owners.length < 3) return;
  const producedOn = estate.committee_term_start ?? addDays(today, -400);
  const members = owners.map((o, i) => ({ personId: o.id, name: o.name, seat: SEATS[i]! }));
  const committee = await t
    .insertInto('owners_committee')
    .values({
      estate_id: estate.estate_id,
      source: 'entered',
      produced_on: producedOn,
      term_end: estate.committee_term_end ?? null,
      members: JSON.stringify(members),
      note: '演示：业主大会选举产生，街道登记',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await seatOwnersRoster(t, committee.id, estate.estate_id, producedOn, members);
  const roster = await trx
    .selectFrom('committee_member')
    .select('id')
    .where('committee_kind', '=', 'owners')
    .where('committee_id', '=', committee.id)
    .orderBy('id')
    .execute();
  const base = { committee_kind: 'owners' as const, committee_id: committee.id, estate_id: estate.estate_id, created_by: staffAccount };
  const held = await trx
    .insertInto('committee_meeting')
    .values({
      ...base,
      title: '业主委员会月度例会',
      held_on: addDays(today, -30),
      location: '小区业委会办公室',
      convened_by: 'director',
      agenda: JSON.stringify(['物业服务合同履行情况', '公共收益季度收支']),
      state: 'held',
      minutes: '会议由主任主持。听取物业服务企业合同履行情况汇报，同意按季度公示公共收益收支。',
      recorded_at: new Date(`${addDays(today, -30)}T10:00:00Z`),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('committee_attendance')
    .values(
      roster.slice(0, -1).map((m) => ({ meeting_id: held.id, member_id: m.id, mode: 'inPerson' as const, recorded_by: staffAccount })),
    )
    .execute();
  await trx
    .insertInto('committee_meeting')
    .values({
      ...base,
      title: '业主委员会专题会议',
      held_on: addDays(today, 7),
      location: '小区业委会办公室',
      convened_by: 'director',
      agenda: JSON.stringify(['续聘物业服务企业意见征询方案']),
    })
    .execute();
}
