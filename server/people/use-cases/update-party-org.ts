import { sql } from 'kysely';
import type { z } from 'zod';
import { recordAudit } from '../../audit/record.js';
import { inRegistryScope, requireRegistryAt } from '../../access/scope.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, notFound } from '../../http/errors.js';
import { placeOf } from '../places.js';
import type { updatePartyOrgBody } from '../schema.js';
import { checkPartyOrgPlacement } from './party-org-rules.js';

/** Renames a party organisation, or moves it to another parent or node (same rules as setting it up). */
export async function updatePartyOrg(ctx: ActionContext & { actor: CurrentUser }, id: number, input: z.output<typeof updatePartyOrgBody>) {
  return inTransaction(ctx.db, async (trx) => {
    const before = await trx
      .selectFrom('party_org as o')
      .selectAll('o')
      .where('o.id', '=', id)
      .where(inRegistryScope(ctx.actor, 'registry.read', sql.ref('o.node_id')))
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound('党组织');
    await requireRegistryAt(trx, ctx.actor, before.node_id, 'party.manage', 'registry.read', '党组织');
    const nodeId = input.nodeId ?? before.node_id;
    if (nodeId !== before.node_id) {
      await requireRegistryAt(trx, ctx.actor, nodeId, 'party.manage', 'registry.read', '所在节点');
      const posts = await trx.selectFrom('post').select('id').where('party_org_id', '=', id).executeTakeFirst();
      if (posts) throw badRequest('该党组织已有任职记录，不能改到其他节点；请新设党组织', 'nodeId');
    }
    const place = await placeOf(trx, nodeId, '所在节点');
    if (place.streetId !== before.street_id) throw badRequest('党组织不能移到其他街道', 'nodeId');
    const parentId = input.parentId !== undefined ? input.parentId : before.parent_id;
    const name = input.name ?? before.name;
    await checkPartyOrgPlacement(trx, ctx.actor, { id, kind: before.kind, place, parentId, name });
    const after = await trx
      .updateTable('party_org')
      .set({ name, parent_id: parentId, node_id: nodeId, updated_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'partyOrg.update', entityType: 'party_org', entityId: id, nodeId: after.node_id, before, after });
    return after;
  });
}
