import { recordAudit } from '../../audit/record.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { conflict } from '../../http/errors.js';
import { requireEstate } from '../access.js';
import { strx } from '../tables.js';

type Ctx = ActionContext & { actor: CurrentUser };

/** 试点: the street names an estate a pilot, with its reason. */
export async function setPilot(ctx: Ctx, estateId: number, reason: string) {
  return inTransaction(ctx.db, async (trx) => {
    await requireEstate(ctx.actor, trx, estateId);
    const before = await strx(trx).selectFrom('estate_pilot').selectAll().where('estate_id', '=', estateId).executeTakeFirst();
    await strx(trx)
      .insertInto('estate_pilot')
      .values({ estate_id: estateId, reason, set_by: ctx.actor.id })
      .onConflict((oc) => oc.column('estate_id').doUpdateSet({ reason, set_by: ctx.actor.id, set_at: new Date() }))
      .execute();
    await recordAudit(trx, ctx, {
      action: 'classification.pilot',
      entityType: 'estate',
      entityId: estateId,
      nodeId: estateId,
      before: before ? { reason: before.reason } : null,
      after: { reason },
    });
  });
}

/** The estate is no longer a pilot. */
export async function clearPilot(ctx: Ctx, estateId: number) {
  return inTransaction(ctx.db, async (trx) => {
    await requireEstate(ctx.actor, trx, estateId);
    const before = await strx(trx).deleteFrom('estate_pilot').where('estate_id', '=', estateId).returningAll().executeTakeFirst();
    if (!before) throw conflict('该小区不是试点小区');
    await recordAudit(trx, ctx, {
      action: 'classification.pilotClear',
      entityType: 'estate',
      entityId: estateId,
      nodeId: estateId,
      before: { reason: before.reason },
      after: null,
    });
  });
}
