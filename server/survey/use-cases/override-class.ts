import type { z } from 'zod';
import { recordAudit } from '../../audit/record.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict } from '../../http/errors.js';
import { classOfEstate, streetClasses, streetOf } from '../queries.js';
import type { overrideBody } from '../schema.js';
import { requireEstate } from '../access.js';
import { strx } from '../tables.js';

type Ctx = ActionContext & { actor: CurrentUser };

/** The street places an estate in a class other than the rule's, with its reason (shown as 街道调整). */
export async function overrideClass(ctx: Ctx, estateId: number, input: z.output<typeof overrideBody>) {
  return inTransaction(ctx.db, async (trx) => {
    await requireEstate(ctx.actor, trx, estateId);
    const streetId = await streetOf(trx, estateId);
    const classes = streetId ? (await streetClasses(trx, [streetId])).get(streetId)! : [];
    if (!classes.some((c) => c.code === input.classCode)) throw badRequest(`本街道没有代码为“${input.classCode}”的分类`, 'classCode');
    const before = await strx(trx).selectFrom('estate_class_override').selectAll().where('estate_id', '=', estateId).executeTakeFirst();
    const values = { class_code: input.classCode, reason: input.reason, set_by: ctx.actor.id };
    await strx(trx)
      .insertInto('estate_class_override')
      .values({ estate_id: estateId, ...values })
      .onConflict((oc) => oc.column('estate_id').doUpdateSet({ ...values, set_at: new Date() }))
      .execute();
    await recordAudit(trx, ctx, {
      action: 'classification.override',
      entityType: 'estate',
      entityId: estateId,
      nodeId: estateId,
      before: before ? { classCode: before.class_code, reason: before.reason } : null,
      after: { classCode: input.classCode, reason: input.reason },
    });
    return classOfEstate(trx, estateId);
  });
}

/** The street withdraws its override: the estate's class follows the rules again. */
export async function clearOverride(ctx: Ctx, estateId: number) {
  return inTransaction(ctx.db, async (trx) => {
    await requireEstate(ctx.actor, trx, estateId);
    const before = await strx(trx).deleteFrom('estate_class_override').where('estate_id', '=', estateId).returningAll().executeTakeFirst();
    if (!before) throw conflict('该小区的分类没有经过调整');
    await recordAudit(trx, ctx, {
      action: 'classification.overrideClear',
      entityType: 'estate',
      entityId: estateId,
      nodeId: estateId,
      before: { classCode: before.class_code, reason: before.reason },
      after: null,
    });
    return classOfEstate(trx, estateId);
  });
}
