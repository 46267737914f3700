import type { z } from 'zod';
import { formatDateZh } from '../../../core/dates.js';
import { recordAudit } from '../../audit/record.js';
import { requireAt } from '../../access/scope.js';
import { todayInChina } from '../../clock.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { conflict, notFound } from '../../http/errors.js';
import type { verifyObjectionBody } from '../schema.js';
import { notify } from '../../notifications/notify.js';

/**
 * The street office records its verification of an objection (R30) and the result is published at
 * once as a notice of its own in the same place; the objector's name is not published.
 */
export async function verifyObjection(
  ctx: ActionContext & { actor: CurrentUser },
  objectionId: number,
  input: z.output<typeof verifyObjectionBody>,
) {
  const today = todayInChina();
  return inTransaction(ctx.db, async (trx) => {
    const objection = await trx.selectFrom('objection').selectAll().where('id', '=', objectionId).forUpdate().executeTakeFirst();
    if (!objection) throw notFound('异议');
    const notice = await trx.selectFrom('public_notice').selectAll().where('id', '=', objection.notice_id).executeTakeFirstOrThrow();
    await requireAt(trx, ctx.actor, notice.node_id, 'objection.verify', 'org.read', '异议');
    if (objection.status !== 'open') throw conflict('该异议已核查完毕，不能重复核查');
    const verdict = input.outcome === 'upheld' ? '异议成立' : '异议不成立';
    const result = await trx
      .insertInto('public_notice')
      .values({
        node_id: notice.node_id,
        kind: 'verificationResult',
        title: `关于《${notice.title}》异议核查结果的公示`,
        body: `${formatDateZh(objection.received_on)}收到对《${notice.title}》的书面异议。经核查，${verdict}。\n\n核查情况：${input.finding}`,
        status: 'published',
        publish_date: today,
        created_by: ctx.actor.id,
        published_by: ctx.actor.id,
        published_at: new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = await trx
      .updateTable('objection')
      .set({ status: input.outcome, finding: input.finding, result_notice_id: result.id, closed_by: ctx.actor.id, closed_at: new Date() })
      .where('id', '=', objectionId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'objection.verify',
      entityType: 'objection',
      entityId: objectionId,
      nodeId: notice.node_id,
      before: objection,
      after,
    });
    await recordAudit(trx, ctx, {
      action: 'notice.publish',
      entityType: 'public_notice',
      entityId: result.id,
      nodeId: notice.node_id,
      after: result,
    });
    // The objector, when they filed online, hears the outcome in the app's bell.
    await notify(trx, objection.objector_account_id ? [objection.objector_account_id] : [], {
      title: `异议核查结果：${verdict}`,
      body: `您对《${notice.title}》提出的书面异议已核查完毕：${verdict}。核查结果已在小区公告栏公示。`,
      link: `/notices/${notice.id}`,
    });
    return after;
  });
}
