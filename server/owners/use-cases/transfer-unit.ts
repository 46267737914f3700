import type { z } from 'zod';
import { recordAudit } from '../../audit/record.js';
import { requireAt } from '../../access/scope.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest } from '../../http/errors.js';
import { identityKeys } from '../../people/identity.js';
import { loadUnit, resolveOwner, streetOf } from '../owner-ref.js';
import type { transferBody } from '../schema.js';

/**
 * A transfer (过户): every current tenure of the unit ends on the transfer date and the new
 * owners' tenures start that day, so history is kept and a vote open at that date can apply R19.
 * A developer-stock unit that is transferred is no longer developer stock (R3).
 */
export async function transferUnit(ctx: ActionContext & { actor: CurrentUser }, unitId: number, input: z.output<typeof transferBody>) {
  const keys = await identityKeys(ctx.db);
  if (input.owners.filter((o) => o.designatedVoter).length > 1) throw badRequest('一户只能指定一名表决人（R4）', 'owners');
  return inTransaction(ctx.db, async (trx) => {
    const unit = await loadUnit(trx, unitId);
    await requireAt(trx, ctx.actor, unit.building_id, 'registry.manage', 'registry.read', '房屋');
    const streetId = await streetOf(trx, unit.estate_id);
    const before = await trx.selectFrom('ownership').selectAll().where('unit_id', '=', unit.id).where('ended_on', 'is', null).execute();
    const latest = before.reduce((m, o) => (o.started_on > m ? o.started_on : m), '');
    if (latest && input.date < latest) throw badRequest(`过户日期不能早于现业主的取得日期（${latest}）`, 'date');
    const people = [];
    for (const o of input.owners) people.push({ ref: o, person: await resolveOwner(trx, keys, streetId, unit.estate_id, o) });
    if (new Set(people.map((p) => p.person.id)).size !== people.length) throw badRequest('新业主名单中有重复的人员', 'owners');
    const same = before.length === people.length && people.every((p) => before.some((b) => b.person_id === p.person.id));
    if (same) throw badRequest(`${unit.label}的业主未发生变化，无需过户`, 'owners');
    if (before.length > 0) {
      await trx
        .updateTable('ownership')
        .set({ ended_on: input.date, designated_voter: false })
        .where('unit_id', '=', unit.id)
        .where('ended_on', 'is', null)
        .execute();
    }
    const after = await trx
      .insertInto('ownership')
      .values(
        people.map(({ ref, person }) => ({
          unit_id: unit.id,
          person_id: person.id,
          basis: input.basis,
          share: ref.share ?? null,
          designated_voter: ref.designatedVoter,
          started_on: input.date,
        })),
      )
      .returningAll()
      .execute();
    if (unit.developer_stock)
      await trx.updateTable('unit').set({ developer_stock: false, updated_at: new Date() }).where('id', '=', unit.id).execute();
    await recordAudit(trx, ctx, {
      action: 'unit.transfer',
      entityType: 'unit',
      entityId: unit.id,
      nodeId: unit.building_id,
      before: { owners: before, developerStock: unit.developer_stock },
      after: { owners: after, names: people.map((p) => p.person.name), developerStock: false },
    });
    return after;
  });
}
