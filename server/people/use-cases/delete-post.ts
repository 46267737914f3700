import { recordAudit } from '../../audit/record.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { notFound } from '../../http/errors.js';
import { requirePostKeeper } from './post-rules.js';

/**
 * Removes a post entered by mistake. A post that really ended is ended (离任日期), not deleted, so
 * the history stays; the audit entry keeps what was removed.
 */
export async function deletePost(ctx: ActionContext & { actor: CurrentUser }, id: number) {
  return inTransaction(ctx.db, async (trx) => {
    const before = await trx.selectFrom('post').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound('职务');
    await requirePostKeeper(trx, ctx.actor, before);
    await recordAudit(trx, ctx, { action: 'post.delete', entityType: 'post', entityId: id, nodeId: before.node_id, before });
    await trx.deleteFrom('post').where('id', '=', id).execute();
  });
}
