import type { z } from 'zod';
import { disputeRefusal } from '../../../core/coordination.js';
import { requireAt } from '../../access/scope.js';
import { recordAudit } from '../../audit/record.js';
import { todayInChina } from '../../clock.js';
import { inTransaction, type Trx } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict, notFound } from '../../http/errors.js';
import type { closeDisputeBody, disputeBody, mediationBody } from '../schema.js';
import { ctrx } from '../tables.js';

type Ctx = ActionContext & { actor: CurrentUser };

/** 矛盾纠纷台账: a dispute of an estate — category, parties, what happened. */
export async function registerDispute(ctx: Ctx, input: z.output<typeof disputeBody>) {
  const estate = await ctx.db.selectFrom('org_node').select(['id', 'kind']).where('id', '=', input.estateId).executeTakeFirst();
  if (!estate) throw notFound('小区');
  await requireAt(ctx.db, ctx.actor, estate.id, 'dispute.manage', 'coordination.read', '小区');
  if (estate.kind !== 'estate') throw badRequest('矛盾纠纷按小区登记，请选择一个小区', 'estateId');
  if (input.occurredOn > todayInChina()) throw badRequest('发生日期不能晚于今天', 'occurredOn');
  return inTransaction(ctx.db, async (t) => {
    const d = await ctrx(t)
      .insertInto('dispute')
      .values({
        estate_id: estate.id,
        category: input.category,
        title: input.title,
        description: input.description,
        parties: JSON.stringify(input.parties),
        occurred_on: input.occurredOn,
        registered_by: ctx.actor.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(t, ctx, { action: 'dispute.register', entityType: 'dispute', entityId: d.id, nodeId: estate.id, after: d });
    return d.id;
  });
}

/** The dispute, within the caller's reach, locked in the transaction (every read on it: PGlite has one connection). */
async function lockDispute(ctx: Ctx, t: Trx, id: number) {
  const d = await ctrx(t).selectFrom('dispute').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!d) throw notFound('纠纷');
  await requireAt(t, ctx.actor, d.estate_id, 'dispute.manage', 'coordination.read', '纠纷');
  return d;
}

/** A mediation: who mediated (e.g. a party-member building leader as 调解员), when, and how it went. */
export async function mediateDispute(ctx: Ctx, id: number, input: z.output<typeof mediationBody>) {
  return inTransaction(ctx.db, async (t) => {
    const d = await lockDispute(ctx, t, id);
    const why = disputeRefusal('mediate', d.state);
    if (why) throw conflict(why);
    if (input.mediatedOn > todayInChina()) throw badRequest('调解日期不能晚于今天', 'mediatedOn');
    if (input.mediatedOn < d.occurred_on) throw badRequest('调解日期不能早于纠纷发生日期', 'mediatedOn');
    if (input.mediatorPersonId != null) {
      const p = await t.selectFrom('person').select('id').where('id', '=', input.mediatorPersonId).executeTakeFirst();
      if (!p) throw badRequest('调解员不在人员名册中', 'mediatorPersonId');
    }
    const m = await ctrx(t)
      .insertInto('dispute_mediation')
      .values({
        dispute_id: d.id,
        mediated_on: input.mediatedOn,
        mediator: input.mediator,
        mediator_person_id: input.mediatorPersonId ?? null,
        record: input.record,
        created_by: ctx.actor.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(t, ctx, { action: 'dispute.mediate', entityType: 'dispute', entityId: d.id, nodeId: d.estate_id, after: m });
  });
}

export async function closeDispute(ctx: Ctx, id: number, input: z.output<typeof closeDisputeBody>) {
  return inTransaction(ctx.db, async (t) => {
    const d = await lockDispute(ctx, t, id);
    const why = disputeRefusal('close', d.state);
    if (why) throw conflict(why);
    const after = await ctrx(t)
      .updateTable('dispute')
      .set({ state: input.outcome, outcome: input.text, closed_at: new Date() })
      .where('id', '=', d.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(t, ctx, { action: 'dispute.close', entityType: 'dispute', entityId: d.id, nodeId: d.estate_id, before: d, after });
  });
}
