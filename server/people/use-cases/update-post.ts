import type { z } from 'zod';
import type { PostRole } from '../../../core/registry.js';
import { recordAudit } from '../../audit/record.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { notFound } from '../../http/errors.js';
import type { updatePostBody } from '../schema.js';
import { checkPostPeriod, requirePostKeeper } from './post-rules.js';

/** Ends a post (离任) or corrects its dates; the role and body stay (a new post is a new appointment). */
export async function updatePost(ctx: ActionContext & { actor: CurrentUser }, id: number, input: z.output<typeof updatePostBody>) {
  return inTransaction(ctx.db, async (trx) => {
    const before = await trx.selectFrom('post').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound('职务');
    await requirePostKeeper(trx, ctx.actor, before);
    const startedOn = input.startedOn ?? before.started_on;
    const endedOn = input.endedOn !== undefined ? input.endedOn : before.ended_on;
    await checkPostPeriod(trx, {
      personId: before.person_id,
      role: before.role as PostRole,
      body: { nodeId: before.node_id, partyOrgId: before.party_org_id },
      startedOn,
      endedOn,
      exceptId: id,
    });
    const after = await trx
      .updateTable('post')
      .set({ started_on: startedOn, ended_on: endedOn, note: input.note !== undefined ? input.note || null : before.note })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'post.update', entityType: 'post', entityId: id, nodeId: after.node_id, before, after });
    return after;
  });
}
