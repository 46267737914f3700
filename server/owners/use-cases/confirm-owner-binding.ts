import { recordAudit } from '../../audit/record.js';
import { permissionsAt } from '../../access/scope.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict, notFound } from '../../http/errors.js';
import { bindPersons } from './bind-owner-account.js';

/**
 * Staff confirmation (现场核验): community staff who checked the owner's documents bind an account
 * to a person on the roll. Allowed where the staff member may maintain the roll of an estate in
 * which the person currently owns a unit.
 */
export async function confirmOwnerBinding(ctx: ActionContext & { actor: CurrentUser }, input: { login: string; personId: number }) {
  return inTransaction(ctx.db, async (trx) => {
    const buildings = await trx
      .selectFrom('ownership as o')
      .innerJoin('unit as u', 'u.id', 'o.unit_id')
      .select(['u.building_id'])
      .distinct()
      .where('o.person_id', '=', input.personId)
      .where('o.ended_on', 'is', null)
      .execute();
    const held = await permissionsAt(
      trx,
      ctx.actor,
      buildings.map((b) => b.building_id),
    );
    const readable = buildings.filter((b) => held.get(b.building_id)?.has('registry.read'));
    if (readable.length === 0) throw notFound('业主');
    if (!readable.some((b) => held.get(b.building_id)?.has('registry.manage')))
      throw badRequest('只能为本社区名册中的现业主确认绑定', 'personId');
    const account = await trx
      .selectFrom('account')
      .select(['id', 'username', 'disabled'])
      .where((eb) => eb.or([eb('username', '=', input.login), eb('mobile', '=', input.login)]))
      .executeTakeFirst();
    if (!account) throw badRequest(`未找到用户名或手机号为“${input.login}”的账号，请先为业主开通账号`, 'login');
    if (account.disabled) throw badRequest('该账号已停用，不能绑定', 'login');
    const existing = await trx
      .selectFrom('owner_binding')
      .select('account_id')
      .where('account_id', '=', account.id)
      .where('person_id', '=', input.personId)
      .executeTakeFirst();
    if (existing) throw conflict(`账号 ${account.username} 已绑定该业主`);
    const estates = await bindPersons(trx, account.id, [input.personId], 'staff', ctx.actor.id);
    await recordAudit(trx, ctx, {
      action: 'owner.bind',
      entityType: 'account',
      entityId: account.id,
      nodeId: estates[0] ?? null,
      after: { personIds: [input.personId], method: 'staff', estates },
    });
    return { accountId: account.id, estates };
  });
}
