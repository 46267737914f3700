import { recordAudit } from '../../audit/record.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { conflict } from '../../http/errors.js';
import type { ImportKind } from '../columns.js';
import { readableBatch, requireImportNode } from '../queries.js';

/** Discards a checked batch that will not be imported (its file is dropped; the record stays). */
export async function discardImport(ctx: ActionContext & { actor: CurrentUser }, id: number) {
  const batch = await readableBatch(ctx.db, ctx.actor, id);
  await requireImportNode(ctx.db, ctx.actor, batch.kind as ImportKind, batch.node_id);
  await inTransaction(ctx.db, async (trx) => {
    const locked = await trx.selectFrom('import_batch').select('status').where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (locked.status !== 'checked') throw conflict(locked.status === 'committed' ? '该批次已导入，不能放弃' : '该批次已放弃');
    await trx
      .updateTable('import_batch')
      .set({ status: 'discarded', content: new Uint8Array(0) })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'import.discard',
      entityType: 'import_batch',
      entityId: id,
      nodeId: batch.node_id,
      before: { kind: batch.kind, fileName: batch.file_name, status: 'checked' },
      after: { status: 'discarded' },
    });
  });
}
