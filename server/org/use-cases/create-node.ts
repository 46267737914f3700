import type { z } from 'zod';
import { NODE_KIND_LABEL, PARENT_KIND } from '../../../core/org.js';
import { recordAudit } from '../../audit/record.js';
import { inTransaction } from '../../db/transaction.js';
import { requireAt } from '../../access/scope.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict } from '../../http/errors.js';
import { rebuildClosure } from '../closure.js';
import type { createNodeBody } from '../schema.js';
import { checkBuildingGrid } from './check-building-grid.js';

/**
 * Adds a community, grid, estate or building under a parent in the caller's scope. Streets and
 * property companies are not created here: streets come with a deployment, companies with the
 * registry.
 */
export async function createNode(ctx: ActionContext & { actor: CurrentUser }, input: z.output<typeof createNodeBody>) {
  return inTransaction(ctx.db, async (trx) => {
    await requireAt(trx, ctx.actor, input.parentId, 'org.manage', 'org.read', '上级节点');
    const parent = await trx.selectFrom('org_node').select(['id', 'kind']).where('id', '=', input.parentId).executeTakeFirstOrThrow();
    const expected = PARENT_KIND[input.kind];
    if (parent.kind !== expected) {
      throw badRequest(
        `${NODE_KIND_LABEL[input.kind]}只能建在${NODE_KIND_LABEL[expected!]}之下，所选上级是${NODE_KIND_LABEL[parent.kind]}`,
        'parentId',
      );
    }
    if (input.gridId != null && input.kind !== 'building') throw badRequest('只有楼栋可以指定所属网格', 'gridId');
    if (input.deliveredOn != null && input.kind !== 'estate') throw badRequest('只有小区可以填写首次交付日期', 'deliveredOn');
    if (input.kind === 'building' && input.gridId != null) await checkBuildingGrid(trx, ctx.actor, parent.id, input.gridId);

    const dup = await trx
      .selectFrom('org_node')
      .select('id')
      .where('parent_id', '=', parent.id)
      .where('kind', '=', input.kind)
      .where('name', '=', input.name)
      .executeTakeFirst();
    if (dup) throw conflict(`同一上级下已有名为「${input.name}」的${NODE_KIND_LABEL[input.kind]}，请换一个名称`);

    const node = await trx
      .insertInto('org_node')
      .values({
        kind: input.kind,
        name: input.name,
        code: input.code ?? null,
        address: input.address ?? null,
        parent_id: parent.id,
        grid_id: input.gridId ?? null,
        delivered_on: input.deliveredOn ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await rebuildClosure(trx, [node.id]);
    await recordAudit(trx, ctx, { action: 'org.create', entityType: 'org_node', entityId: node.id, nodeId: node.id, after: node });
    return node;
  });
}
