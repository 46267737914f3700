import type { z } from 'zod';
import { NODE_KIND_LABEL } from '../../../core/org.js';
import { recordAudit } from '../../audit/record.js';
import { requireAt } from '../../access/scope.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict } from '../../http/errors.js';
import { rebuildClosure } from '../closure.js';
import type { updateNodeBody } from '../schema.js';
import { checkBuildingGrid } from './check-building-grid.js';

/** Renames a node or changes its code, address, or (for a building) the grid that serves it. */
export async function updateNode(ctx: ActionContext & { actor: CurrentUser }, id: number, input: z.output<typeof updateNodeBody>) {
  return inTransaction(ctx.db, async (trx) => {
    await requireAt(trx, ctx.actor, id, 'org.manage', 'org.read', '节点');
    const before = await trx.selectFrom('org_node').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (input.gridId !== undefined && before.kind !== 'building') throw badRequest('只有楼栋可以指定所属网格', 'gridId');
    if (input.deliveredOn !== undefined && before.kind !== 'estate') throw badRequest('只有小区可以填写首次交付日期', 'deliveredOn');
    if (input.gridId != null) await checkBuildingGrid(trx, ctx.actor, before.parent_id!, input.gridId);
    if (input.name && input.name !== before.name) {
      const dup = await trx
        .selectFrom('org_node')
        .select('id')
        .where('parent_id', before.parent_id === null ? 'is' : '=', before.parent_id)
        .where('kind', '=', before.kind)
        .where('name', '=', input.name)
        .where('id', '!=', id)
        .executeTakeFirst();
      if (dup) throw conflict(`同一上级下已有名为「${input.name}」的${NODE_KIND_LABEL[before.kind]}，请换一个名称`);
    }
    const after = await trx
      .updateTable('org_node')
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.code !== undefined ? { code: input.code } : {}),
        ...(input.address !== undefined ? { address: input.address } : {}),
        ...(input.gridId !== undefined ? { grid_id: input.gridId } : {}),
        ...(input.deliveredOn !== undefined ? { delivered_on: input.deliveredOn } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.gridId !== undefined && input.gridId !== before.grid_id) await rebuildClosure(trx, [id]);
    await recordAudit(trx, ctx, { action: 'org.update', entityType: 'org_node', entityId: id, nodeId: id, before, after });
    return after;
  });
}
