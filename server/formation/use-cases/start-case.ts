import type { z } from 'zod';
import { GOVERNANCE_STATUS_LABEL, type GovernanceStatusCode } from '../../../core/formation.js';
import { recordAudit } from '../../audit/record.js';
import { requireAt } from '../../access/scope.js';
import { todayInChina } from '../../clock.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict } from '../../http/errors.js';
import { placeOf, streetProfile } from '../profile.js';
import type { startCaseBody } from '../schema.js';

/**
 * Starts a formation case for an estate that needs a PMC (R26): the estate's status must say so
 * (待组建 or 业委会届满/缺位) with its reason. The street's rule profile is frozen into the case,
 * so a later change of profile never changes this case.
 */
export async function startCase(ctx: ActionContext & { actor: CurrentUser }, input: z.output<typeof startCaseBody>) {
  return inTransaction(ctx.db, async (trx) => {
    await requireAt(trx, ctx.actor, input.estateId, 'formation.run', 'governance.read', '小区');
    const { estate, street } = await placeOf(trx, input.estateId);
    if (!estate || estate.kind !== 'estate') throw badRequest('只能为小区组建物业管理委员会', 'estateId');
    if (!street) throw badRequest('该小区不在任何街道之下', 'estateId');
    const gov = await trx.selectFrom('estate_governance').selectAll().where('estate_id', '=', estate.id).forUpdate().executeTakeFirst();
    const status: GovernanceStatusCode = gov?.status ?? 'pending';
    // R33: a running committee whose term has ended is re-formed by a new case.
    const expired = await trx
      .selectFrom('property_committee')
      .select('id')
      .where('estate_id', '=', estate.id)
      .where('status', '=', 'active')
      .where('term_end', '<', todayInChina())
      .executeTakeFirst();
    if (status !== 'pending' && status !== 'committeeExpired' && !(status === 'pmcRunning' && expired))
      throw conflict(`${estate.name}当前为“${GOVERNANCE_STATUS_LABEL[status]}”，不需要组建物业管理委员会（R26）`);
    const reason = input.reason ?? gov?.reason ?? null;
    if (!reason)
      throw badRequest('请说明需要组建物业管理委员会的原因（R26：不具备成立业主大会条件、确有困难，或未能选举产生业委会）', 'reason');
    const open = await trx
      .selectFrom('formation_case')
      .select('id')
      .where('estate_id', '=', estate.id)
      .where('state', 'not in', ['established', 'cancelled'])
      .executeTakeFirst();
    if (open) throw conflict(`${estate.name}已有进行中的组建案件（编号 ${open.id}）`);
    const profile = await streetProfile(trx, street.id);
    const c = await trx
      .insertInto('formation_case')
      .values({ estate_id: estate.id, state: 'started', profile: JSON.stringify(profile), started_by: ctx.actor.id })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('estate_governance')
      .values({ estate_id: estate.id, status: 'formingPmc', reason, updated_by: ctx.actor.id })
      .onConflict((oc) =>
        oc.column('estate_id').doUpdateSet({ status: 'formingPmc', reason, updated_by: ctx.actor.id, updated_at: new Date() }),
      )
      .execute();
    await recordAudit(trx, ctx, {
      action: 'formation.start',
      entityType: 'formation_case',
      entityId: c.id,
      nodeId: estate.id,
      before: { governance: gov ?? null },
      after: { state: c.state, profile: profile.id, reason },
    });
    return c;
  });
}
