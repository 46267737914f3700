import { sql } from 'kysely';
import { inRegistryScope } from '../../access/scope.js';
import type { PartyStatus } from '../../../core/registry.js';
import type { Trx } from '../../db/transaction.js';
import type { CurrentUser } from '../../http/context.js';
import { badRequest, notFound } from '../../http/errors.js';

/** A party organisation of a person must be one the caller can see, in the person's street, and only for party members. */
export async function checkPartyMembership(
  trx: Trx,
  user: CurrentUser,
  streetId: number,
  partyStatus: PartyStatus,
  partyOrgId: number | null,
): Promise<void> {
  if (partyOrgId === null) return;
  if (partyStatus === 'none') throw badRequest('非党员不能填写所属党组织；请先把政治面貌改为正式党员或预备党员', 'partyOrgId');
  const org = await trx
    .selectFrom('party_org as o')
    .select(['o.id', 'o.street_id'])
    .where('o.id', '=', partyOrgId)
    .where(inRegistryScope(user, 'registry.read', sql.ref('o.node_id')))
    .executeTakeFirst();
  if (!org) throw notFound('党组织');
  if (org.street_id !== streetId) throw badRequest('所选党组织不属于该人员所在街道', 'partyOrgId');
}
