import { sql, type Expression, type SqlBool } from 'kysely';
import { ROLE_PERMISSIONS, type Permission } from '../../core/access.js';
import type { Db } from '../db/connect.js';
import type { CurrentUser } from '../http/context.js';
import { forbidden, notFound } from '../http/errors.js';

/**
 * Data scope. A role assignment grants its permissions on its node and on every node below it in
 * the closure table. Scope is always a WHERE clause of the query that reads the data, never a
 * filter applied to results afterwards.
 */

/** The nodes at which the user holds `permission` (the roots of their scope for it). */
export function scopeRoots(user: CurrentUser, permission: Permission): number[] {
  const ids = new Set<number>();
  for (const a of user.roles) if (ROLE_PERMISSIONS[a.role]?.includes(permission)) ids.add(a.nodeId);
  return [...ids];
}

/** SQL condition: the node `nodeRef` lies within the user's scope for `permission`. */
export function inScope(user: CurrentUser, permission: Permission, nodeRef: Expression<number | null>): Expression<SqlBool> {
  const roots = scopeRoots(user, permission);
  if (roots.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`exists (select 1 from org_closure sc where sc.descendant_id = ${nodeRef} and sc.ancestor_id in (${sql.join(roots)}))`;
}

/**
 * SQL condition, for reading: the estate `estateRef` is within the user's scope for `permission`, or
 * one of its buildings is. A grid worker's scope reaches the buildings of his grid, not the estate
 * node; he still works for those estates (their roll, their decisions, their notices, issue 13).
 */
export function reachesEstate(user: CurrentUser, permission: Permission, estateRef: Expression<number | null>): Expression<SqlBool> {
  const roots = scopeRoots(user, permission);
  if (roots.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`exists (select 1 from org_closure sc where sc.ancestor_id in (${sql.join(roots)})
    and (sc.descendant_id = ${estateRef}
         or sc.descendant_id in (select rb.id from org_node rb where rb.parent_id = ${estateRef} and rb.kind = 'building')))`;
}

/** For each of `nodeIds`, the permissions the user holds there: one query for a whole page of objects. */
export async function permissionsAt(db: Db, user: CurrentUser, nodeIds: number[]): Promise<Map<number, Set<Permission>>> {
  const out = new Map<number, Set<Permission>>();
  const unique = [...new Set(nodeIds)];
  if (unique.length === 0 || user.roles.length === 0) return out;
  const roots = [...new Set(user.roles.map((r) => r.nodeId))];
  const rows = await db
    .selectFrom('org_closure')
    .select(['ancestor_id', 'descendant_id'])
    .where('descendant_id', 'in', unique)
    .where('ancestor_id', 'in', roots)
    .execute();
  for (const row of rows) {
    let set = out.get(row.descendant_id);
    if (!set) out.set(row.descendant_id, (set = new Set()));
    for (const a of user.roles) {
      if (a.nodeId === row.ancestor_id) for (const p of ROLE_PERMISSIONS[a.role] ?? []) set.add(p);
    }
  }
  return out;
}

/**
 * Guards a single object: 404 when the user may not even read it (so its existence is not
 * disclosed), 403 when they may read it but not do `permission` on it.
 */
export async function requireAt(
  db: Db,
  user: CurrentUser,
  nodeId: number,
  permission: Permission,
  readPermission: Permission,
  what: string,
): Promise<Set<Permission>> {
  const held = (await permissionsAt(db, user, [nodeId])).get(nodeId) ?? new Set<Permission>();
  if (!held.has(readPermission) && !held.has(permission)) throw notFound(what);
  if (!held.has(permission)) throw forbidden(`您没有在此范围内执行该操作的权限（需要：${PERMISSION_LABEL[permission]}）`);
  return held;
}

export const PERMISSION_LABEL: Record<Permission, string> = {
  'org.read': '查看组织架构',
  'org.manage': '管理组织架构',
  'unit.read': '查看房屋',
  'unit.manage': '管理房屋',
  'account.manage': '管理账号',
  'audit.read': '查看审计日志',
  'calendar.manage': '维护工作日历（全区统一，由区级管理员维护）',
  'notice.manage': '发布公告',
  'objection.file': '提出或登记异议',
  'objection.verify': '核查异议',
  'registry.read': '查看业主名册和人员',
  'registry.manage': '维护业主名册和人员',
  'contact.reveal': '查看完整手机号',
  'idNumber.reveal': '查看完整身份证号',
  'party.manage': '维护党组织',
  'company.read': '查看物业企业',
  'company.manage': '登记物业企业和服务合同',
  'company.report': '填报企业人员和党建信息',
  'owner.self': '以业主身份办理本人房屋事项',
  'governance.read': '查看小区治理状态与组建进度',
  'governance.manage': '维护实施方案、规则配置和治理状态',
  'survey.fill': '填报小区调查摸底',
  'classification.manage': '维护小区分类与分类施策、调整分类、确定试点',
  'formation.run': '办理物管会组建',
  'formation.vet': '对候选人把关',
  'formation.approve': '确定名单、核发成立证明',
  'decision.read': '查看业主共同决定',
  'decision.manage': '组织业主共同决定',
  'ballot.enter': '录入纸质表决票',
  'coordination.read': '查看议事协调会议',
  'coordination.manage': '召集议事协调会议',
  'coordination.request': '向四位一体会议提请事项',
  'committee.read': '查看物管会（业委会）运行情况',
  'committee.manage': '组织物管会（业委会）会议与记录',
  'committee.act': '以委员身份签字或提议',
  'committee.supervise': '认定负面清单并暂停委员履职',
  'task.read': '查看议事协调任务',
  'task.update': '办理议事协调任务',
  'dispute.manage': '登记和调处矛盾纠纷',
  'ticket.raise': '提出诉求',
  'ticket.read': '查看范围内的诉求',
  'ticket.handle': '承办诉求',
  'ticket.dispatch': '派单、转派和回访',
  'service.manage': '维护服务清单、服务站点和值班表',
  'cobuilding.manage': '管理微心愿、党员先锋岗和党员承诺',
  'cobuilding.join': '提出或认领微心愿',
  'disclosure.read': '查看十公开及汇总',
  'disclosure.edit': '维护本方负责的十公开事项、答复质询',
  'disclosure.moderate': '隐藏不当质询',
  'credit.read': '查看物业企业信用评价依据',
  'overview.read': '查看总览',
  'assessment.manage': '设置社区目标考核',
};

/**
 * Registry scope: a record registered at `nodeRef` (a person, a party organisation) is visible
 * where its node is in scope, or — for records at a property company, which sits outside the
 * admin tree — where the street that registered the company is in scope.
 */
export function inRegistryScope(user: CurrentUser, permission: Permission, nodeRef: Expression<number | null>): Expression<SqlBool> {
  const roots = scopeRoots(user, permission);
  if (roots.length === 0) return sql<SqlBool>`false`;
  const rootList = sql.join(roots);
  return sql<SqlBool>`(exists (select 1 from org_closure sc where sc.descendant_id = ${nodeRef} and sc.ancestor_id in (${rootList}))
    or exists (select 1 from property_company rpc join org_closure rsc on rsc.descendant_id = rpc.street_id
               where rpc.node_id = ${nodeRef} and rsc.ancestor_id in (${rootList})))`;
}

/** The permissions the user holds at a registry node: its own, plus its registering street's for a company. */
export async function registryPermissionsAt(db: Db, user: CurrentUser, nodeId: number): Promise<Set<Permission>> {
  const held = new Set((await permissionsAt(db, user, [nodeId])).get(nodeId) ?? []);
  const company = await db.selectFrom('property_company').select('street_id').where('node_id', '=', nodeId).executeTakeFirst();
  if (company) for (const p of (await permissionsAt(db, user, [company.street_id])).get(company.street_id) ?? []) held.add(p);
  return held;
}

/** `requireAt` for registry records (see inRegistryScope): 404 when unreadable, 403 when not allowed. */
export async function requireRegistryAt(
  db: Db,
  user: CurrentUser,
  nodeId: number,
  permission: Permission,
  readPermission: Permission,
  what: string,
): Promise<Set<Permission>> {
  const held = await registryPermissionsAt(db, user, nodeId);
  if (!held.has(readPermission) && !held.has(permission)) throw notFound(what);
  if (!held.has(permission)) throw forbidden(`您没有在此范围内执行该操作的权限（需要：${PERMISSION_LABEL[permission]}）`);
  return held;
}
