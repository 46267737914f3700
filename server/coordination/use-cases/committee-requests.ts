import type { z } from 'zod';
import { requireAt } from '../../access/scope.js';
import { recordAudit } from '../../audit/record.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.js';
import { notify } from '../../notifications/notify.js';
import { roleHoldersAbove } from '../../tickets/scope.js';
import type { requestBody } from '../schema.js';
import { ctrx } from '../tables.js';

type Ctx = ActionContext & { actor: CurrentUser };

/**
 * A committee (its director or a member) asks the community's 四位一体 meeting to take up a matter of
 * its estate (seed item 6): the request waits on the community's list of agenda candidates, and the
 * community's staff are told. Only for an estate the caller sits on the committee of.
 */
export async function submitRequest(ctx: Ctx, input: z.output<typeof requestBody>) {
  const estate = await ctx.db.selectFrom('org_node').select(['id', 'kind', 'name']).where('id', '=', input.estateId).executeTakeFirst();
  if (!estate) throw notFound('小区');
  await requireAt(ctx.db, ctx.actor, estate.id, 'coordination.request', 'org.read', '小区');
  if (estate.kind !== 'estate') throw badRequest('提请事项按小区提出，请选择本委员会所在的小区', 'estateId');
  return inTransaction(ctx.db, async (t) => {
    const r = await ctrx(t)
      .insertInto('coordination_request')
      .values({ estate_id: estate.id, title: input.title, content: input.content, submitted_by: ctx.actor.id })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(t, ctx, {
      action: 'coordinationRequest.submit',
      entityType: 'coordination_request',
      entityId: r.id,
      nodeId: estate.id,
      after: { title: r.title, content: r.content },
    });
    const staff = await roleHoldersAbove(t, estate.id, 'communityStaff');
    await notify(t, staff, {
      title: '委员会提请协调事项',
      body: `${estate.name}：${input.title}。可在四位一体会议的议题中选取。`,
      link: '/coordination?tab=meetings',
    });
    return r.id;
  });
}

/** The committee takes its request back, as long as no meeting has put it on its agenda. */
export async function withdrawRequest(ctx: Ctx, id: number) {
  return inTransaction(ctx.db, async (t) => {
    const r = await ctrx(t).selectFrom('coordination_request').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!r) throw notFound('提请事项');
    await requireAt(t, ctx.actor, r.estate_id, 'coordination.request', 'org.read', '提请事项');
    if (r.submitted_by !== ctx.actor.id) throw forbidden('只有提出该事项的委员可以撤回');
    if (r.state === 'withdrawn') throw conflict('该事项已撤回');
    const onAgenda = await ctrx(t)
      .selectFrom('coordination_agenda')
      .select('id')
      .where('source', '=', 'committeeRequest')
      .where('source_id', '=', id)
      .executeTakeFirst();
    if (onAgenda) throw conflict('该事项已列入会议议程，不能撤回；如情况有变，请在会上说明');
    await ctrx(t).updateTable('coordination_request').set({ state: 'withdrawn', withdrawn_at: new Date() }).where('id', '=', id).execute();
    await recordAudit(t, ctx, {
      action: 'coordinationRequest.withdraw',
      entityType: 'coordination_request',
      entityId: id,
      nodeId: r.estate_id,
      before: { state: r.state },
      after: { state: 'withdrawn' },
    });
  });
}
