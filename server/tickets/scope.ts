import { sql, type Expression, type SqlBool } from 'kysely';
import type { ActorKind, HandlerType } from '../../core/tickets.js';
import { permissionsAt, scopeRoots } from '../access/scope.js';
import type { Db } from '../db/connect.js';
import type { Trx } from '../db/transaction.js';
import type { CurrentUser } from '../http/context.js';

/** `ref` is a node at or below one of `roots`: an uncorrelated IN, which the planner hashes once per query. */
const under = (ref: Expression<number | null>, roots: number[]) =>
  sql<SqlBool>`${ref} in (select oc.descendant_id from org_closure oc where oc.ancestor_id in (${sql.join(roots)}))`;

/**
 * Who sees a ticket (issue 16), as one SQL condition on the ticket row `alias`:
 * - the account that raised it, always;
 * - a grid worker: the tickets of his grid (his role sits at the grid node);
 * - community staff and the street: the tickets of the estates in their community or street;
 * - property staff: the tickets of the estates their company serves (company → estate edges of the
 *   closure, kept equal to the current service contracts);
 * - a district department: what was dispatched to it, now or before a transfer (the events say).
 */
export function ticketVisible(user: CurrentUser, alias = 't'): Expression<SqlBool> {
  const ref = (c: string) => sql.ref(`${alias}.${c}`) as Expression<number | null>;
  const parts: Expression<SqlBool>[] = [sql<SqlBool>`${ref('raised_by')} = ${user.id}`];
  const readers = user.roles.filter((r) => r.role !== 'gridWorker');
  const gridRoots = scopeRoots({ ...user, roles: user.roles.filter((r) => r.role === 'gridWorker') }, 'ticket.read');
  const estateRoots = scopeRoots({ ...user, roles: readers }, 'ticket.read');
  if (gridRoots.length) parts.push(under(ref('grid_id'), gridRoots));
  if (estateRoots.length) parts.push(under(ref('estate_id'), estateRoots));
  if (user.roles.some((r) => r.role === 'districtDepartment'))
    parts.push(
      sql<SqlBool>`(${ref('handler_account_id')} = ${user.id} or ${ref('id')} in (select te.ticket_id from ticket_event te where te.handler_account_id = ${user.id}))`,
    );
  return parts.length === 1 ? parts[0]! : sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

/** The role whose holders at the handler's node act for it. */
export const HANDLER_ROLE: Record<Exclude<HandlerType, 'department'>, 'gridWorker' | 'propertyStaff' | 'communityStaff'> = {
  gridWorker: 'gridWorker',
  propertyCompany: 'propertyStaff',
  community: 'communityStaff',
};

export interface HandlerRef {
  handler_type: HandlerType | null;
  handler_node_id: number | null;
  handler_account_id: number | null;
}

/** Whether the caller acts for the ticket's current handler: holds its role at its node, or is the department's account. */
export function isHandler(user: CurrentUser, t: HandlerRef): boolean {
  if (!t.handler_type) return false;
  if (t.handler_type === 'department') return t.handler_account_id === user.id && user.roles.some((r) => r.role === 'districtDepartment');
  const role = HANDLER_ROLE[t.handler_type];
  return user.roles.some((r) => r.role === role && r.nodeId === t.handler_node_id);
}

/** Who the caller is to this ticket: its raiser, a member of its handler, a dispatcher of its community (or street). */
export async function actorKinds(
  db: Db | Trx,
  user: CurrentUser,
  t: HandlerRef & { raised_by: number; estate_id: number },
): Promise<Set<ActorKind>> {
  const kinds = new Set<ActorKind>();
  if (t.raised_by === user.id) kinds.add('raiser');
  if (isHandler(user, t)) kinds.add('handler');
  const held = (await permissionsAt(db as Db, user, [t.estate_id])).get(t.estate_id);
  if (held?.has('ticket.dispatch')) kinds.add('dispatcher');
  return kinds;
}

/** The accounts that act for a handler (to notify them). */
export async function handlerAccounts(db: Db | Trx, t: HandlerRef): Promise<number[]> {
  if (!t.handler_type) return [];
  if (t.handler_type === 'department') return t.handler_account_id ? [t.handler_account_id] : [];
  if (!t.handler_node_id) return [];
  const rows = await db
    .selectFrom('role_assignment')
    .select('account_id')
    .where('role', '=', HANDLER_ROLE[t.handler_type])
    .where('node_id', '=', t.handler_node_id)
    .execute();
  return rows.map((r) => r.account_id);
}

/** The accounts holding `role` at a node or above it (community staff of an estate's community; the street's admins). */
export async function roleHoldersAbove(
  db: Db | Trx,
  nodeId: number,
  role: 'communityStaff' | 'streetAdmin' | 'gridWorker',
): Promise<number[]> {
  const rows = await db
    .selectFrom('role_assignment as ra')
    .innerJoin('org_closure as c', 'c.ancestor_id', 'ra.node_id')
    .select('ra.account_id')
    .where('c.descendant_id', '=', nodeId)
    .where('ra.role', '=', role)
    .execute();
  return [...new Set(rows.map((r) => r.account_id))];
}
