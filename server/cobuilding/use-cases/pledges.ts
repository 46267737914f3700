import { recordAudit } from '../../audit/record.js';
import { todayInChina } from '../../clock.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict, notFound } from '../../http/errors.js';
import { sdb, strx } from '../../tickets/tables.js';
import { communityOf, requireNode } from '../scope.js';

type Ctx = ActionContext & { actor: CurrentUser };

/** 承诺: a party member's public pledge for an estate (承诺践诺亮诺, seed item 7), recorded by the community or party office. */
export async function createPledge(
  ctx: Ctx,
  estateId: number,
  input: { personId: number; title: string; content: string; dueOn?: string | null },
) {
  await requireNode(ctx.db, ctx.actor, estateId, 'cobuilding.manage', ['estate'], '小区');
  const person = await ctx.db
    .selectFrom('person')
    .select(['id', 'name', 'party_status', 'street_id'])
    .where('id', '=', input.personId)
    .executeTakeFirst();
  if (!person) throw badRequest('所选人员不存在', 'personId');
  if (person.party_status === 'none') throw badRequest(`${person.name}不是党员：承诺践诺亮诺由党员作出`, 'personId');
  const communityId = await communityOf(ctx.db, estateId);
  return inTransaction(ctx.db, async (trx) => {
    const row = await strx(trx)
      .insertInto('pledge')
      .values({
        estate_id: estateId,
        community_id: communityId,
        person_id: person.id,
        title: input.title,
        content: input.content,
        due_on: input.dueOn ?? null,
        created_by: ctx.actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'pledge.create',
      entityType: 'pledge',
      entityId: row.id,
      nodeId: estateId,
      after: { ...input, name: person.name },
    });
    return row;
  });
}

/** 践诺: progress on a pledge (with the hours given, counted as volunteer hours); `fulfilled` marks it kept (亮诺). */
export async function recordPledgeProgress(
  ctx: Ctx,
  pledgeId: number,
  input: { note: string; minutes: number; fulfilled?: boolean },
  today = todayInChina(),
) {
  const p = await sdb(ctx.db).selectFrom('pledge').selectAll().where('id', '=', pledgeId).executeTakeFirst();
  if (!p) throw notFound('党员承诺');
  await requireNode(ctx.db, ctx.actor, p.estate_id, 'cobuilding.manage', ['estate'], '党员承诺');
  if (p.state === 'fulfilled') throw conflict('承诺已兑现，不能再登记进展');
  await inTransaction(ctx.db, async (trx) => {
    await strx(trx)
      .insertInto('pledge_progress')
      .values({ pledge_id: pledgeId, on_date: today, note: input.note, volunteer_minutes: input.minutes, created_by: ctx.actor.id })
      .execute();
    if (input.fulfilled)
      await strx(trx)
        .updateTable('pledge')
        .set({ state: 'fulfilled', fulfilled_on: today, fulfil_note: input.note })
        .where('id', '=', pledgeId)
        .execute();
    await recordAudit(trx, ctx, {
      action: input.fulfilled ? 'pledge.fulfil' : 'pledge.progress',
      entityType: 'pledge',
      entityId: pledgeId,
      nodeId: p.estate_id,
      after: input,
    });
  });
}
