import type { z } from 'zod';
import { recordAudit } from '../../audit/record.js';
import { requireAt } from '../../access/scope.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict, notFound } from '../../http/errors.js';
import { loadUnit } from '../owner-ref.js';
import type { endOwnershipBody } from '../schema.js';

/** Ends one owner's tenure (a co-owner leaves); a designated voter who leaves is no longer the voter (R4). */
export async function endOwnership(
  ctx: ActionContext & { actor: CurrentUser },
  ownershipId: number,
  input: z.output<typeof endOwnershipBody>,
) {
  return inTransaction(ctx.db, async (trx) => {
    const o = await trx.selectFrom('ownership').selectAll().where('id', '=', ownershipId).executeTakeFirst();
    if (!o) throw notFound('权属记录');
    const unit = await loadUnit(trx, o.unit_id);
    await requireAt(trx, ctx.actor, unit.building_id, 'registry.manage', 'registry.read', '权属记录');
    if (o.ended_on != null) throw conflict(`该权属已于${o.ended_on}终止`);
    if (input.endedOn < o.started_on) throw badRequest(`终止日期不能早于取得日期（${o.started_on}）`, 'endedOn');
    const after = await trx
      .updateTable('ownership')
      .set({ ended_on: input.endedOn, designated_voter: false })
      .where('id', '=', o.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'ownership.end',
      entityType: 'unit',
      entityId: unit.id,
      nodeId: unit.building_id,
      before: o,
      after,
    });
    return after;
  });
}
