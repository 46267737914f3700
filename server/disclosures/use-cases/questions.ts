import { DISCLOSURE_ITEM_INFO, type DisclosureItem } from '../../../core/disclosures.js';
import { recordAudit } from '../../audit/record.js';
import { loadCalendar } from '../../calendar/store.js';
import { todayInChina } from '../../clock.js';
import type { Db } from '../../db/connect.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { conflict, forbidden, notFound } from '../../http/errors.js';
import { tellOwners } from '../../messages/tell-owners.js';
import { notify } from '../../notifications/notify.js';
import { inScope } from '../../access/scope.js';
import { requireResponsible, responsibleAccounts } from '../access.js';
import { disclosureSettings } from '../board.js';
import { dtrx } from '../tables.js';
import { sql } from 'kysely';

type Ctx = ActionContext & { actor: CurrentUser };

/** Is the account an owner bound to the roll (R1–R4) with a unit in this estate today? */
async function isBoundOwner(db: Db, user: CurrentUser, estateId: number, today: string): Promise<boolean> {
  if (!user.roles.some((r) => r.role === 'owner')) return false;
  const row = await db
    .selectFrom('owner_binding as b')
    .innerJoin('ownership as o', 'o.person_id', 'b.person_id')
    .innerJoin('unit as u', 'u.id', 'o.unit_id')
    .select('u.id')
    .where('b.account_id', '=', user.id)
    .where('u.estate_id', '=', estateId)
    .where('o.started_on', '<=', today)
    .where((eb) => eb.or([eb('o.ended_on', 'is', null), eb('o.ended_on', '>=', today)]))
    .executeTakeFirst();
  return !!row;
}

/**
 * 质询: an owner bound to the roll asks the responsible party about an item. The answer is due within
 * the profile's working days (not counting the day asked); the question is public without the
 * asker's name, and the responsible party is told at once.
 */
export async function askQuestion(ctx: Ctx, estateId: number, item: DisclosureItem, question: string) {
  const today = todayInChina();
  const estate = await ctx.db.selectFrom('org_node').select(['id', 'kind']).where('id', '=', estateId).executeTakeFirst();
  if (!estate || estate.kind !== 'estate') throw notFound('小区');
  if (!(await isBoundOwner(ctx.db, ctx.actor, estateId, today)))
    throw forbidden('只有已核验绑定、在本小区有房屋的业主才能提出质询；请先在“我的房屋”中完成绑定');
  const settings = await disclosureSettings(ctx.db, estateId);
  const due = (await loadCalendar(ctx.db)).addWorkdays(today, settings.answerWorkdays);
  const info = DISCLOSURE_ITEM_INFO[item];
  return inTransaction(ctx.db, async (trx) => {
    const row = await dtrx(trx)
      .insertInto('disclosure_question')
      .values({
        estate_id: estateId,
        item,
        asker_account_id: ctx.actor.id,
        question: question.trim(),
        asked_on: today,
        due_on: due.date,
        due_calendar_complete: due.calendarComplete,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'question.ask',
      entityType: 'disclosure_question',
      entityId: row.id,
      nodeId: estateId,
      after: { item, dueOn: due.date },
    });
    const to = await responsibleAccounts(trx, estateId, info.responsible);
    await notify(trx as unknown as Db, to, {
      title: '业主对十公开事项提出质询',
      body: `业主对“${info.label}”提出质询，请于${due.date}前答复：${question.trim().slice(0, 80)}`,
      link: `/disclosures/${estateId}`,
    });
    return { id: row.id, dueOn: due.date };
  });
}

async function lockQuestion(trx: Parameters<typeof dtrx>[0], id: number) {
  const q = await dtrx(trx).selectFrom('disclosure_question').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!q) throw notFound('质询');
  return q;
}

/** The responsible party answers; the answer is public at once. An answer is final (it is part of the record). */
export async function answerQuestion(ctx: Ctx, id: number, answer: string) {
  return inTransaction(ctx.db, async (trx) => {
    const q = await lockQuestion(trx, id);
    await requireResponsible(trx, ctx.actor, q.estate_id, q.item);
    if (q.hidden_at) throw conflict('该质询已被隐藏，无需答复');
    if (q.answer) throw conflict('该质询已答复，答复不能修改');
    const today = todayInChina();
    await dtrx(trx)
      .updateTable('disclosure_question')
      .set({ answer: answer.trim(), answered_by: ctx.actor.id, answered_on: today })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'question.answer',
      entityType: 'disclosure_question',
      entityId: id,
      nodeId: q.estate_id,
      after: { answeredOn: today, dueOn: q.due_on, late: today > q.due_on },
    });
    // the asker is an owner: told on the owner's terms (in the app, and by SMS unless turned off; recorded)
    await tellOwners(trx, [q.asker_account_id], {
      event: 'question.moved',
      title: '您的质询已答复',
      body: `您对“${DISCLOSURE_ITEM_INFO[q.item].label}”的质询已答复：${answer.trim().slice(0, 80)}`,
      link: `/public/estates/${q.estate_id}`,
    });
  });
}

/** Staff hide an abusive question, with the reason (audited, the text kept in the audit entry). */
export async function hideQuestion(ctx: Ctx, id: number, reason: string) {
  return inTransaction(ctx.db, async (trx) => {
    const q = await lockQuestion(trx, id);
    const may = await trx
      .selectFrom('org_node')
      .select('id')
      .where('id', '=', q.estate_id)
      .where(inScope(ctx.actor, 'disclosure.moderate', sql.ref('id')))
      .executeTakeFirst();
    if (!may) throw notFound('质询');
    if (q.hidden_at) throw conflict('该质询已隐藏');
    await dtrx(trx)
      .updateTable('disclosure_question')
      .set({ hidden_reason: reason.trim(), hidden_by: ctx.actor.id, hidden_at: new Date() })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'question.hide',
      entityType: 'disclosure_question',
      entityId: id,
      nodeId: q.estate_id,
      before: { question: q.question },
      after: { reason: reason.trim() },
    });
  });
}
