import { COMMITTEE_KIND_LABEL, SEAT_LABEL, type CommitteeKind } from '../../core/committee.js';
import { todayInChina } from '../clock.js';
import type { Db } from '../db/connect.js';
import type { CurrentUser } from '../http/context.js';
import { placeOf } from '../formation/profile.js';
import { loadCommittee } from './access.js';
import { rosterOf } from './queries.js';
import { kdb } from './tables.js';

/**
 * R41 for one committee: the street's trainings of the year, and its members — the director must
 * attend each year (PMC and 业委会 alike), the others may — with who attended which; in December a
 * director who has not attended is flagged.
 */
export async function committeeTraining(db: Db, user: CurrentUser, kind: CommitteeKind, id: number, year: number) {
  const { committee } = await loadCommittee(db, user, kind, id);
  const street = (await placeOf(db, committee.estateId)).street;
  const roster = await rosterOf(db, kind, id);
  const trainings = street
    ? await kdb(db)
        .selectFrom('training')
        .select(['id', 'held_on', 'topic'])
        .where('street_id', '=', street.id)
        .where('held_on', '>=', `${year}-01-01`)
        .where('held_on', '<=', `${year}-12-31`)
        .orderBy('held_on')
        .execute()
    : [];
  const attendance = trainings.length
    ? await kdb(db)
        .selectFrom('training_attendance')
        .select(['training_id', 'person_id'])
        .where(
          'training_id',
          'in',
          trainings.map((t) => t.id),
        )
        .execute()
    : [];
  const december = todayInChina() >= `${year}-12-01`;
  const members = roster.map((m) => {
    const came = attendance.filter((a) => a.person_id === m.personId).map((a) => a.training_id);
    const required = m.seat === 'director';
    return {
      memberId: m.id,
      personId: m.personId,
      name: m.name,
      seat: m.seat,
      seatLabel: SEAT_LABEL[m.seat],
      required,
      trainingIds: came,
      attended: came.length > 0,
      flagged: required && december && came.length === 0,
    };
  });
  const required = members.filter((m) => m.required);
  return {
    year,
    kindLabel: COMMITTEE_KIND_LABEL[kind],
    trainings: trainings.map((t) => ({
      id: t.id,
      heldOn: t.held_on,
      topic: t.topic,
      attendees: members.filter((m) => m.trainingIds.includes(t.id)).map((m) => m.name),
    })),
    members,
    required: required.length,
    requiredAttended: required.filter((m) => m.attended).length,
    attended: members.filter((m) => m.attended).length,
    december,
  };
}
