import { sql } from 'kysely';
import type { z } from 'zod';
import { recordAudit } from '../../audit/record.js';
import { inRegistryScope, PERMISSION_LABEL, registryPermissionsAt } from '../../access/scope.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { conflict, forbidden, notFound } from '../../http/errors.js';
import type { Updateable } from 'kysely';
import type { PersonTable } from '../../db/schema.js';
import { identityKeys } from '../identity.js';
import { personColumns } from '../person-store.js';
import type { updatePersonBody } from '../schema.js';
import { checkPartyMembership } from './check-party-membership.js';
import { auditView } from './create-person.js';

const PARTY_FIELDS = new Set(['partyStatus', 'partyOrgId']);

/**
 * Corrects a person. Keepers of the registry change anything; the party office (party.manage)
 * changes only the party fields (政治面貌, 所属党组织). Setting someone to 非党员 clears the
 * organisation.
 */
export async function updatePerson(ctx: ActionContext & { actor: CurrentUser }, id: number, input: z.output<typeof updatePersonBody>) {
  const keys = await identityKeys(ctx.db);
  return inTransaction(ctx.db, async (trx) => {
    const before = await trx
      .selectFrom('person as p')
      .selectAll('p')
      .where('p.id', '=', id)
      .where(inRegistryScope(ctx.actor, 'registry.read', sql.ref('p.node_id')))
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound('人员');
    const held = await registryPermissionsAt(trx, ctx.actor, before.node_id);
    const fields = Object.keys(input).filter((k) => input[k as keyof typeof input] !== undefined);
    const partyOnly = fields.every((f) => PARTY_FIELDS.has(f));
    if (!held.has('registry.manage') && !(partyOnly && held.has('party.manage'))) {
      throw forbidden(
        held.has('party.manage')
          ? '党群办只能修改政治面貌和所属党组织；其他信息请由社区或街道维护人员修改'
          : `您没有在此范围内执行该操作的权限（需要：${PERMISSION_LABEL['registry.manage']}）`,
      );
    }

    const changes: Updateable<PersonTable> = {};
    if (input.name !== undefined) changes.name = input.name;
    if (input.occupation !== undefined) changes.occupation = input.occupation || null;
    if (input.address !== undefined) changes.address = input.address || null;
    if (input.tags !== undefined) changes.tags = JSON.stringify(input.tags);
    if (input.idNumber !== undefined || input.mobile !== undefined) {
      // Same validation as registration (check digit, birth date, mobile form).
      const cols = personColumns(keys, {
        streetId: before.street_id,
        nodeId: before.node_id,
        kind: before.kind,
        name: before.name,
        idNumber: input.idNumber ?? null,
        mobile: input.mobile ?? null,
      });
      if (input.idNumber !== undefined) {
        if (cols.id_hash) {
          const dup = await trx
            .selectFrom('person')
            .select(['id', 'name'])
            .where('street_id', '=', before.street_id)
            .where('id_hash', '=', cols.id_hash)
            .where('id', '<>', id)
            .executeTakeFirst();
          if (dup) throw conflict(`证件号码已登记在“${dup.name}”名下（人员编号 ${dup.id}），同一街道不能重复登记`);
        }
        // The same number kept: leave the stored cipher as it is.
        if (cols.id_hash !== before.id_hash) {
          changes.id_hash = cols.id_hash;
          changes.id_cipher = cols.id_cipher;
          changes.id_masked = cols.id_masked;
          changes.birth_date = cols.birth_date;
        }
      }
      if (input.mobile !== undefined) changes.mobile = cols.mobile;
    }
    const partyStatus = input.partyStatus ?? before.party_status;
    let partyOrgId = input.partyOrgId !== undefined ? input.partyOrgId : before.party_org_id;
    if (partyStatus === 'none' && input.partyOrgId === undefined) partyOrgId = null;
    if (partyStatus !== before.party_status || partyOrgId !== before.party_org_id) {
      if (partyOrgId !== before.party_org_id || partyStatus === 'none')
        await checkPartyMembership(trx, ctx.actor, before.street_id, partyStatus, partyOrgId);
      changes.party_status = partyStatus;
      changes.party_org_id = partyOrgId;
    }
    if (Object.keys(changes).length === 0) return before;
    const after = await trx
      .updateTable('person')
      .set({ ...changes, updated_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'person.update',
      entityType: 'person',
      entityId: id,
      nodeId: after.node_id,
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  });
}
