import { sql, type Expression, type SqlBool } from 'kysely';
import type { Permission } from '../../core/access.js';
import { inScope, PERMISSION_LABEL, permissionsAt } from '../access/scope.js';
import type { Db } from '../db/connect.js';
import type { Trx } from '../db/transaction.js';
import type { CurrentUser } from '../http/context.js';
import { forbidden, notFound } from '../http/errors.js';
import type { CoordinationDb } from './tables.js';

type Q = Db | Trx;
/** Both a database and a transaction read the capability's tables. */
const q = (db: Q) => db as unknown as CoordinationDb;

/** A body within the caller's scope: 404 when they cannot read it, 403 when they lack `permission` there. */
export async function loadBody(db: Q, user: CurrentUser, bodyId: number, permission: Permission = 'coordination.read') {
  const body = await q(db).selectFrom('coordination_body').selectAll().where('id', '=', bodyId).executeTakeFirst();
  if (!body) throw notFound('议事协调机制');
  const held = (await permissionsAt(db as Db, user, [body.node_id])).get(body.node_id) ?? new Set<Permission>();
  if (!held.has('coordination.read')) throw notFound('议事协调机制');
  if (!held.has(permission)) throw forbidden(`您没有在此范围内执行该操作的权限（需要：${PERMISSION_LABEL[permission]}）`);
  return { body, held };
}

/** A meeting with its body, checked as `loadBody` checks. */
export async function loadMeeting(db: Q, user: CurrentUser, meetingId: number, permission: Permission = 'coordination.read') {
  const meeting = await q(db).selectFrom('coordination_meeting').selectAll().where('id', '=', meetingId).executeTakeFirst();
  if (!meeting) throw notFound('会议');
  const { body, held } = await loadBody(db, user, meeting.body_id, permission).catch((e: unknown) => {
    throw e instanceof Error && 'status' in e && (e as { status: number }).status === 404 ? notFound('会议') : e;
  });
  return { meeting, body, held };
}

/**
 * SQL: the task (alias `t`, its member `m`, its body `b`) is the caller's to see: its body is within
 * their coordination scope, or it was given to them (the member's account), or to their company.
 */
export function taskVisible(user: CurrentUser): Expression<SqlBool> {
  return sql<SqlBool>`(${inScope(user, 'coordination.read', sql.ref('b.node_id'))}
    or m.account_id = ${user.id}
    or (m.company_id is not null and ${inScope(user, 'task.update', sql.ref('m.company_id'))}))`;
}

/**
 * A task the caller may see, with what they may do to it: `acts` — they carry it out (it was given to
 * them or their company, or they convene at its body); `convenes` — they convened its meeting (only
 * the convenor confirms or sends back). 404 when they may not see it.
 */
export async function loadTask(db: Q, user: CurrentUser, taskId: number) {
  const row = await q(db)
    .selectFrom('coordination_task as t')
    .innerJoin('coordination_member as m', 'm.id', 't.member_id')
    .innerJoin('coordination_resolution as r', 'r.id', 't.resolution_id')
    .innerJoin('coordination_meeting as mt', 'mt.id', 'r.meeting_id')
    .innerJoin('coordination_body as b', 'b.id', 'mt.body_id')
    .selectAll('t')
    .select([
      'm.organisation',
      'm.account_id as member_account_id',
      'm.company_id as member_company_id',
      'mt.id as meeting_id',
      'mt.title as meeting_title',
      'mt.convenor_account_id',
      'b.node_id as body_node_id',
      'b.kind as body_kind',
    ])
    .where('t.id', '=', taskId)
    .where(taskVisible(user))
    .executeTakeFirst();
  if (!row) throw notFound('任务');
  const at = await permissionsAt(
    db as Db,
    user,
    [row.body_node_id, row.member_company_id].filter((x): x is number => x != null),
  );
  const manages = at.get(row.body_node_id)?.has('coordination.manage') ?? false;
  const ofCompany = row.member_company_id != null && (at.get(row.member_company_id)?.has('task.update') ?? false);
  const acts = row.member_account_id === user.id || ofCompany || manages;
  return { task: row, acts, convenes: row.convenor_account_id === user.id };
}
