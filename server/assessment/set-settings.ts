import { assessmentSettingsProblem, type AssessmentSettings } from '../../core/assessment.js';
import { requireAt } from '../access/scope.js';
import { recordAudit } from '../audit/record.js';
import { inTransaction } from '../db/transaction.js';
import type { ActionContext, CurrentUser } from '../http/context.js';
import { badRequest } from '../http/errors.js';
import { assessmentSettings, settingKey } from './queries.js';

/** The street sets what the community assessment scores and how much each item weighs (a setting, not a guess). */
export async function setAssessmentSettings(ctx: ActionContext & { actor: CurrentUser }, streetId: number, next: AssessmentSettings) {
  await requireAt(ctx.db, ctx.actor, streetId, 'assessment.manage', 'overview.read', '街道');
  const street = await ctx.db.selectFrom('org_node').select('kind').where('id', '=', streetId).executeTakeFirstOrThrow();
  if (street.kind !== 'street') throw badRequest('考核设置按街道保存，请选择街道', 'streetId');
  const problem = assessmentSettingsProblem(next);
  if (problem) throw badRequest(problem, 'items');
  return inTransaction(ctx.db, async (trx) => {
    const before = await assessmentSettings(trx, streetId);
    await trx
      .insertInto('app_setting')
      .values({ key: settingKey(streetId), value: JSON.stringify(next) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(next) }))
      .execute();
    await recordAudit(trx, ctx, {
      action: 'assessment.settings',
      entityType: 'assessment',
      entityId: streetId,
      nodeId: streetId,
      before: before.settings,
      after: next,
    });
    return next;
  });
}
