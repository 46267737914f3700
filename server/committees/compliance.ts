import { checkComposition, type ProposedMember } from '../../core/composition.js';
import type { WorkCalendar } from '../../core/workdays.js';
import { recordAudit } from '../audit/record.js';
import type { Trx } from '../db/transaction.js';
import { describe } from '../formation/pool.js';
import { placeOf, profileForNode } from '../formation/profile.js';
import type { ActionContext } from '../http/context.js';
import { committeeSettingsOf, type CommitteeKind } from '../../core/committee.js';
import { rosterOf } from './queries.js';
import { ktrx } from './tables.js';

/**
 * R22–R25 re-run after a change (R35: a suspension must re-run them): a suspended member keeps
 * their seat in the count (or not, as the profile says) but brings nothing to the shares — they
 * cannot act as an owner representative, a party member or the director. A committee that falls
 * short is flagged 构成不合规 with the failed rules and a deadline in working days to put it right;
 * when it is right again the flag clears.
 */
export async function recheckComposition(
  t: Trx,
  ctx: ActionContext,
  kind: CommitteeKind,
  id: number,
  estateId: number,
  today: string,
  calendar: WorkCalendar,
) {
  // R22–R25 are the PMC's composition; an owners' committee is what the owners elected (its members all owners).
  if (kind === 'owners') return { failures: [], since: null, deadline: null };
  const trx = ktrx(t);
  const profile = await profileForNode(t, estateId);
  const s = committeeSettingsOf(profile);
  const roster = await rosterOf(t, kind, id);
  const { community } = await placeOf(t, estateId);
  const described = await describe(
    t,
    roster.map((m) => m.personId),
    estateId,
    community?.id ?? null,
    today,
    new Map(roster.map((m) => [m.personId, m.ownerRepresentative])),
  );
  const byPerson = new Map(described.map((d) => [d.personId, d]));
  const members: ProposedMember[] = roster
    .filter((m) => s.suspendedCounted || !m.suspended)
    .map((m) => {
      const d = byPerson.get(m.personId);
      const acts = !m.suspended;
      return {
        personId: m.personId,
        name: m.name,
        ownerRepresentative: acts && m.ownerRepresentative,
        partyMember: acts && m.partyMember,
        communityPartyOrgMember: acts && (d?.communityPartyOrgMember ?? false),
        residentsCommitteeRepresentative: acts && (d?.residentsCommitteeRepresentative ?? false),
        streetAppointee: acts && m.sentBy === 'street',
        cityManagement: acts && m.sentBy === 'cityManagement',
        backgrounds: [],
      };
    });
  const director = roster.find((m) => m.seat === 'director')?.personId ?? null;
  const deputies = roster.filter((m) => m.seat === 'deputyDirector').map((m) => m.personId);
  const result = checkComposition(profile, members, director, deputies);
  const before = await trx
    .selectFrom('committee_compliance')
    .selectAll()
    .where('committee_kind', '=', kind)
    .where('committee_id', '=', id)
    .executeTakeFirst();
  const failures = result.failures;
  const wasFailing = (before?.failures.length ?? 0) > 0;
  const since = failures.length ? (wasFailing ? before!.since : today) : null;
  const due = failures.length && !wasFailing ? calendar.addWorkdays(today, s.complianceFixWorkdays) : null;
  const deadline = failures.length ? (due?.date ?? before!.deadline) : null;
  const row = {
    committee_kind: kind,
    committee_id: id,
    estate_id: estateId,
    failures: JSON.stringify(failures),
    since,
    deadline,
    calendar_complete: due ? due.calendarComplete : (before?.calendar_complete ?? true),
    checked_at: new Date(),
  };
  if (before)
    await trx.updateTable('committee_compliance').set(row).where('committee_kind', '=', kind).where('committee_id', '=', id).execute();
  else await trx.insertInto('committee_compliance').values(row).execute();
  if (JSON.stringify(before?.failures ?? []) !== JSON.stringify(failures))
    await recordAudit(t, ctx, {
      action: 'committee.compliance',
      entityType: 'committee',
      entityId: id,
      nodeId: estateId,
      before: before ? { failures: before.failures, deadline: before.deadline } : null,
      after: { failures, since, deadline },
    });
  return { failures, since, deadline };
}
