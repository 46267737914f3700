import { sql, type Expression, type SqlBool } from 'kysely';
import type { Permission } from '../../core/access.js';
import { inRegistryScope, inScope, PERMISSION_LABEL, permissionsAt, registryPermissionsAt, scopeRoots } from '../access/scope.js';
import type { Db } from '../db/connect.js';
import type { Trx } from '../db/transaction.js';
import type { CurrentUser } from '../http/context.js';
import { forbidden, notFound } from '../http/errors.js';

/**
 * Who sees a property company: the street that registered it and the company's own staff
 * (registry scope), and the staff of the communities whose estates it serves today.
 */
export function companyVisible(user: CurrentUser, nodeRef: Expression<number>): Expression<SqlBool> {
  const estateReaders = scopeRoots(user, 'company.read');
  const viaEstates =
    estateReaders.length === 0
      ? sql<SqlBool>`false`
      : sql<SqlBool>`exists (select 1 from company_estate vce where vce.company_id = ${nodeRef} and ${inScope(user, 'company.read', sql.ref('vce.estate_id'))})`;
  return sql<SqlBool>`(${inRegistryScope(user, 'company.read', nodeRef)} or ${viaEstates})`;
}

/**
 * Guards one registered company: 404 when the caller may not read it (its existence is not
 * disclosed), 403 when they may read it but not do `permission` there.
 */
export async function requireCompany(db: Db | Trx, user: CurrentUser, companyId: number, permission: Permission) {
  const company = await db
    .selectFrom('property_company as pc')
    .innerJoin('org_node as n', 'n.id', 'pc.node_id')
    .selectAll('pc')
    .select(['n.name', 'n.address'])
    .where('pc.node_id', '=', companyId)
    .where(companyVisible(user, sql.ref('pc.node_id')))
    .executeTakeFirst();
  if (!company) throw notFound('物业企业');
  const held = await registryPermissionsAt(db as Db, user, companyId);
  if (!held.has(permission)) throw forbidden(`您没有在此范围内执行该操作的权限（需要：${PERMISSION_LABEL[permission]}）`);
  return { company, held };
}

/**
 * Guards an action at a street (registering a company there): 404 when the caller has no role in
 * or under the street, 403 when they have one but not `permission` at the street itself.
 */
export async function requireStreet(db: Db | Trx, user: CurrentUser, streetId: number, permission: Permission) {
  const street = await db.selectFrom('org_node').select(['id', 'kind', 'name']).where('id', '=', streetId).executeTakeFirst();
  const roots = [...new Set(user.roles.map((r) => r.nodeId))];
  const related =
    street?.kind === 'street' && roots.length > 0
      ? await db
          .selectFrom('org_closure')
          .select('depth')
          .where('ancestor_id', '=', streetId)
          .where('descendant_id', 'in', roots)
          .executeTakeFirst()
      : undefined;
  if (!street || street.kind !== 'street' || !related) throw notFound('街道');
  const held = (await permissionsAt(db as Db, user, [streetId])).get(streetId) ?? new Set<Permission>();
  if (!held.has(permission)) throw forbidden(`您没有在此范围内执行该操作的权限（需要：${PERMISSION_LABEL[permission]}）`);
  return street;
}
