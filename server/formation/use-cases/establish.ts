import type { z } from 'zod';
import { formatDateZh } from '../../../core/dates.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest } from '../../http/errors.js';
import { placeOf } from '../profile.js';
import { runStep } from '../run-step.js';
import { endRoster, seatRoster } from '../../committees/roster.js';
import type { establishBody, sealBody } from '../schema.js';

type Ctx = ActionContext & { actor: CurrentUser };

const SEAT_ROLE = {
  director: 'propertyCommitteeDirector',
  deputyDirector: 'propertyCommitteeDeputy',
  member: 'propertyCommitteeMember',
} as const;

/** Adds `years` years to a date and steps back one day: the last day of a term starting on `from`. */
export function termEndOf(from: string, years: number): string {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y + years, m - 1, d));
  if (end.getUTCMonth() !== m - 1) end.setUTCDate(0); // 29 Feb → 28 Feb
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

/**
 * 成立: after the list's publicity has ended with every objection closed (R29, R30), the street
 * office issues the establishment certificate. The committee, its members' seats (posts at the
 * estate), its director and its term (R33, if the profile sets one) become live records, and the
 * estate's status becomes 物管会运行中.
 */
export const establish = (ctx: Ctx, caseId: number, input: z.output<typeof establishBody>) =>
  runStep(
    ctx,
    caseId,
    'establish',
    async ({ trx, c, today }) => {
      const date = input.date ?? today;
      if (date > today) throw badRequest(`成立日期不能晚于今天（${formatDateZh(today)}）`, 'date');
      const members = await trx
        .selectFrom('list_member')
        .selectAll()
        .where('case_id', '=', c.id)
        .where('round', '=', c.list_round)
        .execute();
      const { street } = await placeOf(trx, c.estate_id);
      const year = date.slice(0, 4);
      const issued = await trx
        .selectFrom('formation_case as f')
        .innerJoin('org_closure as oc', 'oc.descendant_id', 'f.estate_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('oc.ancestor_id', '=', street!.id)
        .where('f.certificate_no', 'is not', null)
        .where('f.certificate_date', '>=', `${year}-01-01`)
        .executeTakeFirstOrThrow();
      const short = street!.name.replace(/（演示）$/, '').replace(/街道$/, '');
      const certificateNo = `${short}物管证〔${year}〕${Number(issued.n) + 1}号`;
      const termEnd = c.profile.termYears ? termEndOf(date, c.profile.termYears) : null;
      // R33: the committee whose term ran out gives way to the re-formed one; its seats end.
      const previous = await trx
        .selectFrom('property_committee')
        .selectAll()
        .where('estate_id', '=', c.estate_id)
        .where('status', '=', 'active')
        .executeTakeFirst();
      if (previous) {
        await trx
          .updateTable('property_committee')
          .set({ status: 'dissolved', dissolved_on: date, dissolution_reason: '任期届满，重新组建（R33）' })
          .where('id', '=', previous.id)
          .execute();
        await endRoster(trx, 'pmc', previous.id, date, '任期届满，重新组建（R33）');
        await trx
          .updateTable('post')
          .set({ ended_on: date })
          .where('node_id', '=', c.estate_id)
          .where('role', 'in', ['propertyCommitteeDirector', 'propertyCommitteeDeputy', 'propertyCommitteeMember'])
          .where('ended_on', 'is', null)
          .execute();
      }
      const committee = await trx
        .insertInto('property_committee')
        .values({ estate_id: c.estate_id, case_id: c.id, certificate_no: certificateNo, established_on: date, term_end: termEnd })
        .returningAll()
        .executeTakeFirstOrThrow();
      if (members.length > 0) {
        const posts = await trx
          .insertInto('post')
          .values(
            members.map((m) => ({
              person_id: m.person_id,
              role: SEAT_ROLE[m.seat],
              node_id: c.estate_id,
              started_on: date,
              ended_on: null,
              note: m.owner_representative ? '业主代表' : null,
            })),
          )
          .returning(['id', 'person_id'])
          .execute();
        // Issue 14: the committee's roster at work (seat, owner representative, who sent the member).
        await seatRoster(trx, committee.id, c.estate_id, date, members, posts);
      }
      await trx
        .updateTable('formation_case')
        .set({
          certificate_no: certificateNo,
          certificate_date: date,
          committee_id: committee.id,
          director_person_id: members.find((m) => m.seat === 'director')?.person_id ?? null,
          closed_at: new Date(),
        })
        .where('id', '=', c.id)
        .execute();
      await trx
        .updateTable('estate_governance')
        .set({ status: 'pmcRunning', updated_by: ctx.actor.id, updated_at: new Date() })
        .where('estate_id', '=', c.estate_id)
        .execute();
      return { committeeId: committee.id, certificateNo, date, termEnd, members: members.length };
    },
    (r) => r,
  );

/** R31: the seal is applied for with the certificate, then its record date is entered. */
export const applySeal = (ctx: Ctx, caseId: number, input: z.output<typeof sealBody>) =>
  runStep(
    ctx,
    caseId,
    'applySeal',
    async ({ trx, c, today }) => {
      if (input.date > today) throw badRequest('申请日期不能晚于今天', 'date');
      if (c.certificate_date && input.date < c.certificate_date)
        throw badRequest(`印章申请日期不能早于成立证明日期（${formatDateZh(c.certificate_date)}，R31）`, 'date');
      await trx
        .updateTable('property_committee')
        .set({ seal_applied_on: input.date, seal_note: input.note ?? null })
        .where('id', '=', c.committee_id!)
        .execute();
      return { appliedOn: input.date, certificateNo: c.certificate_no };
    },
    (r) => r,
  );

export const recordSeal = (ctx: Ctx, caseId: number, input: z.output<typeof sealBody>) =>
  runStep(
    ctx,
    caseId,
    'recordSeal',
    async ({ trx, c, today }) => {
      const pmc = await trx.selectFrom('property_committee').selectAll().where('id', '=', c.committee_id!).executeTakeFirstOrThrow();
      if (input.date > today) throw badRequest('备案日期不能晚于今天', 'date');
      if (pmc.seal_applied_on && input.date < pmc.seal_applied_on) throw badRequest('印章备案日期不能早于申请日期', 'date');
      if (pmc.seal_recorded_on) throw badRequest('印章已备案');
      await trx
        .updateTable('property_committee')
        .set({ seal_recorded_on: input.date, seal_note: input.note ?? pmc.seal_note })
        .where('id', '=', pmc.id)
        .execute();
      return { recordedOn: input.date };
    },
    (r) => r,
  );
