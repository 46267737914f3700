import { sql } from 'kysely';
import { validateIdNumber, validateMobile } from '../../../core/identity.js';
import { recordAudit } from '../../audit/record.js';
import { inTransaction, type Trx } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { AppError, badRequest, forbidden } from '../../http/errors.js';
import { isStaffRole, ROLE_LABEL } from '../../../core/access.js';
import { identityKeys } from '../../people/identity.js';

const MAX_FAILURES = 5;
const WINDOW_MINUTES = 60;

/**
 * Binds an owner account to the roll by verification, never by self-declaration (issue 3): the
 * ID number must match a person on the roll (by keyed hash) whose registered mobile is the one
 * given, and who currently owns a unit. Failed attempts are counted: five in an hour lock the
 * check, so the form cannot be used to probe who owns what.
 */
export async function bindOwnerAccount(ctx: ActionContext & { actor: CurrentUser }, input: { idNumber: string; mobile: string }) {
  // issue 13: a staff account is never an owner's (it could then cast the owner's ballot)
  const staff = ctx.actor.roles.find((r) => isStaffRole(r.role));
  if (staff) throw forbidden(`此账号担任${ROLE_LABEL[staff.role]}，不能绑定为业主账号：工作人员本人是业主的，请另开业主账号后再核验绑定`);
  const id = validateIdNumber(input.idNumber);
  if (!id.ok) throw badRequest(id.message, 'idNumber');
  const mobile = validateMobile(input.mobile);
  if (!mobile.ok) throw badRequest(mobile.message, 'mobile');
  const keys = await identityKeys(ctx.db);
  const attemptKey = `bind:${ctx.actor.id}`;
  const failures = await ctx.db
    .selectFrom('login_attempt')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('login', '=', attemptKey)
    .where('success', '=', false)
    .where('at', '>', sql<Date>`now() - make_interval(mins => ${WINDOW_MINUTES})`)
    .executeTakeFirstOrThrow();
  if (Number(failures.n) >= MAX_FAILURES)
    throw new AppError(429, 'TOO_MANY_ATTEMPTS', `核验失败次数过多，请${WINDOW_MINUTES}分钟后再试，或携带身份证到社区办理绑定`);

  const matches = await ctx.db
    .selectFrom('person as p')
    .select(['p.id', 'p.name', 'p.mobile'])
    .where('p.id_hash', '=', keys.hash(id.value.idNumber))
    .where('p.kind', '=', 'natural')
    .where((eb) =>
      eb.exists(eb.selectFrom('ownership as o').select('o.id').whereRef('o.person_id', '=', 'p.id').where('o.ended_on', 'is', null)),
    )
    .execute();
  const verified = matches.filter((p) => p.mobile === mobile.value);
  if (verified.length === 0) {
    await ctx.db
      .insertInto('login_attempt')
      .values({ login: attemptKey, ip: ctx.ip ?? '', success: false })
      .execute();
    throw badRequest(
      '未在业主名册中找到与该身份证号和手机号相符的现业主。请核对后重试；如名册中的手机号有误，请联系社区工作人员更正或现场核验绑定',
    );
  }
  return inTransaction(ctx.db, async (trx) => {
    const estates = await bindPersons(
      trx,
      ctx.actor.id,
      verified.map((p) => p.id),
      'idMobile',
      null,
    );
    await trx
      .insertInto('login_attempt')
      .values({ login: attemptKey, ip: ctx.ip ?? '', success: true })
      .execute();
    await recordAudit(trx, ctx, {
      action: 'owner.bind',
      entityType: 'account',
      entityId: ctx.actor.id,
      nodeId: estates[0] ?? null,
      after: { personIds: verified.map((p) => p.id), method: 'idMobile', estates },
    });
    return { personIds: verified.map((p) => p.id), estates };
  });
}

/**
 * Records the bindings and gives the account the owner role at each estate where the persons
 * currently own a unit. Returns those estates.
 */
export async function bindPersons(
  trx: Trx,
  accountId: number,
  personIds: number[],
  method: 'idMobile' | 'staff',
  verifiedBy: number | null,
) {
  await trx
    .insertInto('owner_binding')
    .values(personIds.map((person_id) => ({ account_id: accountId, person_id, method, verified_by: verifiedBy })))
    .onConflict((oc) => oc.columns(['account_id', 'person_id']).doNothing())
    .execute();
  const estates = await trx
    .selectFrom('ownership as o')
    .innerJoin('unit as u', 'u.id', 'o.unit_id')
    .select('u.estate_id')
    .distinct()
    .where('o.person_id', 'in', personIds)
    .where('o.ended_on', 'is', null)
    .execute();
  const ids = estates.map((e) => e.estate_id);
  if (ids.length > 0)
    await trx
      .insertInto('role_assignment')
      .values(ids.map((node_id) => ({ account_id: accountId, role: 'owner' as const, node_id })))
      .onConflict((oc) => oc.columns(['account_id', 'role', 'node_id']).doNothing())
      .execute();
  return ids;
}
