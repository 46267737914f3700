import { recordAudit } from '../../audit/record.js';
import { requireAt } from '../../access/scope.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest } from '../../http/errors.js';
import { loadUnit } from '../owner-ref.js';

/** R4: a co-owned unit votes once, through the co-owner the co-owners designate. */
export async function designateVoter(ctx: ActionContext & { actor: CurrentUser }, unitId: number, personId: number) {
  return inTransaction(ctx.db, async (trx) => {
    const unit = await loadUnit(trx, unitId);
    await requireAt(trx, ctx.actor, unit.building_id, 'registry.manage', 'registry.read', '房屋');
    const current = await trx.selectFrom('ownership').selectAll().where('unit_id', '=', unit.id).where('ended_on', 'is', null).execute();
    const target = current.find((o) => o.person_id === personId);
    if (!target) throw badRequest(`表决人必须是${unit.label}的现业主（共有人）之一（R4）`, 'personId');
    const before = current.find((o) => o.designated_voter) ?? null;
    await trx
      .updateTable('ownership')
      .set({ designated_voter: false })
      .where('unit_id', '=', unit.id)
      .where('ended_on', 'is', null)
      .execute();
    await trx.updateTable('ownership').set({ designated_voter: true }).where('id', '=', target.id).execute();
    await recordAudit(trx, ctx, {
      action: 'ownership.designateVoter',
      entityType: 'unit',
      entityId: unit.id,
      nodeId: unit.building_id,
      before: { voterPersonId: before?.person_id ?? null },
      after: { voterPersonId: personId },
    });
  });
}
