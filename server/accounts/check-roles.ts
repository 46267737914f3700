import { ROLE_LABEL, ROLE_SCOPE_KIND, type Role } from '../../core/access.js';
import { NODE_KIND_LABEL } from '../../core/org.js';
import { requireAt } from '../access/scope.js';
import type { Trx } from '../db/transaction.js';
import type { CurrentUser } from '../http/context.js';
import { badRequest } from '../http/errors.js';

/** Every post handed out must sit on a node of the role's kind, inside the admin's own scope. */
export async function checkRoles(trx: Trx, actor: CurrentUser, roles: { role: Role; nodeId: number }[]) {
  for (const [i, r] of roles.entries()) {
    await requireAt(trx, actor, r.nodeId, 'account.manage', 'org.read', '岗位所在节点');
    const node = await trx.selectFrom('org_node').select(['kind', 'name']).where('id', '=', r.nodeId).executeTakeFirstOrThrow();
    const kinds = ROLE_SCOPE_KIND[r.role];
    if (!kinds.includes(node.kind)) {
      throw badRequest(
        `${ROLE_LABEL[r.role]}只能绑定到${kinds.map((k) => NODE_KIND_LABEL[k as keyof typeof NODE_KIND_LABEL]).join('或')}，「${node.name}」是${NODE_KIND_LABEL[node.kind]}`,
        `roles.${i}.nodeId`,
      );
    }
  }
  const keys = roles.map((r) => `${r.role}:${r.nodeId}`);
  if (new Set(keys).size !== keys.length) throw badRequest('同一角色在同一节点上重复分配', 'roles');
}
