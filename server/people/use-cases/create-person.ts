import type { z } from 'zod';
import { recordAudit } from '../../audit/record.js';
import { requireRegistryAt } from '../../access/scope.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { identityKeys } from '../identity.js';
import { insertPerson } from '../person-store.js';
import { placeOf } from '../places.js';
import type { createPersonBody } from '../schema.js';
import { checkPartyMembership } from './check-party-membership.js';

/**
 * Registers a person at a node of the caller's scope (street, community, grid, estate, building or
 * a registered property company). The street is the node's; the ID number is validated (check
 * digit, birth date) and a number already on the street's registry is refused naming its holder.
 */
export async function createPerson(ctx: ActionContext & { actor: CurrentUser }, input: z.output<typeof createPersonBody>) {
  // On PGlite the single connection belongs to the transaction once it opens: keys first.
  const keys = await identityKeys(ctx.db);
  return inTransaction(ctx.db, async (trx) => {
    await requireRegistryAt(trx, ctx.actor, input.nodeId, 'registry.manage', 'registry.read', '登记节点');
    const place = await placeOf(trx, input.nodeId, '登记节点');
    const partyStatus = input.partyStatus ?? 'none';
    await checkPartyMembership(trx, ctx.actor, place.streetId, partyStatus, input.partyOrgId ?? null);
    const person = await insertPerson(trx, keys, {
      streetId: place.streetId,
      nodeId: place.id,
      name: input.name,
      idNumber: input.idNumber ?? null,
      mobile: input.mobile ?? null,
      partyStatus,
      partyOrgId: input.partyOrgId ?? null,
      tags: input.tags ?? [],
      occupation: input.occupation || null,
      address: input.address || null,
    });
    await recordAudit(trx, ctx, {
      action: 'person.create',
      entityType: 'person',
      entityId: person.id,
      nodeId: person.node_id,
      after: auditView(person),
    });
    return person;
  });
}

/** What an audit entry keeps of a person: never the ID number, its cipher or hash, nor the full mobile. */
export function auditView(p: {
  name: string;
  node_id: number;
  id_masked: string | null;
  mobile: string | null;
  party_status: string;
  party_org_id: number | null;
  tags: unknown;
  occupation: string | null;
  address: string | null;
}) {
  return {
    name: p.name,
    nodeId: p.node_id,
    idNumberMasked: p.id_masked,
    mobileMasked: p.mobile ? `${p.mobile.slice(0, 3)}****${p.mobile.slice(-4)}` : null,
    partyStatus: p.party_status,
    partyOrgId: p.party_org_id,
    tags: p.tags,
    occupation: p.occupation,
    address: p.address,
  };
}
