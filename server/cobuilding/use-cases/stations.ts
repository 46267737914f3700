import { recordAudit } from '../../audit/record.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { notFound } from '../../http/errors.js';
import { strx, sdb } from '../../tickets/tables.js';
import { communityOf, requireNode } from '../scope.js';

export interface StationInput {
  name: string;
  place: string;
  openingHours: string;
  active?: boolean;
}

/** A service point (红色益站, 公益性用房) at a grid or an estate, with its opening hours (seed item 1). */
export async function createStation(ctx: ActionContext & { actor: CurrentUser }, nodeId: number, input: StationInput) {
  await requireNode(ctx.db, ctx.actor, nodeId, 'service.manage', ['grid', 'estate'], '网格或小区');
  const communityId = await communityOf(ctx.db, nodeId);
  return inTransaction(ctx.db, async (trx) => {
    const row = await strx(trx)
      .insertInto('station')
      .values({ node_id: nodeId, community_id: communityId, name: input.name, place: input.place, opening_hours: input.openingHours })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'station.create', entityType: 'station', entityId: row.id, nodeId, after: input });
    return row;
  });
}

export async function updateStation(ctx: ActionContext & { actor: CurrentUser }, stationId: number, input: StationInput) {
  const st = await sdb(ctx.db).selectFrom('station').selectAll().where('id', '=', stationId).executeTakeFirst();
  if (!st) throw notFound('服务站点');
  await requireNode(ctx.db, ctx.actor, st.node_id, 'service.manage', ['grid', 'estate'], '服务站点');
  await inTransaction(ctx.db, async (trx) => {
    await strx(trx)
      .updateTable('station')
      .set({
        name: input.name,
        place: input.place,
        opening_hours: input.openingHours,
        ...(input.active !== undefined ? { active: input.active } : {}),
      })
      .where('id', '=', stationId)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'station.update',
      entityType: 'station',
      entityId: stationId,
      nodeId: st.node_id,
      before: st,
      after: input,
    });
  });
}
