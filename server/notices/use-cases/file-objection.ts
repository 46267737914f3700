import type { z } from 'zod';
import { formatDateZh } from '../../../core/dates.js';
import { DEFAULT_OBJECTION_VERIFY_WORKDAYS } from '../../../core/notices.js';
import { recordAudit } from '../../audit/record.js';
import { permissionsAt } from '../../access/scope.js';
import { loadCalendar } from '../../calendar/store.js';
import { todayInChina } from '../../clock.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict, forbidden } from '../../http/errors.js';
import type { fileObjectionBody } from '../schema.js';
import { loadNoticeForChange } from './load-notice.js';

/**
 * A written objection (书面异议) to a notice in publicity (R30): filed online by an owner of the
 * estate, or entered by staff from paper with the objector named and the day the street received it.
 * Its own clock starts at receipt: verification is due within 5 working days.
 */
export async function fileObjection(
  ctx: ActionContext & { actor: CurrentUser },
  noticeId: number,
  input: z.output<typeof fileObjectionBody>,
) {
  const today = todayInChina();
  const calendar = await loadCalendar(ctx.db);
  return inTransaction(ctx.db, async (trx) => {
    const notice = await loadNoticeForChange(trx, ctx.actor, noticeId, 'objection.file');
    if (notice.status !== 'published' || !notice.accepts_objections || !notice.end_date || !notice.publish_date)
      throw conflict('该公告不接受异议');
    if (notice.superseded_by_id !== null) throw conflict('该公告已被更正公告取代，请对更正后的公告提出异议');
    const held = (await permissionsAt(trx, ctx.actor, [notice.node_id])).get(notice.node_id) ?? new Set();
    const paper = input.receivedOn !== undefined || input.objectorName !== undefined;
    if (paper && !held.has('notice.manage')) throw forbidden('只有工作人员可以代为登记纸质异议');
    if (paper && (!input.receivedOn || !input.objectorName))
      throw badRequest('登记纸质异议须填写异议人姓名和收到日期', input.receivedOn ? 'objectorName' : 'receivedOn');
    if (!paper && !ctx.actor.roles.some((r) => r.role === 'owner')) throw badRequest('工作人员登记异议时须填写异议人姓名和收到日期');
    const receivedOn = input.receivedOn ?? today;
    if (receivedOn > today) throw badRequest(`收到日期不能晚于今天（${formatDateZh(today)}）`, 'receivedOn');
    if (receivedOn < notice.publish_date)
      throw badRequest(`收到日期早于公告张贴日期（${formatDateZh(notice.publish_date)}）`, 'receivedOn');
    // R30: written objections are made during the publicity; the last day of the period included
    if (receivedOn > notice.end_date)
      throw conflict(`公示期已于${formatDateZh(notice.end_date)}结束，不能再提出异议：书面异议须在公示期内向街道办事处提出（R30）`);
    const due = calendar.addWorkdays(receivedOn, DEFAULT_OBJECTION_VERIFY_WORKDAYS); // R30
    const objection = await trx
      .insertInto('objection')
      .values({
        notice_id: notice.id,
        objector_name: input.objectorName ?? ctx.actor.displayName,
        objector_account_id: paper ? null : ctx.actor.id,
        objector_unit: input.objectorUnit ?? null,
        content: input.content,
        channel: paper ? 'paper' : 'online',
        received_on: receivedOn,
        verify_due: due.date,
        verify_due_complete: due.calendarComplete,
        entered_by: ctx.actor.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'objection.file',
      entityType: 'objection',
      entityId: objection.id,
      nodeId: notice.node_id,
      after: objection,
    });
    return objection;
  });
}
