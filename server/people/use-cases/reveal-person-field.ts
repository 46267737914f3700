import { sql } from 'kysely';
import { recordAudit } from '../../audit/record.js';
import { inRegistryScope, requireRegistryAt } from '../../access/scope.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, notFound } from '../../http/errors.js';
import { identityKeys } from '../identity.js';
import { REVEAL_PERMISSION } from '../person-store.js';

/**
 * The full mobile (contact.reveal) or ID number (idNumber.reveal: the street admin only) of one
 * person. Every view writes an audit entry naming the field, never the value.
 */
export async function revealPersonField(ctx: ActionContext & { actor: CurrentUser }, id: number, field: 'mobile' | 'idNumber') {
  const keys = await identityKeys(ctx.db);
  return inTransaction(ctx.db, async (trx) => {
    const person = await trx
      .selectFrom('person as p')
      .select(['p.id', 'p.node_id', 'p.mobile', 'p.id_cipher'])
      .where('p.id', '=', id)
      .where(inRegistryScope(ctx.actor, 'registry.read', sql.ref('p.node_id')))
      .executeTakeFirst();
    if (!person) throw notFound('人员');
    await requireRegistryAt(trx, ctx.actor, person.node_id, REVEAL_PERMISSION[field], 'registry.read', '人员');
    let value: string;
    if (field === 'mobile') {
      if (!person.mobile) throw badRequest('该人员未登记手机号', 'field');
      value = person.mobile;
    } else {
      if (!person.id_cipher) throw badRequest('该人员未登记身份证号', 'field');
      value = keys.decrypt(person.id_cipher);
    }
    await recordAudit(trx, ctx, { action: 'person.reveal', entityType: 'person', entityId: id, nodeId: person.node_id, after: { field } });
    return { value };
  });
}
