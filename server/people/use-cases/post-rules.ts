import { sql } from 'kysely';
import { NODE_KIND_LABEL, type NodeKind } from '../../../core/org.js';
import { PARTY_ORG_KIND_LABEL, POST_ROLES, postNodeKind, type PostRole } from '../../../core/registry.js';
import { inRegistryScope, requireRegistryAt } from '../../access/scope.js';
import type { Trx } from '../../db/transaction.js';
import type { CurrentUser } from '../../http/context.js';
import { badRequest, conflict, notFound } from '../../http/errors.js';
import { placeOf } from '../places.js';

export interface PostBody {
  nodeId: number;
  partyOrgId: number | null;
}

/**
 * Where a post is held and whether the caller may keep it: a party post sits at its party
 * organisation (party.manage there), any other post at a node of the kind its role names
 * (registry.manage there), in the person's street.
 */
export async function resolvePostBody(
  trx: Trx,
  user: CurrentUser,
  streetId: number,
  role: PostRole,
  input: { nodeId?: number | undefined; partyOrgId?: number | null | undefined },
): Promise<PostBody> {
  const label = POST_ROLES[role].label;
  if (POST_ROLES[role].body === 'partyOrg') {
    if (input.partyOrgId == null) throw badRequest(`${label}是党组织职务，请选择所在党组织`, 'partyOrgId');
    const org = await trx
      .selectFrom('party_org as o')
      .select(['o.id', 'o.kind', 'o.node_id', 'o.street_id'])
      .where('o.id', '=', input.partyOrgId)
      .where(inRegistryScope(user, 'registry.read', sql.ref('o.node_id')))
      .executeTakeFirst();
    if (!org) throw notFound('党组织');
    await requireRegistryAt(trx, user, org.node_id, 'party.manage', 'registry.read', '党组织');
    if (input.nodeId !== undefined && input.nodeId !== org.node_id) {
      throw badRequest('党组织职务的任职节点就是党组织所在节点，请不要另填', 'nodeId');
    }
    if ((role === 'partyGroupLeader') !== (org.kind === 'group')) {
      throw badRequest(
        role === 'partyGroupLeader' ? '党小组长只能在党小组任职' : `${PARTY_ORG_KIND_LABEL[org.kind]}不设${label}，请选择党小组长`,
        'role',
      );
    }
    if (org.street_id !== streetId) throw badRequest('所选党组织不属于该人员所在街道', 'partyOrgId');
    return { nodeId: org.node_id, partyOrgId: org.id };
  }
  if (input.partyOrgId != null) throw badRequest(`${label}不是党组织职务，不能选择党组织`, 'partyOrgId');
  if (input.nodeId === undefined) throw badRequest(`请选择${label}的任职节点`, 'nodeId');
  await requireRegistryAt(trx, user, input.nodeId, 'registry.manage', 'registry.read', '任职节点');
  const place = await placeOf(trx, input.nodeId, '任职节点');
  const kind = postNodeKind(role) as NodeKind;
  if (place.kind !== kind) {
    throw badRequest(`${label}只能在${NODE_KIND_LABEL[kind]}任职，所选的“${place.name}”是${NODE_KIND_LABEL[place.kind]}`, 'nodeId');
  }
  if (place.streetId !== streetId) throw badRequest('任职节点不属于该人员所在街道', 'nodeId');
  return { nodeId: place.id, partyOrgId: null };
}

/** The permission check for changing an existing post (the same as for entering it). */
export async function requirePostKeeper(trx: Trx, user: CurrentUser, post: { node_id: number; party_org_id: number | null }) {
  if (post.party_org_id !== null) await requireRegistryAt(trx, user, post.node_id, 'party.manage', 'registry.read', '职务');
  else await requireRegistryAt(trx, user, post.node_id, 'registry.manage', 'registry.read', '职务');
}

/** Dates in order; and the same person does not hold the same role at the same body twice at once. */
export async function checkPostPeriod(
  trx: Trx,
  p: { personId: number; role: string; body: PostBody; startedOn: string; endedOn: string | null; exceptId?: number },
) {
  if (p.endedOn !== null && p.endedOn < p.startedOn) throw badRequest('离任日期不能早于任职日期', 'endedOn');
  let q = trx
    .selectFrom('post')
    .select(['id', 'started_on', 'ended_on'])
    .where('person_id', '=', p.personId)
    .where('role', '=', p.role)
    // Periods run from the start date up to (not including) the end date: a handover on one day does not overlap.
    .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>', p.startedOn)]));
  q =
    p.body.partyOrgId !== null
      ? q.where('party_org_id', '=', p.body.partyOrgId)
      : q.where('node_id', '=', p.body.nodeId).where('party_org_id', 'is', null);
  if (p.endedOn !== null) q = q.where('started_on', '<', p.endedOn);
  if (p.exceptId !== undefined) q = q.where('id', '<>', p.exceptId);
  const clash = await q.executeTakeFirst();
  if (clash) {
    throw conflict(
      `该人员在同一机构已有${POST_ROLES[p.role as PostRole]?.label ?? p.role}任职（${clash.started_on} 起${clash.ended_on ? `至 ${clash.ended_on}` : '，现任'}），任期不能重叠；如需调整请修改原任职的日期`,
    );
  }
}
