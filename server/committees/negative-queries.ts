import { sql } from 'kysely';
import { REPORT_STATE_LABEL, type CommitteeKind } from '../../core/committee.js';
import { inScope } from '../access/scope.js';
import { todayInChina } from '../clock.js';
import type { Db } from '../db/connect.js';
import type { CurrentUser } from '../http/context.js';
import { notFound } from '../http/errors.js';
import { kdb, type ReportState } from './tables.js';

/** The negative-list items a street uses: R35's, and its own. */
export async function negativeItems(db: Db, streetId: number | null) {
  const rows = await kdb(db)
    .selectFrom('negative_item')
    .select(['id', 'code', 'label', 'street_id'])
    .where('active', '=', true)
    .where((eb) => (streetId ? eb.or([eb('street_id', 'is', null), eb('street_id', '=', streetId)]) : eb('street_id', 'is', null)))
    .orderBy(sql`street_id nulls first`)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, code: r.code, label: r.label, streetOwn: r.street_id != null }));
}

const reportColumns = [
  'r.id',
  'r.committee_kind',
  'r.committee_id',
  'r.estate_id',
  'r.member_id',
  'r.facts',
  'r.reported_on',
  'r.decide_by',
  'r.calendar_complete',
  'r.state',
  'r.decision_reason',
  'r.decided_on',
  'r.notice_id',
  'r.outcome',
  'r.outcome_on',
  'r.outcome_reason',
  'i.label as item',
  'p.name as member_name',
  'e.name as estate_name',
] as const;

function present(r: {
  id: number;
  committee_kind: CommitteeKind;
  committee_id: number;
  estate_id: number;
  member_id: number;
  facts: string;
  reported_on: string;
  decide_by: string;
  calendar_complete: boolean;
  state: ReportState;
  decision_reason: string | null;
  decided_on: string | null;
  notice_id: number | null;
  outcome: 'lifted' | 'removed' | null;
  outcome_on: string | null;
  outcome_reason: string | null;
  item: string;
  member_name: string;
  estate_name: string;
}) {
  const today = todayInChina();
  return {
    id: r.id,
    committee: { kind: r.committee_kind, id: r.committee_id },
    estateId: r.estate_id,
    estateName: r.estate_name,
    memberId: r.member_id,
    memberName: r.member_name,
    item: r.item,
    facts: r.facts,
    reportedOn: r.reported_on,
    decideBy: r.decide_by,
    calendarComplete: r.calendar_complete,
    state: r.state,
    stateLabel: REPORT_STATE_LABEL[r.state],
    overdue: r.state === 'pending' && today > r.decide_by,
    decisionReason: r.decision_reason,
    decidedOn: r.decided_on,
    noticeId: r.notice_id,
    outcome: r.outcome,
    outcomeOn: r.outcome_on,
    outcomeReason: r.outcome_reason,
  };
}

/** Negative-list reports in the caller's committee scope (the street's queue: pending first, overdue flagged). */
export async function listReports(db: Db, user: CurrentUser, state: ReportState | 'all', committee?: { kind: CommitteeKind; id: number }) {
  let q = kdb(db)
    .selectFrom('negative_report as r')
    .innerJoin('negative_item as i', 'i.id', 'r.item_id')
    .innerJoin('committee_member as cm', 'cm.id', 'r.member_id')
    .innerJoin('person as p', 'p.id', 'cm.person_id')
    .innerJoin('org_node as e', 'e.id', 'r.estate_id')
    .select(reportColumns)
    .where(inScope(user, 'committee.read', sql.ref('r.estate_id')));
  if (state !== 'all') q = q.where('r.state', '=', state);
  if (committee) q = q.where('r.committee_kind', '=', committee.kind).where('r.committee_id', '=', committee.id);
  const rows = await q
    .orderBy(sql`case r.state when 'pending' then 0 else 1 end`)
    .orderBy('r.id', 'desc')
    .limit(500)
    .execute();
  return rows.map(present);
}

export async function reportDetail(db: Db, user: CurrentUser, id: number) {
  const r = await kdb(db)
    .selectFrom('negative_report as r')
    .innerJoin('negative_item as i', 'i.id', 'r.item_id')
    .innerJoin('committee_member as cm', 'cm.id', 'r.member_id')
    .innerJoin('person as p', 'p.id', 'cm.person_id')
    .innerJoin('org_node as e', 'e.id', 'r.estate_id')
    .select(reportColumns)
    .where('r.id', '=', id)
    .where(inScope(user, 'committee.read', sql.ref('r.estate_id')))
    .executeTakeFirst();
  if (!r) throw notFound('负面清单报告');
  const files = await kdb(db)
    .selectFrom('negative_report_file as rf')
    .innerJoin('committee_file as f', 'f.id', 'rf.file_id')
    .select(['f.id', 'f.file_name', 'f.size'])
    .where('rf.report_id', '=', id)
    .execute();
  const buildings = await db
    .selectFrom('org_node')
    .select(['id', 'name'])
    .where('parent_id', '=', r.estate_id)
    .where('kind', '=', 'building')
    .orderBy('id')
    .execute();
  return { ...present(r), evidence: files.map((f) => ({ id: f.id, fileName: f.file_name, size: f.size })), buildings };
}

/** A committee's compliance standing (R22–R25) and R37 candidates not yet reported. */
export async function complianceOf(db: Db, kind: CommitteeKind, id: number) {
  const c = await kdb(db)
    .selectFrom('committee_compliance')
    .selectAll()
    .where('committee_kind', '=', kind)
    .where('committee_id', '=', id)
    .executeTakeFirst();
  const today = todayInChina();
  const candidates = await kdb(db)
    .selectFrom('negative_candidate as nc')
    .innerJoin('committee_member as cm', 'cm.id', 'nc.member_id')
    .select(['nc.id', 'nc.member_id', 'nc.month', 'nc.reason', 'nc.report_id'])
    .where('cm.committee_kind', '=', kind)
    .where('cm.committee_id', '=', id)
    .where('cm.ended_on', 'is', null)
    .orderBy('nc.id', 'desc')
    .limit(50)
    .execute();
  return {
    compliance: {
      ok: !c || c.failures.length === 0,
      failures: c?.failures ?? [],
      since: c?.since ?? null,
      deadline: c?.deadline ?? null,
      overdue: !!c && c.failures.length > 0 && !!c.deadline && today > c.deadline,
    },
    candidates: candidates.map((x) => ({ id: x.id, memberId: x.member_id, month: x.month, reason: x.reason, reportId: x.report_id })),
  };
}
