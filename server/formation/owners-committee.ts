import { endRoster, seatOwnersRoster } from '../committees/roster.js';
import { formatDateZh } from '../../core/dates.js';
import type { WorkCalendar } from '../../core/workdays.js';
import { recordAudit } from '../audit/record.js';
import type { Trx } from '../db/transaction.js';
import type { ActionContext } from '../http/context.js';
import { conflict } from '../http/errors.js';
import { postNotice } from '../notices/post-notice.js';

export interface OwnersCommitteeInput {
  estateId: number;
  /** election: produced by an owners' vote (issue 6); entered: recorded by the street; resumed: the former committee resumes. */
  source: 'election' | 'entered' | 'resumed';
  decisionId?: number | null;
  producedOn: string;
  termEnd?: string | null;
  members: { personId: number | null; name: string; seat: string }[];
  note?: string | null;
}

/**
 * An owners' committee comes into being for an estate. R34 (seed S-5): the estate's 物业管理委员会
 * stops automatically from that day — its members' seats end, a dissolution notice is posted, and
 * the handover (documents, seal) is recorded on the committee for the street to complete.
 * Runs inside the caller's transaction (an election's result, or the street's entry).
 */
export async function recordOwnersCommittee(trx: Trx, ctx: ActionContext, calendar: WorkCalendar, input: OwnersCommitteeInput) {
  const estate = await trx.selectFrom('org_node').select(['id', 'name', 'kind']).where('id', '=', input.estateId).executeTakeFirstOrThrow();
  if (estate.kind !== 'estate') throw conflict('业主委员会只能属于一个小区');
  const committee = await trx
    .insertInto('owners_committee')
    .values({
      estate_id: estate.id,
      source: input.source,
      decision_id: input.decisionId ?? null,
      produced_on: input.producedOn,
      term_end: input.termEnd ?? null,
      members: JSON.stringify(input.members),
      note: input.note ?? null,
      created_by: ctx.actor?.id ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  // Issue 14: the owners' committee goes to work with the same machinery as a PMC — its roster.
  await seatOwnersRoster(trx, committee.id, estate.id, input.producedOn, input.members);
  await trx
    .insertInto('estate_governance')
    .values({
      estate_id: estate.id,
      status: 'ownersCommittee',
      reason: null,
      committee_term_start: input.producedOn,
      committee_term_end: input.termEnd ?? null,
      updated_by: ctx.actor?.id ?? null,
    })
    .onConflict((oc) =>
      oc.column('estate_id').doUpdateSet({
        status: 'ownersCommittee',
        reason: null,
        committee_term_start: input.producedOn,
        committee_term_end: input.termEnd ?? null,
        updated_by: ctx.actor?.id ?? null,
        updated_at: new Date(),
      }),
    )
    .execute();
  await recordAudit(trx, ctx, {
    action: 'ownersCommittee.create',
    entityType: 'owners_committee',
    entityId: committee.id,
    nodeId: estate.id,
    after: committee,
  });

  // A formation case still under way has no purpose any more: it ends with the reason recorded.
  const open = await trx
    .selectFrom('formation_case')
    .select(['id', 'state'])
    .where('estate_id', '=', estate.id)
    .where('state', 'not in', ['established', 'cancelled'])
    .execute();
  for (const c of open) {
    await trx
      .updateTable('formation_case')
      .set({ state: 'cancelled', closed_at: new Date(), updated_at: new Date() })
      .where('id', '=', c.id)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'formation.cancel',
      entityType: 'formation_case',
      entityId: c.id,
      nodeId: estate.id,
      before: { state: c.state },
      after: { state: 'cancelled', detail: { reason: '业主委员会已产生，组建终止（R34）' } },
    });
  }

  const pmc = await trx
    .selectFrom('property_committee')
    .selectAll()
    .where('estate_id', '=', estate.id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (!pmc) return { committee, dissolved: null };
  const reason =
    input.source === 'resumed'
      ? '原业主委员会恢复履行职责'
      : `业主委员会于${formatDateZh(input.producedOn)}产生（${input.source === 'election' ? '业主共同决定选举' : '街道登记'}）`;
  const dissolved = await trx
    .updateTable('property_committee')
    .set({
      status: 'dissolved',
      dissolved_on: input.producedOn,
      dissolution_reason: reason,
      handover: JSON.stringify({ documents: 'pending', seal: pmc.seal_recorded_on ? 'pending' : 'none' }),
    })
    .where('id', '=', pmc.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  // The members' seats end the same day.
  await endRoster(trx, 'pmc', pmc.id, input.producedOn, reason);
  await trx
    .updateTable('post')
    .set({ ended_on: input.producedOn })
    .where('node_id', '=', estate.id)
    .where('role', 'in', ['propertyCommitteeDirector', 'propertyCommitteeDeputy', 'propertyCommitteeMember'])
    .where('ended_on', 'is', null)
    .execute();
  const notice = await postNotice(trx, ctx, calendar, {
    nodeId: estate.id,
    kind: 'dissolution',
    title: `关于${estate.name}物业管理委员会停止履行职责的公告`,
    body: [
      `${estate.name}全体业主：`,
      `${reason}。根据《物业管理委员会组建运行实施办法》，${estate.name}物业管理委员会自${formatDateZh(input.producedOn)}起自动解散，停止履行职责。`,
      `物业管理委员会应向业主委员会移交其保管的资料${pmc.seal_recorded_on ? '和印章' : ''}，移交情况由街道办事处记录。`,
      '特此公告。',
    ].join('\n'),
    publishDate: input.producedOn,
  });
  await recordAudit(trx, ctx, {
    action: 'propertyCommittee.dissolve',
    entityType: 'property_committee',
    entityId: pmc.id,
    nodeId: estate.id,
    before: pmc,
    after: { ...dissolved, noticeId: notice.id },
  });
  return { committee, dissolved };
}
