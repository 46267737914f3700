import type { z } from 'zod';
import { countEvaluations, EVALUATION_CHOICE_LABEL, SEAT_LABEL, type CommitteeKind } from '../../../core/committee.js';
import { formatArea } from '../../../core/area.js';
import { formatDateZh } from '../../../core/dates.js';
import { requireAt } from '../../access/scope.js';
import { recordAudit } from '../../audit/record.js';
import { loadCalendar } from '../../calendar/store.js';
import { todayInChina } from '../../clock.js';
import { inTransaction, type Trx } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.js';
import { postNotice } from '../../notices/post-notice.js';
import { loadCommittee } from '../access.js';
import { estateRoll, headsOf } from '../roll.js';
import type { doneBody, evaluateBody, rectificationBody, reportSubmitBody } from '../schema.js';
import { ktrx } from '../tables.js';
import { checkUpload, storeFile } from './files.js';

type Ctx = ActionContext & { actor: CurrentUser };
const KIND_LABEL = { pmc: '物业管理委员会', owners: '业主委员会' } as const;
const undemo = (s: string) => s.replace(/（演示）$/, '');

/** R36: the committee submits its 述职 and opens the owners' evaluation window; owners are told by the notice. */
export async function submitReport(ctx: Ctx, kind: CommitteeKind, id: number, input: z.output<typeof reportSubmitBody>) {
  const calendar = await loadCalendar(ctx.db);
  return inTransaction(ctx.db, async (t) => {
    const trx = ktrx(t);
    const { committee } = await loadCommittee(t, ctx.actor, kind, id, 'manage');
    const today = todayInChina();
    if (input.opensOn < today) throw badRequest('评议开始日期不能早于今天', 'opensOn');
    if (input.closesOn < input.opensOn) throw badRequest('评议截止日期不能早于开始日期', 'closesOn');
    if (input.meetingId) {
      const m = await trx
        .selectFrom('committee_meeting')
        .select('id')
        .where('id', '=', input.meetingId)
        .where('committee_kind', '=', kind)
        .where('committee_id', '=', id)
        .executeTakeFirst();
      if (!m) throw badRequest('述职会议不是本委员会的会议', 'meetingId');
    }
    const dup = await trx
      .selectFrom('committee_report')
      .select('id')
      .where('committee_kind', '=', kind)
      .where('committee_id', '=', id)
      .where('year', '=', input.year)
      .executeTakeFirst();
    if (dup) throw conflict(`${input.year}年度述职报告已提交`);
    const notice = await postNotice(t, ctx, calendar, {
      nodeId: committee.estateId,
      kind: 'disclosure',
      title: `${undemo(committee.estateName)}${KIND_LABEL[kind]}${input.year}年度述职报告及业主评议`,
      body: [
        input.text,
        `请业主于${formatDateZh(input.opensOn)}至${formatDateZh(input.closesOn)}在手机上评议（满意、基本满意、不满意），每户（共有人共同一户）评议一次。`,
      ].join('\n'),
      publishDate: today,
    });
    const r = await trx
      .insertInto('committee_report')
      .values({
        committee_kind: kind,
        committee_id: id,
        estate_id: committee.estateId,
        year: input.year,
        text: input.text,
        meeting_id: input.meetingId ?? null,
        submitted_on: today,
        opens_on: input.opensOn,
        closes_on: input.closesOn,
        notice_id: notice.id,
        created_by: ctx.actor.id,
      })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    await recordAudit(t, ctx, {
      action: 'committee.report',
      entityType: 'committee_report',
      entityId: r.id,
      nodeId: committee.estateId,
      after: { ...input, noticeId: notice.id },
    });
    return r.id;
  });
}

async function reportRow(t: Trx, id: number) {
  const r = await ktrx(t).selectFrom('committee_report').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!r) throw notFound('述职报告');
  return r;
}

/**
 * An owner evaluates on their phone during the window: once for each head (R3) they belong to that
 * has not been evaluated — a co-owner's evaluation counts for the co-owners, a multi-unit owner's once.
 */
export async function evaluate(ctx: Ctx, reportId: number, input: z.output<typeof evaluateBody>) {
  return inTransaction(ctx.db, async (t) => {
    const trx = ktrx(t);
    const r = await reportRow(t, reportId);
    const persons = (await t.selectFrom('owner_binding').select('person_id').where('account_id', '=', ctx.actor.id).execute()).map(
      (p) => p.person_id,
    );
    const { roll } = await estateRoll(t, r.estate_id);
    const heads = headsOf(roll, persons);
    if (heads.size === 0) throw notFound('评议');
    const today = todayInChina();
    if (today < r.opens_on) throw badRequest(`评议于${formatDateZh(r.opens_on)}开始`);
    if (today > r.closes_on) throw badRequest(`评议已于${formatDateZh(r.closes_on)}截止`);
    const done = await trx
      .selectFrom('committee_evaluation')
      .select('head_key')
      .where('report_id', '=', r.id)
      .where('head_key', 'in', [...heads.keys()])
      .execute();
    const left = [...heads.entries()].filter(([k]) => !done.some((d) => d.head_key === k));
    if (left.length === 0) throw conflict('您（或与您共有房屋的业主）已评议，每户只评议一次（R3）');
    const rows = await trx
      .insertInto('committee_evaluation')
      .values(
        left.map(([head, h]) => ({
          report_id: r.id,
          head_key: head,
          area_centi: h.areaCenti,
          units: h.units,
          person_id: h.personId,
          account_id: ctx.actor.id,
          choice: input.choice,
          opinion: input.opinion ?? null,
        })),
      )
      .returning(['id'])
      .execute();
    await recordAudit(t, ctx, {
      action: 'committee.evaluate',
      entityType: 'committee_report',
      entityId: r.id,
      nodeId: r.estate_id,
      after: { heads: left.length, choice: input.choice, opinion: input.opinion ?? null },
    });
    return { heads: rows.length };
  });
}

/** After the window: the result, by heads and by area, exact, is posted on the estate's board. */
export async function publishResult(ctx: Ctx, reportId: number) {
  const calendar = await loadCalendar(ctx.db);
  return inTransaction(ctx.db, async (t) => {
    const r = await reportRow(t, reportId);
    const { committee } = await loadCommittee(t, ctx.actor, r.committee_kind, r.committee_id, 'manage');
    const today = todayInChina();
    if (today <= r.closes_on) throw badRequest(`评议于${formatDateZh(r.closes_on)}截止，截止后才能公布结果`);
    if (r.result_notice_id) throw conflict('评议结果已公布');
    const evaluations = await ktrx(t)
      .selectFrom('committee_evaluation')
      .select(['choice', 'area_centi'])
      .where('report_id', '=', r.id)
      .execute();
    const { totals } = await estateRoll(t, r.estate_id);
    const result = countEvaluations(
      evaluations.map((e) => ({ choice: e.choice, areaCenti: Number(e.area_centi) })),
      totals,
    );
    const line = (c: 'satisfied' | 'basic' | 'dissatisfied') =>
      `${EVALUATION_CHOICE_LABEL[c]}：${result.heads[c]}户，专有部分面积${formatArea(result.areaCenti[c])}平方米`;
    const notice = await postNotice(t, ctx, calendar, {
      nodeId: r.estate_id,
      kind: 'disclosure',
      title: `${undemo(committee.estateName)}${KIND_LABEL[r.committee_kind]}${r.year}年度述职评议结果`,
      body: [
        `本小区业主共${result.totalHeads}户，专有部分面积${formatArea(result.totalAreaCenti)}平方米；参加评议${result.evaluatedHeads}户，面积${formatArea(result.evaluatedAreaCenti)}平方米。`,
        line('satisfied'),
        line('basic'),
        line('dissatisfied'),
        '业主提出的意见已形成整改事项，整改结果将另行公开。',
      ].join('\n'),
      publishDate: today,
    });
    await ktrx(t)
      .updateTable('committee_report')
      .set({ result: JSON.stringify(result), result_notice_id: notice.id })
      .where('id', '=', r.id)
      .execute();
    await recordAudit(t, ctx, {
      action: 'committee.publishResult',
      entityType: 'committee_report',
      entityId: r.id,
      nodeId: r.estate_id,
      after: { result, noticeId: notice.id },
    });
    return { noticeId: notice.id, result };
  });
}

/** An opinion becomes a rectification item: a responsible member and a deadline in working days. */
export async function addRectification(ctx: Ctx, reportId: number, input: z.output<typeof rectificationBody>) {
  const calendar = await loadCalendar(ctx.db);
  return inTransaction(ctx.db, async (t) => {
    const trx = ktrx(t);
    const r = await reportRow(t, reportId);
    await loadCommittee(t, ctx.actor, r.committee_kind, r.committee_id, 'manage');
    const m = await trx
      .selectFrom('committee_member')
      .select(['id', 'suspended_on'])
      .where('id', '=', input.memberId)
      .where('committee_kind', '=', r.committee_kind)
      .where('committee_id', '=', r.committee_id)
      .where('ended_on', 'is', null)
      .executeTakeFirst();
    if (!m) throw badRequest('责任人须是本委员会的在任委员', 'memberId');
    if (m.suspended_on) throw badRequest('该委员已被暂停履行职责，不能负责整改（R35）', 'memberId');
    if (input.evaluationId) {
      const e = await trx
        .selectFrom('committee_evaluation')
        .select('id')
        .where('id', '=', input.evaluationId)
        .where('report_id', '=', r.id)
        .executeTakeFirst();
      if (!e) throw badRequest('该意见不属于本次评议', 'evaluationId');
    }
    const due = calendar.addWorkdays(todayInChina(), input.dueWorkdays);
    const row = await trx
      .insertInto('rectification')
      .values({
        report_id: r.id,
        evaluation_id: input.evaluationId ?? null,
        title: input.title,
        member_id: m.id,
        due_workdays: input.dueWorkdays,
        due_on: due.date,
        calendar_complete: due.calendarComplete,
        created_by: ctx.actor.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(t, ctx, {
      action: 'rectification.create',
      entityType: 'rectification',
      entityId: row.id,
      nodeId: r.estate_id,
      after: row,
    });
    return row.id;
  });
}

/** Progress on an item, or done with evidence: by the responsible member, the director or staff. */
export async function rectificationStep(ctx: Ctx, itemId: number, input: z.output<typeof doneBody>) {
  const content = input.done ? (input.evidence ? checkUpload(input.evidence, '整改证明材料', 'evidence') : null) : null;
  if (input.done && !content) throw badRequest('整改完成须上传证明材料', 'evidence');
  return inTransaction(ctx.db, async (t) => {
    const trx = ktrx(t);
    const item = await trx.selectFrom('rectification').selectAll().where('id', '=', itemId).forUpdate().executeTakeFirst();
    if (!item) throw notFound('整改事项');
    const r = await reportRow(t, item.report_id);
    const { seat, staffManage } =
      (await loadCommittee(t, ctx.actor, r.committee_kind, r.committee_id, 'manage').catch(() => null)) ??
      (await loadCommittee(t, ctx.actor, r.committee_kind, r.committee_id, 'act'));
    if (!staffManage && seat?.id !== item.member_id && seat?.seat !== 'director') throw forbidden('整改事项由责任委员、主任或工作人员办理');
    if (item.state === 'done') throw conflict('该整改事项已完成');
    const today = todayInChina();
    const progress = [...item.progress, { on: today, note: input.note }];
    const fileId = content && input.evidence ? await storeFile(t, ctx, r.estate_id, input.evidence, content) : null;
    await trx
      .updateTable('rectification')
      .set(
        input.done
          ? { progress: JSON.stringify(progress), state: 'done', done_note: input.note, evidence_file_id: fileId, done_on: today }
          : { progress: JSON.stringify(progress) },
      )
      .where('id', '=', item.id)
      .execute();
    await recordAudit(t, ctx, {
      action: input.done ? 'rectification.done' : 'rectification.progress',
      entityType: 'rectification',
      entityId: item.id,
      nodeId: r.estate_id,
      after: { note: input.note, fileId, late: input.done ? today > item.due_on : undefined },
    });
  });
}

/** 反馈公开: the rectification results, item by item, on the estate's public board. */
export async function publishFeedback(ctx: Ctx, reportId: number) {
  const calendar = await loadCalendar(ctx.db);
  return inTransaction(ctx.db, async (t) => {
    const r = await reportRow(t, reportId);
    const { committee } = await loadCommittee(t, ctx.actor, r.committee_kind, r.committee_id, 'manage');
    await requireAt(t, ctx.actor, r.estate_id, 'committee.manage', 'committee.read', '述职报告');
    const items = await ktrx(t)
      .selectFrom('rectification as x')
      .innerJoin('committee_member as cm', 'cm.id', 'x.member_id')
      .innerJoin('person as p', 'p.id', 'cm.person_id')
      .select(['x.title', 'x.state', 'x.due_on', 'x.done_on', 'x.done_note', 'p.name', 'cm.seat'])
      .where('x.report_id', '=', r.id)
      .orderBy('x.id')
      .execute();
    if (items.length === 0) throw badRequest('尚无整改事项，无需反馈');
    const today = todayInChina();
    const notice = await postNotice(t, ctx, calendar, {
      nodeId: r.estate_id,
      kind: 'disclosure',
      title: `${undemo(committee.estateName)}${KIND_LABEL[r.committee_kind]}${r.year}年度评议意见整改情况反馈`,
      body: [
        `${undemo(committee.estateName)}全体业主：`,
        `针对${r.year}年度述职评议中业主提出的意见，委员会整改情况如下：`,
        ...items.map(
          (x, i) =>
            `${i + 1}. ${x.title}（责任人：${SEAT_LABEL[x.seat]}${x.name}，期限${formatDateZh(x.due_on)}）：${
              x.state === 'done'
                ? `已于${formatDateZh(x.done_on!)}完成。${x.done_note ?? ''}${x.done_on! > x.due_on ? '（逾期完成）' : ''}`
                : today > x.due_on
                  ? '逾期未完成，继续整改。'
                  : '正在整改。'
            }`,
        ),
      ].join('\n'),
      publishDate: today,
    });
    await ktrx(t).updateTable('committee_report').set({ feedback_notice_id: notice.id }).where('id', '=', r.id).execute();
    await recordAudit(t, ctx, {
      action: 'committee.feedback',
      entityType: 'committee_report',
      entityId: r.id,
      nodeId: r.estate_id,
      after: { noticeId: notice.id, items: items.length },
    });
    return { noticeId: notice.id };
  });
}
