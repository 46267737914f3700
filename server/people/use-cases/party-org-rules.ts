import { sql } from 'kysely';
import { NODE_KIND_LABEL, type NodeKind } from '../../../core/org.js';
import { PARTY_ORG_CHILD_KINDS, PARTY_ORG_KIND_LABEL, type PartyOrgKind } from '../../../core/registry.js';
import { inRegistryScope } from '../../access/scope.js';
import type { Trx } from '../../db/transaction.js';
import type { CurrentUser } from '../../http/context.js';
import { badRequest, conflict, notFound } from '../../http/errors.js';
import type { Place } from '../places.js';

/** Where each kind of party organisation sits: 社区党委/党总支, 网格（或企业）党支部, 楼栋党小组. */
export const PARTY_ORG_NODE_KINDS: Record<PartyOrgKind, readonly NodeKind[]> = {
  committee: ['community', 'street'],
  generalBranch: ['community', 'street'],
  branch: ['grid', 'company', 'community'],
  group: ['building', 'grid'],
};

export async function checkPartyOrgPlacement(
  trx: Trx,
  user: CurrentUser,
  p: { id?: number; kind: PartyOrgKind; place: Place; parentId: number | null; name: string },
) {
  const label = PARTY_ORG_KIND_LABEL[p.kind];
  const allowed = PARTY_ORG_NODE_KINDS[p.kind];
  if (!allowed.includes(p.place.kind)) {
    throw badRequest(
      `${label}应设在${allowed.map((k) => NODE_KIND_LABEL[k]).join('或')}，所选的“${p.place.name}”是${NODE_KIND_LABEL[p.place.kind]}`,
      'nodeId',
    );
  }
  if (p.parentId === null) {
    if (p.kind === 'group') throw badRequest('党小组须设在党支部之下，请选择上级党支部', 'parentId');
  } else {
    const parent = await trx
      .selectFrom('party_org as o')
      .select(['o.id', 'o.kind', 'o.name', 'o.node_id', 'o.street_id'])
      .where('o.id', '=', p.parentId)
      .where(inRegistryScope(user, 'registry.read', sql.ref('o.node_id')))
      .executeTakeFirst();
    if (!parent) throw notFound('上级党组织');
    const childKinds = PARTY_ORG_CHILD_KINDS[parent.kind];
    if (!childKinds.includes(p.kind)) {
      throw badRequest(
        childKinds.length
          ? `${PARTY_ORG_KIND_LABEL[parent.kind]}之下只能设${childKinds.map((k) => PARTY_ORG_KIND_LABEL[k]).join('或')}，不能设${label}`
          : `${PARTY_ORG_KIND_LABEL[parent.kind]}之下不再设下级党组织`,
        'kind',
      );
    }
    if (parent.street_id !== p.place.streetId) throw badRequest('上级党组织不在同一街道', 'parentId');
    // An admin node must lie under the parent's node (a company sits outside the admin tree).
    if (p.place.kind !== 'company') {
      const under = await trx
        .selectFrom('org_closure')
        .select('depth')
        .where('ancestor_id', '=', parent.node_id)
        .where('descendant_id', '=', p.place.id)
        .executeTakeFirst();
      if (!under) throw badRequest(`所选节点“${p.place.name}”不在上级党组织“${parent.name}”的范围内`, 'nodeId');
    }
    if (p.id !== undefined) {
      // No cycles: the new parent must not be the organisation itself or one of its descendants.
      let at: number | null = parent.id;
      while (at !== null) {
        if (at === p.id) throw badRequest('不能把党组织移到它自己或它的下级之下', 'parentId');
        const up: { parent_id: number | null } | undefined = await trx
          .selectFrom('party_org')
          .select('parent_id')
          .where('id', '=', at)
          .executeTakeFirst();
        at = up?.parent_id ?? null;
      }
    }
  }
  let dup = trx.selectFrom('party_org').select('id').where('street_id', '=', p.place.streetId).where('name', '=', p.name);
  if (p.id !== undefined) dup = dup.where('id', '<>', p.id);
  if (await dup.executeTakeFirst()) throw conflict(`本街道已有名为“${p.name}”的党组织，请换一个名称`);
}
