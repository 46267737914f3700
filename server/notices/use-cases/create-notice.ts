import type { z } from 'zod';
import { recordAudit } from '../../audit/record.js';
import { requireAt } from '../../access/scope.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest } from '../../http/errors.js';
import type { createNoticeBody } from '../schema.js';

/** Drafts a notice for an estate, community or street; nothing is public until it is published. */
export async function createNotice(ctx: ActionContext & { actor: CurrentUser }, input: z.output<typeof createNoticeBody>) {
  checkPeriod(input.periodUnit ?? null, input.periodDays ?? null, input.acceptsObjections);
  return inTransaction(ctx.db, async (trx) => {
    await requireAt(trx, ctx.actor, input.nodeId, 'notice.manage', 'org.read', '所属节点');
    const node = await trx.selectFrom('org_node').select('kind').where('id', '=', input.nodeId).executeTakeFirstOrThrow();
    if (!['estate', 'community', 'street'].includes(node.kind)) throw badRequest('公告只能发布在小区、社区或街道', 'nodeId');
    const notice = await trx
      .insertInto('public_notice')
      .values({
        node_id: input.nodeId,
        kind: input.kind,
        title: input.title,
        body: input.body,
        period_unit: input.periodUnit ?? null,
        period_days: input.periodDays ?? null,
        accepts_objections: input.acceptsObjections,
        created_by: ctx.actor.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'notice.create',
      entityType: 'public_notice',
      entityId: notice.id,
      nodeId: notice.node_id,
      after: notice,
    });
    return notice;
  });
}

export function checkPeriod(unit: string | null, days: number | null, acceptsObjections: boolean) {
  if ((unit === null) !== (days === null)) throw badRequest('公示期单位和天数须同时填写或同时留空', 'periodDays');
  if (acceptsObjections && days === null) throw badRequest('接受异议的公告必须设定公示期', 'acceptsObjections');
}
