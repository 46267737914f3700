import type { z } from 'zod';
import { recordAudit } from '../../audit/record.js';
import { requireRegistryAt } from '../../access/scope.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { placeOf } from '../places.js';
import type { createPartyOrgBody } from '../schema.js';
import { checkPartyOrgPlacement } from './party-org-rules.js';

/** Sets up a party organisation in the tree parallel to the admin tree (社区党委 → 网格党支部 → 楼栋党小组). */
export async function createPartyOrg(ctx: ActionContext & { actor: CurrentUser }, input: z.output<typeof createPartyOrgBody>) {
  return inTransaction(ctx.db, async (trx) => {
    await requireRegistryAt(trx, ctx.actor, input.nodeId, 'party.manage', 'registry.read', '所在节点');
    const place = await placeOf(trx, input.nodeId, '所在节点');
    const parentId = input.parentId ?? null;
    await checkPartyOrgPlacement(trx, ctx.actor, { kind: input.kind, place, parentId, name: input.name });
    const org = await trx
      .insertInto('party_org')
      .values({ street_id: place.streetId, parent_id: parentId, kind: input.kind, name: input.name, node_id: place.id })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'partyOrg.create', entityType: 'party_org', entityId: org.id, nodeId: org.node_id, after: org });
    return org;
  });
}
