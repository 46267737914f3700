import { recordAudit } from '../../audit/record.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { AppError, badRequest } from '../../http/errors.js';
import { hashPassword, passwordProblem, verifyPassword } from '../password.js';

/** The user changes their own password; their other sessions end, this one stays. */
export async function changePassword(ctx: ActionContext & { actor: CurrentUser }, current: string, next: string) {
  const problem = passwordProblem(next);
  if (problem) throw badRequest(`新密码不符合要求：${problem}`, 'newPassword');
  if (current === next) throw badRequest('新密码不能与当前密码相同', 'newPassword');
  const hash = await hashPassword(next);
  await inTransaction(ctx.db, async (trx) => {
    const account = await trx
      .selectFrom('account')
      .select(['id', 'password_hash'])
      .where('id', '=', ctx.actor.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (!(await verifyPassword(account.password_hash, current))) {
      throw new AppError(400, 'BAD_CREDENTIALS', '当前密码不正确', [{ field: 'currentPassword', message: '当前密码不正确' }]);
    }
    await trx
      .updateTable('account')
      .set({ password_hash: hash, must_change_password: false, password_changed_at: new Date() })
      .where('id', '=', account.id)
      .execute();
    await trx.deleteFrom('session').where('account_id', '=', account.id).where('id', '!=', ctx.actor.sessionId).execute();
    await recordAudit(trx, ctx, {
      action: 'account.changePassword',
      entityType: 'account',
      entityId: account.id,
      nodeId: ctx.actor.roles[0]?.nodeId ?? null,
    });
  });
}
