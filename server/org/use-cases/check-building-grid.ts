import { requireAt } from '../../access/scope.js';
import type { Trx } from '../../db/transaction.js';
import type { CurrentUser } from '../../http/context.js';
import { badRequest } from '../../http/errors.js';

/** A building's grid must be a grid of the estate's own street, and one the caller may manage. */
export async function checkBuildingGrid(trx: Trx, actor: CurrentUser, estateId: number, gridId: number) {
  await requireAt(trx, actor, gridId, 'org.manage', 'org.read', '网格');
  const grid = await trx.selectFrom('org_node').select(['kind']).where('id', '=', gridId).executeTakeFirstOrThrow();
  if (grid.kind !== 'grid') throw badRequest('所属网格必须是一个网格节点', 'gridId');
  const sameStreet = await trx
    .selectFrom('org_closure as a')
    .innerJoin('org_closure as b', 'a.ancestor_id', 'b.ancestor_id')
    .innerJoin('org_node as s', 's.id', 'a.ancestor_id')
    .select('s.id')
    .where('s.kind', '=', 'street')
    .where('a.descendant_id', '=', estateId)
    .where('b.descendant_id', '=', gridId)
    .executeTakeFirst();
  if (!sameStreet) throw badRequest('楼栋所属网格必须与小区在同一街道', 'gridId');
}
