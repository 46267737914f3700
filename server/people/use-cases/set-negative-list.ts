import { recordAudit } from '../../audit/record.js';
import { requireRegistryAt } from '../../access/scope.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { notFound } from '../../http/errors.js';

/**
 * R35: a negative-list entry against a person is the street's decision (the street admin). It is
 * shown in vetting and makes a candidate ineligible (R28 vetting); clearing it is recorded too.
 */
export async function setNegativeList(ctx: ActionContext & { actor: CurrentUser }, personId: number, note: string | null) {
  return inTransaction(ctx.db, async (trx) => {
    const p = await trx
      .selectFrom('person')
      .select(['id', 'node_id', 'negative_note'])
      .where('id', '=', personId)
      .forUpdate()
      .executeTakeFirst();
    if (!p) throw notFound('人员');
    await requireRegistryAt(trx, ctx.actor, p.node_id, 'governance.manage', 'registry.read', '人员');
    await trx.updateTable('person').set({ negative_note: note, updated_at: new Date() }).where('id', '=', p.id).execute();
    await recordAudit(trx, ctx, {
      action: 'person.negativeList',
      entityType: 'person',
      entityId: p.id,
      nodeId: p.node_id,
      before: { negativeNote: p.negative_note },
      after: { negativeNote: note },
    });
  });
}
