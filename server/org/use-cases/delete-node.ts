import { NODE_KIND_LABEL } from '../../../core/org.js';
import { recordAudit } from '../../audit/record.js';
import { requireAt } from '../../access/scope.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { conflict } from '../../http/errors.js';

/** Deletes an empty node. Anything still hanging on it must be moved or removed first. */
export async function deleteNode(ctx: ActionContext & { actor: CurrentUser }, id: number) {
  return inTransaction(ctx.db, async (trx) => {
    await requireAt(trx, ctx.actor, id, 'org.manage', 'org.read', '节点');
    const node = await trx.selectFrom('org_node').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    const label = NODE_KIND_LABEL[node.kind];
    const children = await trx
      .selectFrom('org_node')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => eb.or([eb('parent_id', '=', id), eb('grid_id', '=', id)]))
      .executeTakeFirstOrThrow();
    if (children.n > 0) throw conflict(`该${label}下还有 ${children.n} 个下级节点（或关联楼栋），请先移走或删除`);
    const units = await trx
      .selectFrom('unit')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => eb.or([eb('building_id', '=', id), eb('estate_id', '=', id)]))
      .executeTakeFirstOrThrow();
    if (units.n > 0) throw conflict(`该${label}下还有 ${units.n} 套房屋，请先删除或移走`);
    const roles = await trx
      .selectFrom('role_assignment')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('node_id', '=', id)
      .executeTakeFirstOrThrow();
    if (roles.n > 0) throw conflict(`还有 ${roles.n} 个账号的岗位绑定在该${label}上，请先调整这些账号的角色`);
    const linked = await trx
      .selectFrom('company_estate')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => eb.or([eb('company_id', '=', id), eb('estate_id', '=', id)]))
      .executeTakeFirstOrThrow();
    if (linked.n > 0) throw conflict(`该${label}仍与物业服务企业关联，请先解除关联`);
    // The entry is written first: its node must still be resolvable by scope for readers of the trail.
    await recordAudit(trx, ctx, { action: 'org.delete', entityType: 'org_node', entityId: id, nodeId: node.parent_id, before: node });
    await trx.deleteFrom('org_node').where('id', '=', id).execute();
  });
}
