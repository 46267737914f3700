import { recordAudit } from '../../audit/record.js';
import { requireAt } from '../../access/scope.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict, notFound } from '../../http/errors.js';
import { loadCaseRow } from '../case-facts.js';
import { headKeysOf } from './nominate.js';

/** An owner adds their signature to a joint nomination (R28) during the announcement period. */
export async function signNomination(ctx: ActionContext & { actor: CurrentUser }, caseId: number, nominationId: number) {
  return inTransaction(ctx.db, async (trx) => {
    const c = await loadCaseRow(trx, caseId);
    await requireAt(trx, ctx.actor, c.estate_id, 'owner.self', 'owner.self', '组建案件');
    const n = await trx.selectFrom('nomination').selectAll().where('id', '=', nominationId).where('case_id', '=', c.id).executeTakeFirst();
    if (!n || n.channel !== 'jointOwners') throw notFound('联名推荐');
    if (c.state !== 'nominating') throw conflict('报名推荐已截止，不能再联名');
    const persons = await trx.selectFrom('owner_binding').select('person_id').where('account_id', '=', ctx.actor.id).execute();
    const keys = await headKeysOf(
      trx,
      c.estate_id,
      persons.map((p) => p.person_id),
    );
    const mine = persons.map((p) => p.person_id).filter((id) => (keys.get(id) ?? []).length > 0);
    if (mine.length === 0) throw badRequest('您的账号未关联本小区的业主名册，请先在“我的房屋”核验身份');
    const existing = await trx
      .selectFrom('nomination_signer')
      .select('person_id')
      .where('nomination_id', '=', n.id)
      .where('person_id', 'in', mine)
      .execute();
    if (existing.length > 0) throw conflict('您已在该联名推荐上签名，同一业主只计一次');
    await trx.insertInto('nomination_signer').values({ nomination_id: n.id, person_id: mine[0]! }).execute();
    await recordAudit(trx, ctx, {
      action: 'formation.sign',
      entityType: 'formation_case',
      entityId: c.id,
      nodeId: c.estate_id,
      after: { nominationId: n.id, personId: mine[0] },
    });
    return { ok: true as const };
  });
}
