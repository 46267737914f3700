import crypto from 'node:crypto';
import { todayInChina } from '../../clock.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { identityKeys } from '../../people/identity.js';
import type { ImportKind } from '../columns.js';
import { evaluate, prepare } from '../evaluate.js';
import { requireImportNode, streetOf } from '../queries.js';

/**
 * Checks an uploaded sheet: every row validated and compared with the database, the outcome
 * stored as a batch (file, sha256, summary, errors). Nothing of the registry is written here.
 */
export async function checkImport(
  ctx: ActionContext & { actor: CurrentUser },
  input: { kind: ImportKind; nodeId: number; fileName: string; content: Buffer },
) {
  await requireImportNode(ctx.db, ctx.actor, input.kind, input.nodeId);
  const streetId = await streetOf(ctx.db, input.nodeId);
  const keys = await identityKeys(ctx.db);
  const sha256 = crypto.createHash('sha256').update(input.content).digest('hex');
  const today = todayInChina();
  const prepared = await prepare(input.kind, input.content, sha256, today);
  const ev = await evaluate(ctx.db, input.kind, prepared, { nodeId: input.nodeId, streetId, keys, today });
  const row = await ctx.db
    .insertInto('import_batch')
    .values({
      kind: input.kind,
      node_id: input.nodeId,
      file_name: input.fileName,
      sha256,
      size: input.content.length,
      content: input.content,
      summary: JSON.stringify(ev.summary),
      errors: JSON.stringify(ev.stored),
      created_by: ctx.actor.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
