import type { z } from 'zod';
import { recordAudit } from '../../audit/record.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict, notFound } from '../../http/errors.js';
import { checkRoles } from '../check-roles.js';
import { listManagedAccounts } from '../queries.js';
import type { updateAccountBody } from '../schema.js';

/** Edits a managed account: name, mobile, posts; disabling it also ends its sessions. */
export async function updateAccount(ctx: ActionContext & { actor: CurrentUser }, id: number, input: z.output<typeof updateAccountBody>) {
  return inTransaction(ctx.db, async (trx) => {
    const [before] = await listManagedAccounts(trx, ctx.actor, id);
    if (!before) throw notFound('账号');
    if (id === ctx.actor.id && (input.disabled || input.roles)) throw badRequest('不能停用自己的账号或修改自己的角色，请由其他管理员操作');
    if (input.roles) await checkRoles(trx, ctx.actor, input.roles);
    if (input.mobile) {
      const taken = await trx
        .selectFrom('account')
        .select('id')
        .where('mobile', '=', input.mobile)
        .where('id', '!=', id)
        .executeTakeFirst();
      if (taken) throw conflict(`手机号 ${input.mobile} 已绑定其他账号`);
    }
    const changes = {
      ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
      ...(input.mobile !== undefined ? { mobile: input.mobile } : {}),
      ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
    };
    if (Object.keys(changes).length > 0) await trx.updateTable('account').set(changes).where('id', '=', id).execute();
    if (input.roles) {
      await trx.deleteFrom('role_assignment').where('account_id', '=', id).execute();
      await trx
        .insertInto('role_assignment')
        .values(input.roles.map((r) => ({ account_id: id, role: r.role, node_id: r.nodeId })))
        .execute();
    }
    if (input.disabled || input.roles) await trx.deleteFrom('session').where('account_id', '=', id).execute();
    const [after] = await listManagedAccounts(trx, ctx.actor, id);
    await recordAudit(trx, ctx, {
      action: 'account.update',
      entityType: 'account',
      entityId: id,
      nodeId: (after ?? before).roles[0]?.nodeId ?? null,
      before,
      after,
    });
    if (!after) throw badRequest('修改后该账号将超出您的管理范围，请检查角色');
    return after;
  });
}
