import type { z } from 'zod';
import { recordAudit } from '../../audit/record.js';
import { hashPassword, passwordProblem } from '../../auth/password.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict } from '../../http/errors.js';
import { checkRoles } from '../check-roles.js';
import type { createAccountBody } from '../schema.js';

/** A street admin opens an account for a colleague; the first login must change the password. */
export async function createAccount(ctx: ActionContext & { actor: CurrentUser }, input: z.output<typeof createAccountBody>) {
  const problem = passwordProblem(input.password);
  if (problem) throw badRequest(`初始密码不符合要求：${problem}`, 'password');
  const passwordHash = await hashPassword(input.password);
  return inTransaction(ctx.db, async (trx) => {
    await checkRoles(trx, ctx.actor, input.roles);
    const taken = await trx
      .selectFrom('account')
      .select(['username', 'mobile'])
      .where((eb) => eb.or([eb('username', '=', input.username), ...(input.mobile ? [eb('mobile', '=', input.mobile)] : [])]))
      .executeTakeFirst();
    if (taken)
      throw conflict(taken.username === input.username ? `用户名「${input.username}」已被使用` : `手机号 ${input.mobile} 已绑定其他账号`);
    const account = await trx
      .insertInto('account')
      .values({
        username: input.username,
        display_name: input.displayName,
        mobile: input.mobile ?? null,
        password_hash: passwordHash,
        must_change_password: true,
      })
      .returning(['id', 'username', 'display_name', 'mobile'])
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('role_assignment')
      .values(input.roles.map((r) => ({ account_id: account.id, role: r.role, node_id: r.nodeId })))
      .execute();
    await recordAudit(trx, ctx, {
      action: 'account.create',
      entityType: 'account',
      entityId: account.id,
      nodeId: input.roles[0]!.nodeId,
      after: { ...account, roles: input.roles },
    });
    return account.id;
  });
}
