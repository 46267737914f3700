import { recordAudit } from '../../audit/record.js';
import { hashPassword, passwordProblem } from '../../auth/password.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, notFound } from '../../http/errors.js';
import { listManagedAccounts } from '../queries.js';

/**
 * An administrator sets a new password for someone who forgot theirs: all of that account's
 * sessions end, a lockout is lifted, and the next login must change the password.
 */
export async function resetPassword(ctx: ActionContext & { actor: CurrentUser }, id: number, password: string) {
  const problem = passwordProblem(password);
  if (problem) throw badRequest(`新密码不符合要求：${problem}`, 'password');
  if (id === ctx.actor.id) throw badRequest('请通过「修改密码」修改自己的密码');
  const hash = await hashPassword(password);
  await inTransaction(ctx.db, async (trx) => {
    const [account] = await listManagedAccounts(trx, ctx.actor, id);
    if (!account) throw notFound('账号');
    await trx
      .updateTable('account')
      .set({ password_hash: hash, must_change_password: true, password_changed_at: new Date() })
      .where('id', '=', id)
      .execute();
    await trx.deleteFrom('session').where('account_id', '=', id).execute();
    await trx
      .insertInto('login_attempt')
      .values({ login: account.username, ip: ctx.ip ?? '', success: true })
      .execute();
    await recordAudit(trx, ctx, {
      action: 'account.resetPassword',
      entityType: 'account',
      entityId: id,
      nodeId: account.roles[0]?.nodeId ?? null,
    });
  });
}
