import { DISCLOSURE_ITEM_INFO, type DisclosureItem } from '../../core/disclosures.js';
import type { Db } from '../db/connect.js';
import type { Trx } from '../db/transaction.js';
import { ddb } from './tables.js';

export interface PublicQuestion {
  id: number;
  item: DisclosureItem;
  itemLabel: string;
  question: string | null;
  askedOn: string;
  dueOn: string;
  dueCalendarComplete: boolean;
  answer: string | null;
  answeredOn: string | null;
  /** not answered by its due day (still open past it, or answered late) */
  overdue: boolean;
  hidden: boolean;
  hiddenReason: string | null;
}

/**
 * Questions on an estate's items, newest first, as the public sees them: never the asker, a hidden
 * question without its text (the reason is shown). `mine` marks the caller's own.
 */
export async function estateQuestions(db: Db | Trx, estateId: number, today: string, askerId: number | null = null) {
  const rows = await ddb(db)
    .selectFrom('disclosure_question')
    .selectAll()
    .where('estate_id', '=', estateId)
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
  return rows.map((q) => ({
    ...presentQuestion(q, today),
    mine: askerId !== null && q.asker_account_id === askerId,
  }));
}

export function presentQuestion(
  q: {
    id: number;
    item: DisclosureItem;
    question: string;
    asked_on: string;
    due_on: string;
    due_calendar_complete: boolean;
    answer: string | null;
    answered_on: string | null;
    hidden_at: Date | null;
    hidden_reason: string | null;
  },
  today: string,
): PublicQuestion {
  const hidden = q.hidden_at !== null;
  return {
    id: q.id,
    item: q.item,
    itemLabel: DISCLOSURE_ITEM_INFO[q.item]?.label ?? q.item,
    question: hidden ? null : q.question,
    askedOn: q.asked_on,
    dueOn: q.due_on,
    dueCalendarComplete: q.due_calendar_complete,
    answer: hidden ? null : q.answer,
    answeredOn: q.answered_on,
    overdue: !hidden && (q.answered_on ? q.answered_on > q.due_on : today > q.due_on),
    hidden,
    hiddenReason: q.hidden_reason,
  };
}
