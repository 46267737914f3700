import { sql } from 'kysely';
import { scopeRoots } from '../access/scope.js';
import type { Db } from '../db/connect.js';
import type { CurrentUser } from '../http/context.js';
import type { Role } from '../../core/access.js';
import type { NodeKind } from '../../core/org.js';

type RoleRow = { role: Role; nodeId: number; nodeName: string; nodeKind: NodeKind };

/**
 * Accounts whose every post lies within the caller's account-management scope: a street admin
 * manages the people of their street and nobody else's.
 */
export async function listManagedAccounts(db: Db, user: CurrentUser, onlyId?: number) {
  const roots = scopeRoots(user, 'account.manage');
  if (roots.length === 0) return [];
  let q = db
    .selectFrom('account as a')
    .select(['a.id', 'a.username', 'a.display_name', 'a.mobile', 'a.disabled', 'a.must_change_password'])
    .select(
      sql<
        RoleRow[]
      >`coalesce((select json_agg(json_build_object('role', ra.role, 'nodeId', ra.node_id, 'nodeName', n.name, 'nodeKind', n.kind) order by ra.id)
        from role_assignment ra join org_node n on n.id = ra.node_id where ra.account_id = a.id), '[]'::json)`.as('roles'),
    )
    .where(sql<boolean>`exists (select 1 from role_assignment ra where ra.account_id = a.id)`)
    .where(
      sql<boolean>`not exists (select 1 from role_assignment ra where ra.account_id = a.id and not exists (
        select 1 from org_closure c where c.descendant_id = ra.node_id and c.ancestor_id in (${sql.join(roots)})))`,
    )
    .orderBy('a.id');
  if (onlyId !== undefined) q = q.where('a.id', '=', onlyId);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    mobile: r.mobile,
    disabled: r.disabled,
    mustChangePassword: r.must_change_password,
    roles: r.roles,
    actions: r.id === user.id ? ['update'] : ['update', 'resetPassword'],
  }));
}
