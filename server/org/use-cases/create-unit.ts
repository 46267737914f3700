import type { z } from 'zod';
import { recordAudit } from '../../audit/record.js';
import { requireAt } from '../../access/scope.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict } from '../../http/errors.js';
import type { createUnitBody } from '../schema.js';

const unitLabel = (entrance: string, number: string) => (entrance ? `${entrance}${number}室` : `${number}室`);

/** Adds a unit (专有部分) with its area and the area's source (R2) to a building. */
export async function createUnit(ctx: ActionContext & { actor: CurrentUser }, input: z.output<typeof createUnitBody>) {
  return inTransaction(ctx.db, async (trx) => {
    await requireAt(trx, ctx.actor, input.buildingId, 'unit.manage', 'org.read', '楼栋');
    const building = await trx
      .selectFrom('org_node')
      .select(['id', 'kind', 'parent_id', 'name'])
      .where('id', '=', input.buildingId)
      .executeTakeFirstOrThrow();
    if (building.kind !== 'building') throw badRequest('房屋只能建在楼栋之下', 'buildingId');
    const dup = await trx
      .selectFrom('unit')
      .select('id')
      .where('building_id', '=', building.id)
      .where('entrance', '=', input.entrance)
      .where('number', '=', input.number)
      .executeTakeFirst();
    if (dup) throw conflict(`${building.name}已有${unitLabel(input.entrance, input.number)}，同一楼栋同一单元的房号不能重复`);
    const unit = await trx
      .insertInto('unit')
      .values({
        estate_id: building.parent_id!,
        building_id: building.id,
        entrance: input.entrance,
        floor: input.floor,
        number: input.number,
        kind: input.kind,
        area_centi: input.area,
        area_source: input.areaSource,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'unit.create', entityType: 'unit', entityId: unit.id, nodeId: building.id, after: unit });
    return { ...unit, building_name: building.name };
  });
}

export { unitLabel };
