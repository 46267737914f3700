import { countEvaluations, COMMITTEE_KIND_LABEL } from '../../core/committee.js';
import { todayInChina } from '../clock.js';
import type { Db } from '../db/connect.js';
import type { CurrentUser } from '../http/context.js';
import { notFound } from '../http/errors.js';
import { loadCommittee } from './access.js';
import { estateRoll, headsOf } from './roll.js';
import { kdb } from './tables.js';

/** A 述职 with its live count (by heads and area), the opinions and the rectification items (overdue flagged). */
export async function reportDetail(db: Db, user: CurrentUser, id: number) {
  const r = await kdb(db).selectFrom('committee_report').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('述职报告');
  const { committee } = await loadCommittee(db, user, r.committee_kind, r.committee_id).catch(() => {
    throw notFound('述职报告');
  });
  const today = todayInChina();
  const evaluations = await kdb(db)
    .selectFrom('committee_evaluation')
    .select(['id', 'choice', 'area_centi', 'opinion', 'units', 'created_at'])
    .where('report_id', '=', id)
    .orderBy('id')
    .execute();
  const { totals } = await estateRoll(db, r.estate_id);
  const items = await kdb(db)
    .selectFrom('rectification as x')
    .innerJoin('committee_member as cm', 'cm.id', 'x.member_id')
    .innerJoin('person as p', 'p.id', 'cm.person_id')
    .select([
      'x.id',
      'x.title',
      'x.member_id',
      'p.name',
      'x.due_workdays',
      'x.due_on',
      'x.calendar_complete',
      'x.state',
      'x.progress',
      'x.done_note',
      'x.done_on',
      'x.evidence_file_id',
      'x.evaluation_id',
    ])
    .where('x.report_id', '=', id)
    .orderBy('x.id')
    .execute();
  return {
    id: r.id,
    committee: {
      kind: r.committee_kind,
      id: r.committee_id,
      estateName: committee.estateName,
      kindLabel: COMMITTEE_KIND_LABEL[r.committee_kind],
    },
    year: r.year,
    text: r.text,
    meetingId: r.meeting_id,
    meeting: r.meeting_id ? await reportMeeting(db, r.meeting_id) : null,
    submittedOn: r.submitted_on,
    opensOn: r.opens_on,
    closesOn: r.closes_on,
    open: today >= r.opens_on && today <= r.closes_on,
    closed: today > r.closes_on,
    noticeId: r.notice_id,
    resultNoticeId: r.result_notice_id,
    feedbackNoticeId: r.feedback_notice_id,
    result:
      r.result ??
      countEvaluations(
        evaluations.map((e) => ({ choice: e.choice, areaCenti: Number(e.area_centi) })),
        totals,
      ),
    opinions: evaluations.filter((e) => e.opinion).map((e) => ({ id: e.id, choice: e.choice, opinion: e.opinion! })),
    rectifications: items.map((x) => ({
      id: x.id,
      title: x.title,
      memberId: x.member_id,
      memberName: x.name,
      dueWorkdays: x.due_workdays,
      dueOn: x.due_on,
      calendarComplete: x.calendar_complete,
      state: x.state,
      overdue: x.state === 'open' && today > x.due_on,
      progress: x.progress,
      doneNote: x.done_note,
      doneOn: x.done_on,
      evidenceFileId: x.evidence_file_id,
      evaluationId: x.evaluation_id,
    })),
  };
}

/** The 述职 reports of a committee (newest first). */
export async function reportsOf(db: Db, kind: 'pmc' | 'owners', id: number) {
  const today = todayInChina();
  const rows = await kdb(db)
    .selectFrom('committee_report as r')
    .select(['r.id', 'r.year', 'r.opens_on', 'r.closes_on', 'r.result_notice_id', 'r.feedback_notice_id'])
    .select((eb) =>
      eb
        .selectFrom('rectification as x')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('x.report_id', '=', 'r.id')
        .where('x.state', '=', 'open')
        .where('x.due_on', '<', today)
        .as('overdue'),
    )
    .where('r.committee_kind', '=', kind)
    .where('r.committee_id', '=', id)
    .orderBy('r.year', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    year: r.year,
    opensOn: r.opens_on,
    closesOn: r.closes_on,
    resultPublished: !!r.result_notice_id,
    feedbackPublished: !!r.feedback_notice_id,
    overdueItems: Number(r.overdue ?? 0),
  }));
}

/** The owner's evaluations (phone): open 述职 of the estates where they own a home, and whether their heads have evaluated. */
export async function myEvaluations(db: Db, user: CurrentUser) {
  const persons = (await db.selectFrom('owner_binding').select('person_id').where('account_id', '=', user.id).execute()).map(
    (p) => p.person_id,
  );
  if (!persons.length) return [];
  const today = todayInChina();
  const estates = await db
    .selectFrom('ownership as o')
    .innerJoin('unit as u', 'u.id', 'o.unit_id')
    .select('u.estate_id')
    .distinct()
    .where('o.person_id', 'in', persons)
    .where('o.ended_on', 'is', null)
    .execute();
  if (!estates.length) return [];
  const reports = await kdb(db)
    .selectFrom('committee_report as r')
    .innerJoin('org_node as e', 'e.id', 'r.estate_id')
    .select(['r.id', 'r.year', 'r.text', 'r.opens_on', 'r.closes_on', 'r.estate_id', 'r.committee_kind', 'e.name as estate'])
    .where(
      'r.estate_id',
      'in',
      estates.map((e) => e.estate_id),
    )
    .where('r.opens_on', '<=', today)
    .where('r.closes_on', '>=', today)
    .execute();
  const out = [];
  for (const r of reports) {
    const { roll } = await estateRoll(db, r.estate_id);
    const heads = [...headsOf(roll, persons).keys()];
    const done = heads.length
      ? await kdb(db)
          .selectFrom('committee_evaluation')
          .select('head_key')
          .where('report_id', '=', r.id)
          .where('head_key', 'in', heads)
          .execute()
      : [];
    out.push({
      id: r.id,
      title: `${r.estate.replace(/（演示）$/, '')}${COMMITTEE_KIND_LABEL[r.committee_kind]}${r.year}年度述职`,
      text: r.text,
      closesOn: r.closes_on,
      heads: heads.length,
      evaluated: done.length,
    });
  }
  return out;
}

/** R36: the 述职 meeting — its date and the owner representatives invited to it. */
async function reportMeeting(db: Db, meetingId: number) {
  const m = await kdb(db)
    .selectFrom('committee_meeting')
    .select(['id', 'title', 'held_on', 'state'])
    .where('id', '=', meetingId)
    .executeTakeFirstOrThrow();
  const guests = await kdb(db)
    .selectFrom('committee_meeting_guest as g')
    .innerJoin('person as p', 'p.id', 'g.person_id')
    .select('p.name')
    .where('g.meeting_id', '=', meetingId)
    .orderBy('p.name')
    .execute();
  return { id: m.id, title: m.title, heldOn: m.held_on, state: m.state, guests: guests.map((g) => g.name) };
}
