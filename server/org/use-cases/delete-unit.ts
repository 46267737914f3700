import { recordAudit } from '../../audit/record.js';
import { requireAt } from '../../access/scope.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { notFound } from '../../http/errors.js';

/** Removes a unit entered by mistake. */
export async function deleteUnit(ctx: ActionContext & { actor: CurrentUser }, id: number) {
  return inTransaction(ctx.db, async (trx) => {
    const before = await trx.selectFrom('unit').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound('房屋');
    await requireAt(trx, ctx.actor, before.building_id, 'unit.manage', 'unit.read', '房屋');
    await trx.deleteFrom('unit').where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'unit.delete', entityType: 'unit', entityId: id, nodeId: before.building_id, before });
  });
}
