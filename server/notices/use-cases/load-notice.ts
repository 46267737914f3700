import type { Permission } from '../../../core/access.js';
import { requireAt } from '../../access/scope.js';
import type { Trx } from '../../db/transaction.js';
import type { CurrentUser } from '../../http/context.js';
import { notFound } from '../../http/errors.js';

/** Locks a notice for a change, after checking the caller may do `permission` where it hangs. */
export async function loadNoticeForChange(trx: Trx, actor: CurrentUser, id: number, permission: Permission) {
  const notice = await trx.selectFrom('public_notice').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!notice) throw notFound('公告');
  await requireAt(trx, actor, notice.node_id, permission, 'org.read', '公告');
  return notice;
}
