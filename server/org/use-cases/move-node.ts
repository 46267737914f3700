import { NODE_KIND_LABEL, PARENT_KIND } from '../../../core/org.js';
import { recordAudit } from '../../audit/record.js';
import { requireAt } from '../../access/scope.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict } from '../../http/errors.js';
import { isSelfOrDescendant, rebuildClosure } from '../closure.js';

/**
 * Moves a node (with everything below it) under a new parent of the right kind, e.g. a grid to
 * another community. The closure is rebuilt for the whole subtree, so every scope follows the move:
 * the old community's staff lose it, the new one's gain it.
 */
export async function moveNode(ctx: ActionContext & { actor: CurrentUser }, id: number, parentId: number) {
  return inTransaction(ctx.db, async (trx) => {
    await requireAt(trx, ctx.actor, id, 'org.manage', 'org.read', '节点');
    await requireAt(trx, ctx.actor, parentId, 'org.manage', 'org.read', '新的上级节点');
    const node = await trx.selectFrom('org_node').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    const parent = await trx.selectFrom('org_node').select(['id', 'kind']).where('id', '=', parentId).executeTakeFirstOrThrow();
    const expected = PARENT_KIND[node.kind];
    if (expected === null) throw badRequest(`${NODE_KIND_LABEL[node.kind]}没有上级，不能移动`);
    // A street belongs to its district as the instance is set up (issue 13), not by a move here.
    if (node.kind === 'street') throw badRequest('街道隶属于哪个区由系统设置决定，不能在此移动；如需调整，请联系区级管理员');
    if (parent.kind !== expected) {
      throw badRequest(
        `${NODE_KIND_LABEL[node.kind]}只能移到${NODE_KIND_LABEL[expected]}之下，所选上级是${NODE_KIND_LABEL[parent.kind]}`,
        'parentId',
      );
    }
    if (await isSelfOrDescendant(trx, id, parentId)) throw badRequest('不能把节点移到它自己或它的下级之下', 'parentId');
    if (node.parent_id === parentId) return node;
    const dup = await trx
      .selectFrom('org_node')
      .select('id')
      .where('parent_id', '=', parentId)
      .where('kind', '=', node.kind)
      .where('name', '=', node.name)
      .executeTakeFirst();
    if (dup) throw conflict(`新的上级下已有名为「${node.name}」的${NODE_KIND_LABEL[node.kind]}，请先改名`);

    const after = await trx
      .updateTable('org_node')
      .set({ parent_id: parentId, updated_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (node.kind === 'building') {
      // A building moved to another estate keeps its units: they follow it.
      await trx.updateTable('unit').set({ estate_id: parentId, updated_at: new Date() }).where('building_id', '=', id).execute();
    }
    await rebuildClosure(trx, [id]);
    await recordAudit(trx, ctx, {
      action: 'org.move',
      entityType: 'org_node',
      entityId: id,
      nodeId: id,
      before: { parentId: node.parent_id },
      after: { parentId },
    });
    return after;
  });
}
