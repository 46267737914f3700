import { recordAudit } from '../../audit/record.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { conflict } from '../../http/errors.js';
import { loadNoticeForChange } from './load-notice.js';

/**
 * Starts a correction of a published notice: a new draft, prefilled from the original, that will
 * supersede it when published. The original stays visible, marked as corrected.
 */
export async function correctNotice(ctx: ActionContext & { actor: CurrentUser }, id: number) {
  return inTransaction(ctx.db, async (trx) => {
    const original = await loadNoticeForChange(trx, ctx.actor, id, 'notice.manage');
    if (original.status !== 'published') throw conflict('草稿可直接修改，无需更正');
    if (original.superseded_by_id !== null) throw conflict('该公告已被更正，请更正最新的公告');
    const pending = await trx.selectFrom('public_notice').select('id').where('supersedes_id', '=', id).executeTakeFirst();
    if (pending) throw conflict(`该公告已有一份未发布的更正草稿（编号 ${pending.id}），请直接修改它`);
    const draft = await trx
      .insertInto('public_notice')
      .values({
        node_id: original.node_id,
        kind: original.kind,
        title: original.title.startsWith('【更正】') ? original.title : `【更正】${original.title}`,
        body: original.body,
        period_unit: original.period_unit,
        period_days: original.period_days,
        accepts_objections: original.accepts_objections,
        supersedes_id: original.id,
        created_by: ctx.actor.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    // The correction starts with the original's attachments; they can be changed while it is a draft.
    await trx
      .insertInto('notice_attachment')
      .columns(['notice_id', 'file_name', 'content_type', 'size', 'sha256', 'content', 'created_by'])
      .expression((eb) =>
        eb
          .selectFrom('notice_attachment')
          .select([
            eb.val(draft.id).as('notice_id'),
            'file_name',
            'content_type',
            'size',
            'sha256',
            'content',
            eb.val(ctx.actor.id).as('created_by'),
          ])
          .where('notice_id', '=', original.id),
      )
      .execute();
    await recordAudit(trx, ctx, {
      action: 'notice.correct',
      entityType: 'public_notice',
      entityId: draft.id,
      nodeId: draft.node_id,
      after: draft,
    });
    return draft;
  });
}
