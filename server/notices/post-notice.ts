import type { NoticeKind, PeriodUnit } from '../../core/notices.js';
import type { WorkCalendar } from '../../core/workdays.js';
import { recordAudit } from '../audit/record.js';
import type { Trx } from '../db/transaction.js';
import type { ActionContext } from '../http/context.js';
import { recordBackdate, type Backdate } from './posting.js';
import { tellOwnersOfNotice } from '../messages/notice-messages.js';

export interface PostNoticeInput {
  nodeId: number;
  kind: NoticeKind;
  title: string;
  body: string;
  /** The posting day; the period runs from the next day (民法典 第201条). */
  publishDate: string;
  period?: { unit: PeriodUnit; days: number } | null;
  acceptsObjections?: boolean;
  /** 补录: a paper notice posted on `publishDate` and recorded now (checked by the caller, checkPosting) */
  backdate?: Backdate | null;
  /** the step tells the owners itself (a vote opening, its result): no "new notice" message besides (issue 19) */
  quiet?: boolean;
}

/**
 * Posts a notice that another capability produces as a step of its own (a formation case's
 * announcement, a decision's result): created already published, inside the caller's
 * transaction, with its audit entry. The end of its period comes from the working-day calendar,
 * loaded by the caller before the transaction. Returns the notice row.
 */
export async function postNotice(trx: Trx, ctx: ActionContext, calendar: WorkCalendar, input: PostNoticeInput) {
  const end = input.period
    ? input.period.unit === 'workdays'
      ? calendar.addWorkdays(input.publishDate, input.period.days)
      : calendar.addCalendarDays(input.publishDate, input.period.days)
    : null;
  let notice = await trx
    .insertInto('public_notice')
    .values({
      node_id: input.nodeId,
      kind: input.kind,
      title: input.title,
      body: input.body,
      status: 'published',
      period_unit: input.period?.unit ?? null,
      period_days: input.period?.days ?? null,
      accepts_objections: input.acceptsObjections ?? false,
      publish_date: input.publishDate,
      end_date: end?.date ?? null,
      calendar_complete: end ? end.calendarComplete : null,
      created_by: ctx.actor?.id ?? null,
      published_by: ctx.actor?.id ?? null,
      published_at: new Date(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (input.backdate) notice = await recordBackdate(trx, notice.id, input.backdate, ctx.actor?.id ?? null);
  await recordAudit(trx, ctx, {
    action: 'notice.post',
    entityType: 'public_notice',
    entityId: notice.id,
    nodeId: notice.node_id,
    after: notice,
  });
  if (!input.quiet) await tellOwnersOfNotice(trx, notice);
  return notice;
}
