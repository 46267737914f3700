import type { z } from 'zod';
import { validateIdNumber, validateUscc } from '../../core/identity.js';
import type { Trx } from '../db/transaction.js';
import { badRequest, notFound } from '../http/errors.js';
import type { IdentityKeys } from '../people/identity.js';
import { findPersonByIdNumber, insertPerson } from '../people/person-store.js';
import type { ownerPersonInput } from './schema.js';

/** The street a node belongs to (its street ancestor in the closure). */
export async function streetOf(trx: Trx, nodeId: number): Promise<number> {
  const row = await trx
    .selectFrom('org_closure as c')
    .innerJoin('org_node as n', 'n.id', 'c.ancestor_id')
    .select('n.id')
    .where('c.descendant_id', '=', nodeId)
    .where('n.kind', '=', 'street')
    .executeTakeFirst();
  if (!row) throw badRequest('该节点不在任何街道之下');
  return row.id;
}

/** A unit with the building and estate it belongs to; 404 wording when it does not exist. */
export async function loadUnit(trx: Trx, unitId: number) {
  const unit = await trx
    .selectFrom('unit as u')
    .innerJoin('org_node as b', 'b.id', 'u.building_id')
    .select(['u.id', 'u.estate_id', 'u.building_id', 'u.entrance', 'u.number', 'u.developer_stock', 'b.name as building_name'])
    .where('u.id', '=', unitId)
    .executeTakeFirst();
  if (!unit) throw notFound('房屋');
  return { ...unit, label: `${unit.building_name}${unit.entrance}${unit.number}室` };
}

/**
 * The person an owner entry refers to: an existing person of the same street, or a new one
 * registered at the estate — matched first by ID number, so one owner of several units is one
 * person (R3) and re-entering an owner does not duplicate them.
 */
export async function resolveOwner(
  trx: Trx,
  keys: IdentityKeys,
  streetId: number,
  estateId: number,
  ref: { personId?: number | undefined; person?: z.output<typeof ownerPersonInput> | undefined },
): Promise<{ id: number; name: string }> {
  if (ref.personId != null) {
    const p = await trx.selectFrom('person').select(['id', 'name', 'street_id']).where('id', '=', ref.personId).executeTakeFirst();
    if (!p || p.street_id !== streetId) throw badRequest(`人员编号 ${ref.personId} 不在本街道的人员登记中`, 'personId');
    return p;
  }
  const input = ref.person!;
  const checked = input.kind === 'organisation' ? validateUscc(input.idNumber) : validateIdNumber(input.idNumber);
  if (!checked.ok) throw badRequest(`${input.name}：${checked.message}`, 'idNumber');
  const normalised = typeof checked.value === 'string' ? checked.value : checked.value.idNumber;
  const existing = await findPersonByIdNumber(trx, keys, streetId, normalised);
  if (existing) {
    if (existing.name !== input.name)
      throw badRequest(`证件号码已登记在“${existing.name}”名下，与填写的姓名“${input.name}”不符，请核对`, 'idNumber');
    return existing;
  }
  return insertPerson(trx, keys, {
    streetId,
    nodeId: estateId,
    kind: input.kind,
    name: input.name,
    idNumber: normalised,
    mobile: input.mobile ?? null,
  });
}
