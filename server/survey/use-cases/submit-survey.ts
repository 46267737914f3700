import type { z } from 'zod';
import { governanceFromSurvey, surveyProblems } from '../../../core/survey.js';
import { recordAudit } from '../../audit/record.js';
import { requireAt } from '../../access/scope.js';
import { todayInChina } from '../../clock.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest } from '../../http/errors.js';
import { classOfEstate } from '../queries.js';
import type { surveyBody } from '../schema.js';
import { strx } from '../tables.js';

type Ctx = ActionContext & { actor: CurrentUser };

/**
 * 调查摸底: the community (or the street) submits a survey of an estate. The survey is kept, and it
 * sets the estate's governance status and R26 reason — unless a formation case or a running PMC
 * decides the status (the survey is then kept with the status it found, not applied). Survey,
 * status and audit entry are one transaction.
 */
export async function submitSurvey(ctx: Ctx, estateId: number, answers: z.output<typeof surveyBody>) {
  const problem = surveyProblems(answers)[0];
  if (problem) throw badRequest(problem.message, problem.field);
  const outcome = governanceFromSurvey(answers);
  const today = todayInChina();
  return inTransaction(ctx.db, async (trx) => {
    await requireAt(trx, ctx.actor, estateId, 'survey.fill', 'governance.read', '小区');
    const n = await trx.selectFrom('org_node').select('kind').where('id', '=', estateId).executeTakeFirstOrThrow();
    if (n.kind !== 'estate') throw badRequest('调查摸底按小区填报', 'id');
    const before = await trx.selectFrom('estate_governance').selectAll().where('estate_id', '=', estateId).forUpdate().executeTakeFirst();
    const applied = !(before && (before.status === 'formingPmc' || before.status === 'pmcRunning'));
    const withCommittee = answers.ownersCommittee !== 'none';
    const values = {
      status: outcome.status,
      reason: outcome.reason,
      note: `调查摸底（${today}）：${outcome.explanation}`,
      committee_term_start: withCommittee ? answers.committeeTermStart : null,
      committee_term_end: withCommittee ? answers.committeeTermEnd : null,
      updated_by: ctx.actor.id,
    };
    if (applied)
      await trx
        .insertInto('estate_governance')
        .values({ estate_id: estateId, ...values })
        .onConflict((oc) => oc.column('estate_id').doUpdateSet({ ...values, updated_at: new Date() }))
        .execute();
    const survey = await strx(trx)
      .insertInto('estate_survey')
      .values({
        estate_id: estateId,
        answers: JSON.stringify(answers),
        status: outcome.status,
        reason: outcome.reason,
        governance_applied: applied,
        created_by: ctx.actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'survey.submit',
      entityType: 'estate',
      entityId: estateId,
      nodeId: estateId,
      // the whole row: the note and term dates the survey replaces stay readable in the trail
      before: before ?? null,
      after: { surveyId: survey.id, status: outcome.status, reason: outcome.reason, governanceApplied: applied, answers },
    });
    return {
      surveyId: survey.id,
      status: applied ? outcome.status : before!.status,
      reason: applied ? outcome.reason : before!.reason,
      governanceApplied: applied,
      explanation: applied ? outcome.explanation : `${outcome.explanation}；治理状态由组建流程决定，未改变`,
      class: await classOfEstate(trx, estateId),
    };
  });
}
