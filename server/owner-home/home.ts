import { formatArea } from '../../core/area.js';
import type { Db } from '../db/connect.js';
import { myDecisions } from '../decisions/queries.js';
import type { CurrentUser } from '../http/context.js';
import { homeSections } from './sections.js';

/**
 * The owner's home (issue 19): their units; the decisions of their estates with what they can vote on
 * first (days left, voted or not); the sections other capabilities contribute (evaluations, questions,
 * tickets: each a list); the latest notices of their estates; the unread messages. Nothing of staff
 * work. Everything filtered by the owner's own bound persons and units.
 */
export async function ownerHome(db: Db, user: CurrentUser) {
  const persons = (await db.selectFrom('owner_binding').select('person_id').where('account_id', '=', user.id).execute()).map(
    (r) => r.person_id,
  );
  const units = persons.length
    ? await db
        .selectFrom('ownership as o')
        .innerJoin('unit as u', 'u.id', 'o.unit_id')
        .innerJoin('org_node as b', 'b.id', 'u.building_id')
        .innerJoin('org_node as e', 'e.id', 'u.estate_id')
        .select(['u.id', 'u.estate_id', 'e.name as estate', 'b.name as building', 'u.entrance', 'u.number', 'u.area_centi'])
        .distinct()
        .where('o.person_id', 'in', persons)
        .where('o.ended_on', 'is', null)
        .orderBy('u.id')
        .execute()
    : [];
  const estateIds = [...new Set(units.map((u) => u.estate_id))];
  // an owner not yet bound still sees the notices of the estate their role names
  const boardIds = estateIds.length ? estateIds : user.roles.filter((r) => r.role === 'owner').map((r) => r.nodeId);
  const estates = boardIds.length
    ? await db
        .selectFrom('org_node')
        .select(['id', 'name'])
        .where('id', 'in', boardIds)
        .where('kind', '=', 'estate')
        .orderBy('id')
        .execute()
    : [];
  const [decisions, notices, unread, sections] = await Promise.all([
    myDecisions(db, user),
    latestNotices(
      db,
      estates.map((e) => e.id),
    ),
    db
      .selectFrom('notification')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', user.id)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow(),
    Promise.all(
      homeSections().map(async (s) => ({ key: s.key, title: s.title, action: s.action ?? null, items: await s.load(db, user, estateIds) })),
    ),
  ]);
  return {
    bound: persons.length > 0,
    displayName: user.displayName,
    units: units.map((u) => ({
      id: u.id,
      estateId: u.estate_id,
      estateName: u.estate,
      label: [u.building, u.entrance, u.number].filter(Boolean).join(' '),
      area: formatArea(u.area_centi),
    })),
    estates,
    votes: decisions.items.map((d) => ({
      id: d.id,
      title: d.title,
      estateName: d.estateName,
      state: d.state,
      stateLabel: d.stateLabel,
      opensOn: d.opensOn,
      closesOn: d.closesOn,
      daysLeft: d.daysLeft,
      canVote: d.canVote,
      voted: d.voted,
    })),
    // an owner with no unit of an estate has nothing to start there either
    sections: sections.filter((s) => s.items.length > 0 || (s.action && boardIds.length > 0)),
    notices,
    unread: Number(unread.n),
  };
}

/** The latest published notices shown on the owner's estates' boards (the estate, its community, its street). */
async function latestNotices(db: Db, estateIds: number[]) {
  if (estateIds.length === 0) return [];
  const rows = await db
    .selectFrom('public_notice as n')
    .innerJoin('org_closure as c', 'c.ancestor_id', 'n.node_id')
    .innerJoin('org_node as a', 'a.id', 'n.node_id')
    .select(['n.id', 'n.title', 'n.publish_date', 'n.end_date', 'a.name as node', 'c.descendant_id as estate_id'])
    .where('c.descendant_id', 'in', estateIds)
    .where('a.kind', 'in', ['estate', 'community', 'street'])
    .where('n.status', '=', 'published')
    .orderBy('n.publish_date', 'desc')
    .orderBy('n.id', 'desc')
    .limit(8)
    .execute();
  const seen = new Set<number>();
  return rows
    .filter((r) => !seen.has(r.id) && seen.add(r.id))
    .slice(0, 5)
    .map((r) => ({ id: r.id, title: r.title, publishDate: r.publish_date, endDate: r.end_date, node: r.node, estateId: r.estate_id }));
}
