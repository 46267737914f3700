import { sql } from 'kysely';
import { isStaffRole, ROLE_LABEL, type Role } from '../../../core/access.js';
import { recordAudit } from '../../audit/record.js';
import { inScope, permissionsAt } from '../../access/scope.js';
import { inTransaction, type Trx } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict, notFound } from '../../http/errors.js';
import { notify } from '../../notifications/notify.js';
import { bindPersons } from './bind-owner-account.js';

/**
 * Staff confirmation (现场核验): community staff who checked the owner's documents bind an account
 * to a person on the roll. Allowed where the staff member may maintain the roll of an estate in
 * which the person currently owns a unit, and only for an owner's account within the staff
 * member's reach: never their own, never one that holds a staff role, never one of another street
 * (issue 13 — a binding is an owner's ballot: online prevails by default, so a wrong binding would
 * supersede the owner's paper ballot). The owner hears of every binding on every channel they have:
 * in the app, on each account bound to them, and by SMS to the mobile on the roll. Returns the
 * outbound messages, sent by the caller after the commit.
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
    await refuseAccount(trx, ctx.actor, account);
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
    const outbound = await tellOwner(trx, input.personId, account.username, ctx.actor.displayName);
    return { accountId: account.id, estates, outbound };
  });
}

/** The account may be bound by this staff member: an owner's own account within their reach. */
async function refuseAccount(trx: Trx, actor: CurrentUser, account: { id: number; username: string; disabled: boolean }) {
  if (account.disabled) throw badRequest('该账号已停用，不能绑定', 'login');
  if (account.id === actor.id)
    throw badRequest('不能为自己的账号确认绑定：业主账号须由业主本人使用，现场核验由工作人员为业主办理', 'login');
  const roles = await trx
    .selectFrom('role_assignment as ra')
    .select(['ra.role', 'ra.node_id'])
    .select((eb) => sql<boolean>`${inScope(actor, 'registry.manage', eb.ref('ra.node_id'))}`.as('reachable'))
    .where('ra.account_id', '=', account.id)
    .execute();
  const staff = roles.find((r) => isStaffRole(r.role as Role));
  if (staff)
    throw badRequest(
      `账号 ${account.username} 担任${ROLE_LABEL[staff.role as Role]}，不能绑定为业主账号：工作人员的账号不能代业主投票；工作人员本人是业主的，请另开业主账号`,
      'login',
    );
  // An owner's account is opened at an estate (owner role): it must lie where this staff member keeps the roll.
  if (roles.length === 0 || roles.some((r) => !r.reachable))
    throw badRequest(`账号 ${account.username} 不在您的管理范围内（不是本社区小区的业主账号），不能为其确认绑定`, 'login');
}

/** In-app notices to every account bound to the owner, and an SMS to the mobile on the roll. */
async function tellOwner(trx: Trx, personId: number, username: string, by: string) {
  const person = await trx.selectFrom('person').select(['name', 'mobile']).where('id', '=', personId).executeTakeFirstOrThrow();
  const bound = await trx.selectFrom('owner_binding').select('account_id').where('person_id', '=', personId).execute();
  const note = {
    title: '您的业主身份已绑定账号',
    body: `${person.name}：工作人员${by}经现场核验，已将账号 ${username} 绑定到您在业主名册中的身份，该账号可以代表您投票。如非您本人办理，请立即联系社区。`,
    link: '/my-units',
  };
  const messages = await notify(
    trx,
    bound.map((b) => b.account_id),
    note,
  );
  if (person.mobile && !messages.some((m) => m.mobile === person.mobile))
    messages.push({ accountId: 0, mobile: person.mobile, title: note.title, body: note.body });
  return messages;
}
