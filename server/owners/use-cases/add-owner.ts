import type { z } from 'zod';
import { recordAudit } from '../../audit/record.js';
import { requireAt } from '../../access/scope.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { conflict } from '../../http/errors.js';
import { identityKeys } from '../../people/identity.js';
import { loadUnit, resolveOwner, streetOf } from '../owner-ref.js';
import type { addOwnerBody } from '../schema.js';

/** Adds an owner (or a co-owner, R4) to a unit's current owners. */
export async function addOwner(ctx: ActionContext & { actor: CurrentUser }, unitId: number, input: z.output<typeof addOwnerBody>) {
  const keys = await identityKeys(ctx.db);
  return inTransaction(ctx.db, async (trx) => {
    const unit = await loadUnit(trx, unitId);
    await requireAt(trx, ctx.actor, unit.building_id, 'registry.manage', 'registry.read', '房屋');
    const person = await resolveOwner(trx, keys, await streetOf(trx, unit.estate_id), unit.estate_id, input.owner);
    const already = await trx
      .selectFrom('ownership')
      .select('id')
      .where('unit_id', '=', unit.id)
      .where('person_id', '=', person.id)
      .where('ended_on', 'is', null)
      .executeTakeFirst();
    if (already) throw conflict(`${person.name}已是${unit.label}的业主，无需重复登记`);
    if (input.owner.designatedVoter) {
      // R4: one designated voter per unit; naming a new one replaces the old designation.
      await trx
        .updateTable('ownership')
        .set({ designated_voter: false })
        .where('unit_id', '=', unit.id)
        .where('ended_on', 'is', null)
        .execute();
    }
    const row = await trx
      .insertInto('ownership')
      .values({
        unit_id: unit.id,
        person_id: person.id,
        basis: input.basis,
        share: input.owner.share ?? null,
        designated_voter: input.owner.designatedVoter,
        started_on: input.startedOn,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'ownership.create',
      entityType: 'unit',
      entityId: unit.id,
      nodeId: unit.building_id,
      after: { ...row, person_name: person.name },
    });
    return row;
  });
}
