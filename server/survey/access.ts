import { requireAt } from '../access/scope.js';
import type { Trx } from '../db/transaction.js';
import type { CurrentUser } from '../http/context.js';
import { badRequest } from '../http/errors.js';

/** An estate the caller may classify (404 outside their reading scope, 403 without the permission). */
export async function requireEstate(actor: CurrentUser, trx: Trx, estateId: number) {
  await requireAt(trx, actor, estateId, 'classification.manage', 'governance.read', '小区');
  const n = await trx.selectFrom('org_node').select('kind').where('id', '=', estateId).executeTakeFirstOrThrow();
  if (n.kind !== 'estate') throw badRequest('分类按小区调整', 'id');
}
