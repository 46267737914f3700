import { sql, type Expression, type SqlBool } from 'kysely';
import { permissionsAt, scopeRoots } from '../access/scope.js';
import type { Db } from '../db/connect.js';
import type { Trx } from '../db/transaction.js';
import type { CurrentUser } from '../http/context.js';
import { forbidden, notFound } from '../http/errors.js';
import { PERMISSION_LABEL } from '../access/scope.js';
import type { Permission } from '../../core/access.js';

const under = (ref: Expression<number | null>, roots: number[]) =>
  roots.length
    ? sql<SqlBool>`${ref} in (select oc.descendant_id from org_closure oc where oc.ancestor_id in (${sql.join(roots)}))`
    : sql<SqlBool>`false`;

/**
 * Who sees a wish (微心愿): the community and street staff who review them (all states), the poster
 * (their own), whoever claimed it, and — once the community approved it — the owners of its estate
 * and the staff of the company serving it (who may claim it).
 */
export function wishVisible(user: CurrentUser, alias = 'w'): Expression<SqlBool> {
  const ref = (c: string) => sql.ref(`${alias}.${c}`) as Expression<number | null>;
  const managers = scopeRoots(user, 'cobuilding.manage');
  const joiners = scopeRoots(user, 'cobuilding.join');
  return sql<SqlBool>`(${ref('posted_by')} = ${user.id} or ${ref('claimed_by')} = ${user.id} or ${under(ref('estate_id'), managers)}
    or (${sql.ref(`${alias}.state`)} <> 'pending' and ${sql.ref(`${alias}.state`)} <> 'rejected' and ${under(ref('estate_id'), joiners)}))`;
}

/** 404 when the node is not in the caller's reach at all, 403 when they may not do `permission` there. */
export async function requireNode(db: Db | Trx, user: CurrentUser, nodeId: number, permission: Permission, kinds: string[], what: string) {
  const node = await db.selectFrom('org_node').select(['id', 'kind', 'name', 'parent_id']).where('id', '=', nodeId).executeTakeFirst();
  if (!node || !kinds.includes(node.kind)) throw notFound(what);
  const held = (await permissionsAt(db as Db, user, [nodeId])).get(nodeId);
  if (!held || held.size === 0) throw notFound(what);
  if (!held.has(permission)) throw forbidden(`您没有在此范围内执行该操作的权限（需要：${PERMISSION_LABEL[permission]}）`);
  return node;
}

/** The community a grid or an estate belongs to. */
export async function communityOf(db: Db | Trx, nodeId: number): Promise<number> {
  const r = await db
    .selectFrom('org_closure as c')
    .innerJoin('org_node as n', 'n.id', 'c.ancestor_id')
    .select('n.id')
    .where('c.descendant_id', '=', nodeId)
    .where('n.kind', '=', 'community')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** 王小明 → 王** : names on public pages show the surname only. */
export const maskName = (name: string) => (name.length <= 1 ? name : `${name[0]}${'*'.repeat(Math.min(2, name.length - 1))}`);
