import type { z } from 'zod';
import { recordAudit } from '../../audit/record.js';
import { requireAt } from '../../access/scope.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { conflict, notFound } from '../../http/errors.js';
import type { updateUnitBody } from '../schema.js';
import { unitLabel } from './create-unit.js';

/** Corrects a unit's number, floor, kind, or its area and the area's source (R2). */
export async function updateUnit(ctx: ActionContext & { actor: CurrentUser }, id: number, input: z.output<typeof updateUnitBody>) {
  return inTransaction(ctx.db, async (trx) => {
    const before = await trx.selectFrom('unit').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound('房屋');
    await requireAt(trx, ctx.actor, before.building_id, 'unit.manage', 'unit.read', '房屋');
    const entrance = input.entrance ?? before.entrance;
    const number = input.number ?? before.number;
    if (entrance !== before.entrance || number !== before.number) {
      const dup = await trx
        .selectFrom('unit')
        .select('id')
        .where('building_id', '=', before.building_id)
        .where('entrance', '=', entrance)
        .where('number', '=', number)
        .where('id', '!=', id)
        .executeTakeFirst();
      if (dup) throw conflict(`本楼栋已有${unitLabel(entrance, number)}，同一楼栋同一单元的房号不能重复`);
    }
    const after = await trx
      .updateTable('unit')
      .set({
        entrance,
        number,
        ...(input.floor !== undefined ? { floor: input.floor } : {}),
        ...(input.kind !== undefined ? { kind: input.kind } : {}),
        ...(input.area !== undefined ? { area_centi: input.area } : {}),
        ...(input.areaSource !== undefined ? { area_source: input.areaSource } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'unit.update', entityType: 'unit', entityId: id, nodeId: before.building_id, before, after });
    const building = await trx.selectFrom('org_node').select('name').where('id', '=', after.building_id).executeTakeFirstOrThrow();
    return { ...after, building_name: building.name };
  });
}
