import { HANDLER_TYPE_LABEL, type HandlerType } from '../../core/tickets.js';
import type { Db } from '../db/connect.js';
import type { Trx } from '../db/transaction.js';
import { badRequest } from '../http/errors.js';
import type { HandlerRef } from './scope.js';

export interface ResolvedHandler extends HandlerRef {
  handler_type: HandlerType;
  handler_name: string;
}

export interface TicketPlace {
  estate_id: number;
  community_id: number;
  grid_id: number | null;
}

/**
 * The handler a ticket goes to by the service list's rule (派单规则): the grid worker of the ticket's
 * grid, the property company serving its estate today, its community, or the named district
 * department. Null when there is none (no grid, no company serving the estate): the ticket then
 * waits for the community to dispatch it by hand.
 */
export async function resolveHandler(
  db: Db | Trx,
  type: HandlerType,
  place: TicketPlace,
  departmentAccountId: number | null,
): Promise<ResolvedHandler | null> {
  const none = { handler_node_id: null, handler_account_id: null };
  switch (type) {
    case 'gridWorker': {
      if (!place.grid_id) return null;
      const g = await db.selectFrom('org_node').select('name').where('id', '=', place.grid_id).executeTakeFirstOrThrow();
      return { ...none, handler_type: type, handler_node_id: place.grid_id, handler_name: `${g.name}网格员` };
    }
    case 'propertyCompany': {
      const c = await db
        .selectFrom('company_estate as ce')
        .innerJoin('org_node as n', 'n.id', 'ce.company_id')
        .select(['n.id', 'n.name'])
        .where('ce.estate_id', '=', place.estate_id)
        .orderBy('n.id')
        .executeTakeFirst();
      return c ? { ...none, handler_type: type, handler_node_id: c.id, handler_name: c.name } : null;
    }
    case 'community': {
      const c = await db.selectFrom('org_node').select('name').where('id', '=', place.community_id).executeTakeFirstOrThrow();
      return { ...none, handler_type: type, handler_node_id: place.community_id, handler_name: c.name };
    }
    case 'department': {
      if (!departmentAccountId) return null;
      const a = await departmentAccount(db, place.community_id, departmentAccountId);
      return { ...none, handler_type: type, handler_account_id: a.id, handler_name: a.display_name };
    }
  }
}

/** The district-department accounts working with the street a community belongs to. */
export async function departmentAccounts(db: Db | Trx, communityId: number) {
  return db
    .selectFrom('role_assignment as ra')
    .innerJoin('org_closure as c', 'c.ancestor_id', 'ra.node_id')
    .innerJoin('account as a', 'a.id', 'ra.account_id')
    .select(['a.id', 'a.display_name'])
    .distinct()
    .where('c.descendant_id', '=', communityId)
    .where('ra.role', '=', 'districtDepartment')
    .where('a.disabled', '=', false)
    .orderBy('a.id')
    .execute();
}

export async function departmentAccount(db: Db | Trx, communityId: number, accountId: number) {
  const a = (await departmentAccounts(db, communityId)).find((x) => x.id === accountId);
  if (!a) throw badRequest('所选区职能部门不存在，或不在本街道工作，请重新选择', 'departmentAccountId');
  return a;
}

export const handlerLabel = (type: HandlerType | null, name: string | null) =>
  type ? `${HANDLER_TYPE_LABEL[type]}${name ? `：${name}` : ''}` : '尚未派单';
