import { sql } from 'kysely';
import { DISPATCH_RULE_LABEL, HANDLER_TYPE_LABEL, limitText, TICKET_STATE_LABEL, type TicketChannel } from '../../core/tickets.js';
import { permissionsAt, reachesEstate, scopeRoots } from '../access/scope.js';
import type { Db } from '../db/connect.js';
import type { CurrentUser } from '../http/context.js';
import { notFound } from '../http/errors.js';
import { naturalOrder } from '../org/natural-order.js';
import { sdb, type ServiceKindRow } from './tables.js';

export function presentKind(k: ServiceKindRow) {
  return {
    id: k.id,
    communityId: k.community_id,
    name: k.name,
    description: k.description,
    handlerType: k.handler_type,
    handlerLabel: HANDLER_TYPE_LABEL[k.handler_type],
    departmentAccountId: k.department_account_id,
    respond: { unit: k.respond_unit, amount: k.respond_amount },
    finish: { unit: k.finish_unit, amount: k.finish_amount },
    respondText: limitText({ unit: k.respond_unit, amount: k.respond_amount }),
    finishText: limitText({ unit: k.finish_unit, amount: k.finish_amount }),
    dispatch: k.dispatch,
    dispatchLabel: DISPATCH_RULE_LABEL[k.dispatch],
    clockStops: k.clock_stops,
    clockStopsText: k.clock_stops.length ? k.clock_stops.map((s) => TICKET_STATE_LABEL[s]).join('、') : '不停表',
    active: k.active,
  };
}

/** A community's service list (服务清单), for whoever works in or lives under the community. */
export async function listServiceKinds(db: Db, user: CurrentUser, communityId: number) {
  const node = await db.selectFrom('org_node').select(['id', 'kind', 'name']).where('id', '=', communityId).executeTakeFirst();
  if (!node || node.kind !== 'community') throw notFound('社区');
  // Readable by anyone whose scope touches the community: its staff and street, its grid workers and owners.
  const roots = [...new Set(user.roles.map((r) => r.nodeId))];
  const related =
    roots.length > 0 &&
    (await db
      .selectFrom('org_closure')
      .select('depth')
      .where((eb) =>
        eb.or([
          eb.and([eb('ancestor_id', 'in', roots), eb('descendant_id', '=', communityId)]),
          eb.and([eb('ancestor_id', '=', communityId), eb('descendant_id', 'in', roots)]),
        ]),
      )
      .executeTakeFirst());
  if (!related) throw notFound('社区');
  const kinds = await sdb(db)
    .selectFrom('service_kind')
    .selectAll()
    .where('community_id', '=', communityId)
    .orderBy('position')
    .orderBy('id')
    .execute();
  const held = (await permissionsAt(db, user, [communityId])).get(communityId);
  return { community: { id: node.id, name: node.name }, kinds: kinds.map(presentKind), canManage: !!held?.has('service.manage') };
}

/**
 * What the raise form offers the caller: the channels they may use, their own units (an owner),
 * the estates they may raise in with their buildings, and each community's active kinds.
 */
export async function raiseOptions(db: Db, user: CurrentUser) {
  const channels: TicketChannel[] = [];
  if (user.roles.some((r) => r.role === 'owner')) channels.push('app');
  if (user.roles.some((r) => r.role === 'gridWorker')) channels.push('patrol');
  if (scopeRoots(user, 'ticket.dispatch').length) channels.push('phone');
  const units = await db
    .selectFrom('owner_binding as ob')
    .innerJoin('ownership as o', 'o.person_id', 'ob.person_id')
    .innerJoin('unit as u', 'u.id', 'o.unit_id')
    .innerJoin('org_node as b', 'b.id', 'u.building_id')
    .innerJoin('org_node as e', 'e.id', 'u.estate_id')
    .select(['u.id', 'u.estate_id', 'e.name as estate_name', 'b.name as building_name', 'u.entrance', 'u.number'])
    .distinct()
    .where('ob.account_id', '=', user.id)
    .where('o.ended_on', 'is', null)
    .execute();
  const ownerEstates = [
    ...new Set([...units.map((u) => u.estate_id), ...user.roles.filter((r) => r.role === 'owner').map((r) => r.nodeId)]),
  ];
  const staffRoots = scopeRoots({ ...user, roles: user.roles.filter((r) => r.role !== 'owner') }, 'ticket.raise');
  const estates = await db
    .selectFrom('org_node as e')
    .select(['e.id', 'e.name', 'e.parent_id as community_id'])
    .where('e.kind', '=', 'estate')
    .where((eb) =>
      eb.or([
        ...(ownerEstates.length ? [eb('e.id', 'in', ownerEstates)] : []),
        ...(staffRoots.length
          ? [reachesEstate({ ...user, roles: user.roles.filter((r) => r.role !== 'owner') }, 'ticket.raise', sql.ref('e.id'))]
          : []),
        eb.val(false),
      ]),
    )
    .orderBy(naturalOrder(sql.ref('e.name')))
    .limit(500)
    .execute();
  const estateIds = estates.map((e) => e.id);
  const gridRoles = user.roles.filter((r) => r.role === 'gridWorker').map((r) => r.nodeId);
  const buildings = estateIds.length
    ? await db
        .selectFrom('org_node')
        .select(['id', 'name', 'parent_id', 'grid_id'])
        .where('kind', '=', 'building')
        .where('parent_id', 'in', estateIds)
        .orderBy(naturalOrder(sql.ref('name')))
        .execute()
    : [];
  const communities = [...new Set(estates.map((e) => e.community_id!))];
  const kinds = communities.length
    ? await sdb(db)
        .selectFrom('service_kind')
        .selectAll()
        .where('community_id', 'in', communities)
        .where('active', '=', true)
        .orderBy('position')
        .orderBy('id')
        .execute()
    : [];
  return {
    channels,
    units: units.map((u) => ({ id: u.id, estateId: u.estate_id, label: `${u.estate_name} ${u.building_name}${u.entrance}${u.number}` })),
    estates: estates.map((e) => ({
      id: e.id,
      name: e.name,
      communityId: e.community_id!,
      buildings: buildings
        .filter((b) => b.parent_id === e.id && (gridRoles.length === 0 || channels.includes('phone') || gridRoles.includes(b.grid_id!)))
        .map((b) => ({ id: b.id, name: b.name })),
    })),
    kinds: kinds.map(presentKind),
  };
}
