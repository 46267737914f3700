import type { z } from 'zod';
import { formatDateZh } from '../../../core/dates.js';
import { SEAT_LABEL, type CommitteeKind } from '../../../core/committee.js';
import { requireAt } from '../../access/scope.js';
import { recordAudit } from '../../audit/record.js';
import { loadCalendar } from '../../calendar/store.js';
import { todayInChina } from '../../clock.js';
import { inTransaction, type Trx } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.js';
import { postNotice } from '../../notices/post-notice.js';
import { loadCommittee } from '../access.js';
import { recheckComposition } from '../compliance.js';
import { settingsFor } from '../queries.js';
import type { decideBody, itemBody, outcomeBody, reportBody } from '../schema.js';
import { ktrx } from '../tables.js';
import { checkUpload, storeFile } from './files.js';

type Ctx = ActionContext & { actor: CurrentUser };

/** A street adds an item of its own to the negative list (R35: the list is data). */
export async function addItem(ctx: Ctx, input: z.output<typeof itemBody>) {
  await requireAt(ctx.db, ctx.actor, input.streetId, 'committee.supervise', 'committee.read', '街道');
  const street = await ctx.db.selectFrom('org_node').select('kind').where('id', '=', input.streetId).executeTakeFirstOrThrow();
  if (street.kind !== 'street') throw badRequest('负面清单事项由街道增设，请选择街道', 'streetId');
  return inTransaction(ctx.db, async (t) => {
    const row = await ktrx(t)
      .insertInto('negative_item')
      .values({ street_id: input.streetId, label: input.label, created_by: ctx.actor.id })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(t, ctx, {
      action: 'negative.addItem',
      entityType: 'negative_item',
      entityId: row.id,
      nodeId: input.streetId,
      after: row,
    });
    return row.id;
  });
}

/** R35: the community reports a member's hit with evidence; the street must decide within the set working days. */
export async function reportHit(ctx: Ctx, kind: CommitteeKind, id: number, input: z.output<typeof reportBody>) {
  const files = input.evidence.map((f, i) => ({ f, content: checkUpload(f, '证据材料', `evidence.${i}`) }));
  const calendar = await loadCalendar(ctx.db);
  return inTransaction(ctx.db, async (t) => {
    const trx = ktrx(t);
    const { committee, staffManage } = await loadCommittee(t, ctx.actor, kind, id, 'manage');
    if (!staffManage) throw forbidden('负面清单情形由社区（或街道）工作人员报告（R35）');
    const member = await trx
      .selectFrom('committee_member')
      .selectAll()
      .where('id', '=', input.memberId)
      .where('committee_kind', '=', kind)
      .where('committee_id', '=', id)
      .where('ended_on', 'is', null)
      .executeTakeFirst();
    if (!member) throw badRequest('该人员不是本委员会的在任委员', 'memberId');
    const item = await trx
      .selectFrom('negative_item as i')
      .selectAll('i')
      .where('i.id', '=', input.itemId)
      .where('i.active', '=', true)
      .where((eb) =>
        eb.or([
          eb('i.street_id', 'is', null),
          eb.exists(
            eb
              .selectFrom('org_closure as c')
              .select('c.ancestor_id')
              .whereRef('c.ancestor_id', '=', 'i.street_id')
              .where('c.descendant_id', '=', committee.estateId),
          ),
        ]),
      )
      .executeTakeFirst();
    if (!item) throw badRequest('负面清单中没有该事项', 'itemId');
    const open = await trx
      .selectFrom('negative_report')
      .select('id')
      .where('member_id', '=', member.id)
      .where('state', '=', 'pending')
      .executeTakeFirst();
    if (open) throw conflict('该委员已有待街道认定的负面清单报告，请等待认定结果');
    const today = todayInChina();
    const s = await settingsFor(t, committee.estateId);
    const due = calendar.addWorkdays(today, s.reportDecideWorkdays);
    const r = await trx
      .insertInto('negative_report')
      .values({
        committee_kind: kind,
        committee_id: id,
        estate_id: committee.estateId,
        member_id: member.id,
        item_id: item.id,
        facts: input.facts,
        reported_on: today,
        reported_by: ctx.actor.id,
        decide_by: due.date,
        calendar_complete: due.calendarComplete,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    for (const { f, content } of files) {
      const fileId = await storeFile(t, ctx, committee.estateId, f, content);
      await trx.insertInto('negative_report_file').values({ report_id: r.id, file_id: fileId }).execute();
    }
    await trx
      .updateTable('negative_candidate')
      .set({ report_id: r.id })
      .where('member_id', '=', member.id)
      .where('report_id', 'is', null)
      .execute();
    await recordAudit(t, ctx, {
      action: 'negative.report',
      entityType: 'negative_report',
      entityId: r.id,
      nodeId: committee.estateId,
      after: { ...r, item: item.label, evidence: files.length },
    });
    return r.id;
  });
}

async function loadReport(t: Trx, user: CurrentUser, reportId: number) {
  const r = await ktrx(t).selectFrom('negative_report').selectAll().where('id', '=', reportId).forUpdate().executeTakeFirst();
  if (!r) throw notFound('负面清单报告');
  await requireAt(t, user, r.estate_id, 'committee.supervise', 'committee.read', '负面清单报告');
  return r;
}

async function memberAndEstate(t: Trx, memberId: number) {
  return ktrx(t)
    .selectFrom('committee_member as cm')
    .innerJoin('person as p', 'p.id', 'cm.person_id')
    .innerJoin('org_node as e', 'e.id', 'cm.estate_id')
    .select([
      'cm.id',
      'cm.seat',
      'cm.post_id',
      'cm.owner_representative',
      'cm.suspended_on',
      'cm.ended_on',
      'p.name',
      'e.name as estate_name',
    ])
    .where('cm.id', '=', memberId)
    .executeTakeFirstOrThrow();
}

/** The text of the notice to all owners (the public notice and the .docx for each building's board say the same). */
export function suspensionText(estate: string, name: string, seat: string, item: string, date: string, kindLabel: string) {
  return [
    `经社区报告、街道办事处核实，${estate}${kindLabel}${seat}${name}存在“${item}”情形。`,
    `根据本街道物业管理委员会负面清单管理规定，自${formatDateZh(date)}起暂停${name}履行${kindLabel}委员职责。暂停期间，${name}不得出席委员会会议、不得在委员会决议上签字、不得以委员会名义开展活动。`,
    '特此公告。',
  ];
}

/**
 * R35: the street decides within the period. Upheld: the member is suspended from that day, a
 * written notice goes to all owners (public notice on the estate's board, printable per building,
 * a message to every owner with a bound account), and the composition check re-runs.
 */
export async function decideReport(ctx: Ctx, reportId: number, input: z.output<typeof decideBody>) {
  const calendar = await loadCalendar(ctx.db);
  return inTransaction(ctx.db, async (t) => {
    const trx = ktrx(t);
    const r = await loadReport(t, ctx.actor, reportId);
    if (r.state !== 'pending') throw conflict('该报告已认定');
    const today = todayInChina();
    await trx
      .updateTable('negative_report')
      .set({ state: input.upheld ? 'upheld' : 'notUpheld', decision_reason: input.reason, decided_by: ctx.actor.id, decided_on: today })
      .where('id', '=', r.id)
      .execute();
    let noticeId: number | null = null;
    let compliance = null;
    if (input.upheld) {
      const m = await memberAndEstate(t, r.member_id);
      const item = await trx.selectFrom('negative_item').select('label').where('id', '=', r.item_id).executeTakeFirstOrThrow();
      await trx.updateTable('committee_member').set({ suspended_on: today }).where('id', '=', m.id).execute();
      const estate = m.estate_name.replace(/（演示）$/, '');
      const kindLabel = r.committee_kind === 'pmc' ? '物业管理委员会' : '业主委员会';
      const notice = await postNotice(t, ctx, calendar, {
        nodeId: r.estate_id,
        kind: 'suspension',
        title: `关于暂停${m.name}履行${kindLabel}委员职责的公告`,
        body: [`${estate}全体业主：`, ...suspensionText(estate, m.name, SEAT_LABEL[m.seat], item.label, today, kindLabel)].join('\n'),
        publishDate: today,
      });
      noticeId = notice.id;
      await trx.updateTable('negative_report').set({ notice_id: notice.id }).where('id', '=', r.id).execute();
      compliance = await recheckComposition(t, ctx, r.committee_kind, r.committee_id, r.estate_id, today, calendar);
    }
    await recordAudit(t, ctx, {
      action: 'negative.decide',
      entityType: 'negative_report',
      entityId: r.id,
      nodeId: r.estate_id,
      before: { state: r.state },
      after: { upheld: input.upheld, reason: input.reason, noticeId, compliance, late: today > r.decide_by },
    });
    return { noticeId, compliance };
  });
}

/** After an upheld report: the suspension is lifted, or the member removed (their seat ends); the composition re-runs. */
export async function reportOutcome(ctx: Ctx, reportId: number, input: z.output<typeof outcomeBody>) {
  const calendar = await loadCalendar(ctx.db);
  return inTransaction(ctx.db, async (t) => {
    const trx = ktrx(t);
    const r = await loadReport(t, ctx.actor, reportId);
    if (r.state !== 'upheld') throw conflict('只有认定属实并已暂停履职的报告才能恢复履职或罢免');
    if (r.outcome) throw conflict('该报告已办结（已恢复履职或罢免）');
    const today = todayInChina();
    const m = await memberAndEstate(t, r.member_id);
    if (input.outcome === 'lifted') await trx.updateTable('committee_member').set({ suspended_on: null }).where('id', '=', m.id).execute();
    else {
      await trx
        .updateTable('committee_member')
        .set({ ended_on: today, end_reason: `罢免：${input.reason}` })
        .where('id', '=', m.id)
        .execute();
      if (m.post_id)
        await t.updateTable('post').set({ ended_on: today }).where('id', '=', m.post_id).where('ended_on', 'is', null).execute();
    }
    await trx
      .updateTable('negative_report')
      .set({ outcome: input.outcome, outcome_on: today, outcome_reason: input.reason, outcome_by: ctx.actor.id })
      .where('id', '=', r.id)
      .execute();
    const compliance = await recheckComposition(t, ctx, r.committee_kind, r.committee_id, r.estate_id, today, calendar);
    await recordAudit(t, ctx, {
      action: input.outcome === 'lifted' ? 'negative.lift' : 'negative.remove',
      entityType: 'negative_report',
      entityId: r.id,
      nodeId: r.estate_id,
      after: { memberId: m.id, reason: input.reason, compliance },
    });
    return { compliance };
  });
}
