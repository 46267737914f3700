import { kdb } from '../committees/tables.js';
import { sql } from 'kysely';
import {
  CASE_ACTIONS,
  CASE_STATE_LABEL,
  CASE_STEPS,
  eligibilityProblems,
  GOVERNANCE_REASON_LABEL,
  GOVERNANCE_STATUS_LABEL,
  needsPmc,
  nextStep,
  NOMINATION_CHANNEL_LABEL,
  refusal,
  stepIndex,
  termExpired,
  type CaseAction,
  type GovernanceReasonCode,
  type GovernanceStatusCode,
} from '../../core/formation.js';
import { DIRECTOR_RULE_LABEL } from '../../core/rule-profile.js';
import { permissionsAt, reachesEstate, requireAt, scopeRoots } from '../access/scope.js';
import { todayInChina } from '../clock.js';
import type { Db } from '../db/connect.js';
import type { CurrentUser } from '../http/context.js';
import { notFound } from '../http/errors.js';
import { caseFacts, loadCaseRow } from './case-facts.js';
import { countSigners } from '../../core/formation.js';
import { candidatePool, eligibilityOf } from './pool.js';
import { placeOf } from './profile.js';
import { headKeysOf } from './use-cases/nominate.js';

const dayDiff = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * Every estate in the caller's scope with its governance status, the case under way and its next
 * step, the running committee and its term (R33), and the distance to the plan's deadline (R42).
 * A grid worker reads the estates his grid's buildings belong to (issue 13); the plan is that of
 * the caller's street — above his scope (community staff, grid worker) or below it (the district).
 */
export async function governanceOverview(db: Db, user: CurrentUser, nodeId?: number) {
  const today = todayInChina();
  if (nodeId) await requireAt(db, user, nodeId, 'governance.read', 'governance.read', '范围');
  const roots = scopeRoots(user, 'governance.read');
  let q = db
    .selectFrom('org_node as e')
    .leftJoin('org_node as cm', 'cm.id', 'e.parent_id')
    .leftJoin('estate_governance as g', 'g.estate_id', 'e.id')
    .select([
      'e.id',
      'e.name',
      'cm.id as community_id',
      'cm.name as community_name',
      'g.status',
      'g.reason',
      'g.note',
      'g.committee_term_end',
    ])
    .where('e.kind', '=', 'estate')
    .where(reachesEstate(user, 'governance.read', sql.ref('e.id')))
    .orderBy('cm.name')
    .orderBy('e.name');
  if (nodeId)
    q = q.where((eb) =>
      eb.exists(
        eb.selectFrom('org_closure as x').select('x.depth').whereRef('x.descendant_id', '=', 'e.id').where('x.ancestor_id', '=', nodeId),
      ),
    );
  const estates = await q.execute();
  const ids = estates.map((e) => e.id);
  const cases = ids.length
    ? await db
        .selectFrom('formation_case')
        .select(['id', 'estate_id'])
        .where('estate_id', 'in', ids)
        .where('state', 'not in', ['established', 'cancelled'])
        .execute()
    : [];
  const committees = ids.length
    ? await db
        .selectFrom('property_committee')
        .select(['id', 'estate_id', 'case_id', 'established_on', 'term_end', 'certificate_no'])
        .where('estate_id', 'in', ids)
        .where('status', '=', 'active')
        .execute()
    : [];
  // The streets above the caller's scope roots or above the estates shown (a district admin's
  // streets are below his root, a grid worker's street above it).
  const near = [...roots, ...ids];
  const streetIds = near.length
    ? await db
        .selectFrom('org_closure as c')
        .innerJoin('org_node as s', 's.id', 'c.ancestor_id')
        .select('s.id')
        .distinct()
        .where('c.descendant_id', 'in', near)
        .where('s.kind', '=', 'street')
        .execute()
    : [];
  const plan = streetIds.length
    ? await db
        .selectFrom('governance_plan')
        .selectAll()
        .where(
          'street_id',
          'in',
          streetIds.map((s) => s.id),
        )
        .orderBy('street_id')
        .executeTakeFirst()
    : undefined;
  const held = await permissionsAt(db, user, ids);
  // Issue 14: a running committee whose composition fell short after a change (R22–R25, R35)
  const compliance = committees.length
    ? await kdb(db)
        .selectFrom('committee_compliance')
        .select(['committee_id', 'failures', 'deadline'])
        .where('committee_kind', '=', 'pmc')
        .where(
          'committee_id',
          'in',
          committees.map((c) => c.id),
        )
        .execute()
    : [];
  const overdue: { estateId: number; estateName: string; caseId: number | null; what: string; due: string }[] = [];
  const summary: Record<string, number> = {};
  const out = [];
  for (const e of estates) {
    const status = (e.status ?? 'pending') as GovernanceStatusCode;
    summary[status] = (summary[status] ?? 0) + 1;
    const caseRef = cases.find((c) => c.estate_id === e.id);
    let caseInfo = null as null | { id: number; state: string; step: number; next: ReturnType<typeof nextStep> };
    if (caseRef) {
      const c = await loadCaseRow(db, caseRef.id);
      const facts = await caseFacts(db, c, today);
      caseInfo = { id: c.id, state: c.state, step: stepIndex(c.state, false), next: nextStep(facts) };
      if (c.list_notice_id) {
        const late = await db
          .selectFrom('objection')
          .select(['id', 'verify_due'])
          .where('notice_id', '=', c.list_notice_id)
          .where('status', '=', 'open')
          .where('verify_due', '<', today)
          .execute();
        for (const o of late)
          overdue.push({ estateId: e.id, estateName: e.name, caseId: c.id, what: `书面异议逾期未核查（R30）`, due: o.verify_due });
      }
    }
    const committee = committees.find((c) => c.estate_id === e.id) ?? null;
    const expired = committee ? termExpired(committee.term_end, today) : false;
    if (committee && expired)
      overdue.push({
        estateId: e.id,
        estateName: e.name,
        caseId: null,
        what: '物管会任期届满，尚未产生业委会，需重新组建（R33）',
        due: committee.term_end!,
      });
    const shortfall = committee ? compliance.find((x) => x.committee_id === committee.id && x.failures.length > 0) : undefined;
    if (shortfall?.deadline)
      overdue.push({
        estateId: e.id,
        estateName: e.name,
        caseId: null,
        what: `物管会构成不合规（${shortfall.failures.map((f) => f.rule).join('、')}），应限期整改`,
        due: shortfall.deadline,
      });
    const stillNeeds = needsPmc(status);
    if (plan && stillNeeds && plan.deadline < today)
      overdue.push({
        estateId: e.id,
        estateName: e.name,
        caseId: caseRef?.id ?? null,
        what: '实施方案期限已过仍未组建物管会（R42）',
        due: plan.deadline,
      });
    const perms = held.get(e.id) ?? new Set();
    const actions: string[] = [];
    // The case page is for those whose scope holds the estate (not a grid worker reaching it through buildings).
    if (perms.has('governance.read') && (caseInfo || committee?.case_id)) actions.push('openCase');
    if (perms.has('governance.manage') && status !== 'formingPmc' && status !== 'pmcRunning') actions.push('setStatus');
    // R33: a committee whose term has ended without an owners' committee is re-formed.
    if (
      perms.has('formation.run') &&
      !caseRef &&
      (status === 'pending' || status === 'committeeExpired' || (status === 'pmcRunning' && expired))
    )
      actions.push('startCase');
    if (perms.has('governance.manage')) actions.push('enterOwnersCommittee');
    out.push({
      id: e.id,
      name: e.name,
      communityId: e.community_id,
      communityName: e.community_name,
      status,
      statusLabel: GOVERNANCE_STATUS_LABEL[status],
      reason: e.reason,
      reasonLabel: e.reason ? GOVERNANCE_REASON_LABEL[e.reason as GovernanceReasonCode] : null,
      note: e.note,
      needsPmc: stillNeeds,
      committeeTermEnd: e.committee_term_end,
      caseId: caseInfo?.id ?? null,
      caseState: caseInfo?.state ?? null,
      caseStateLabel: caseInfo ? CASE_STATE_LABEL[caseInfo.state as keyof typeof CASE_STATE_LABEL] : null,
      step: caseInfo?.step ?? null,
      nextStep: caseInfo?.next?.label ?? null,
      nextActor: caseInfo?.next?.actor ?? null,
      nextDue: caseInfo?.next?.due ?? null,
      overdue: overdue.some((o) => o.estateId === e.id),
      committee: committee
        ? {
            id: committee.id,
            establishedOn: committee.established_on,
            termEnd: committee.term_end,
            termExpired: expired,
            certificateNo: committee.certificate_no,
            // the finished case that established it: its progress is 已成立, not 未启动
            caseId: committee.case_id,
            // Issue 14: 构成不合规 with the failed rules and the deadline to put it right
            nonCompliant: shortfall ? { failures: shortfall.failures, deadline: shortfall.deadline } : null,
          }
        : null,
      daysToDeadline: plan && stillNeeds ? dayDiff(today, plan.deadline) : null,
      actions,
    });
  }
  return {
    plan: plan ? { streetId: plan.street_id, name: plan.name, deadline: plan.deadline, phases: plan.phases } : null,
    summary,
    estates: out,
    overdue,
  };
}

const ACTION_ORDER: CaseAction[] = [
  'announce',
  'nominate',
  'closeNominations',
  'vet',
  'openList',
  'saveList',
  'approveList',
  'reviseList',
  'establish',
  'applySeal',
  'recordSeal',
  'cancel',
];

/** The case page: where it is, what happened when and by whom, the documents, the next deadline, who must act. */
export async function caseDetail(db: Db, user: CurrentUser, id: number) {
  const today = todayInChina();
  const c = await loadCaseRow(db, id);
  const held = (await permissionsAt(db, user, [c.estate_id])).get(c.estate_id) ?? new Set();
  if (!held.has('governance.read')) throw notFound('组建案件');
  const facts = await caseFacts(db, c, today);
  const { estate, community, street } = await placeOf(db, c.estate_id);
  const notice = async (nid: number | null) => {
    if (!nid) return null;
    const n = await db
      .selectFrom('public_notice')
      .select(['id', 'title', 'publish_date', 'end_date', 'calendar_complete', 'backdate_reason'])
      .where('id', '=', nid)
      .executeTakeFirst();
    return n
      ? {
          id: n.id,
          title: n.title,
          publishDate: n.publish_date,
          endDate: n.end_date,
          calendarComplete: n.calendar_complete,
          backdated: n.backdate_reason != null,
        }
      : null;
  };
  const noms = await db
    .selectFrom('nomination as n')
    .innerJoin('person as p', 'p.id', 'n.person_id')
    .select([
      'n.id',
      'n.person_id',
      'n.channel',
      'n.owner_representative',
      'n.statement',
      'n.vetting',
      'n.vetting_reason',
      'n.vetted_at',
      'p.name',
      'p.occupation',
      'p.address',
      'p.party_status',
    ])
    .where('n.case_id', '=', c.id)
    .orderBy('n.id')
    .execute();
  const signers = noms.length
    ? await db
        .selectFrom('nomination_signer as s')
        .innerJoin('person as p', 'p.id', 's.person_id')
        .select(['s.nomination_id', 'p.id', 'p.name'])
        .where(
          's.nomination_id',
          'in',
          noms.map((n) => n.id),
        )
        .execute()
    : [];
  const signerKeys = await headKeysOf(
    db,
    c.estate_id,
    signers.map((s) => s.id),
  );
  const eligibility = await eligibilityOf(
    db,
    noms.map((n) => n.person_id),
    c.estate_id,
    today,
  );
  const pool = c.list_round > 0 ? await candidatePool(db, c.id, c.estate_id, community?.id ?? null, today) : [];
  const list =
    c.list_round > 0
      ? await db
          .selectFrom('list_member')
          .select(['person_id', 'seat'])
          .where('case_id', '=', c.id)
          .where('round', '=', c.list_round)
          .orderBy('id')
          .execute()
      : [];
  const objections = c.list_notice_id
    ? await db.selectFrom('objection').selectAll().where('notice_id', '=', c.list_notice_id).orderBy('id').execute()
    : [];
  const committee = c.committee_id
    ? await db.selectFrom('property_committee').selectAll().where('id', '=', c.committee_id).executeTakeFirst()
    : undefined;
  const seats = committee
    ? await db
        .selectFrom('post as p')
        .innerJoin('person as pe', 'pe.id', 'p.person_id')
        .select(['p.person_id', 'pe.name', 'p.role', 'p.ended_on'])
        .where('p.node_id', '=', c.estate_id)
        .where('p.role', 'in', ['propertyCommitteeDirector', 'propertyCommitteeDeputy', 'propertyCommitteeMember'])
        .where('p.started_on', '=', committee.established_on)
        .orderBy('p.role')
        .execute()
    : [];
  const timeline = await db
    .selectFrom('audit_entry')
    .select(['at', 'actor_name', 'action'])
    .where('entity_type', '=', 'formation_case')
    .where('entity_id', '=', String(c.id))
    .orderBy('id')
    .execute();
  const seatLabel: Record<string, string> = {
    propertyCommitteeDirector: '主任',
    propertyCommitteeDeputy: '副主任',
    propertyCommitteeMember: '委员',
  };
  const actionLabel = (a: string) => {
    const key = a.replace(/^formation\./, '');
    if (key === 'start') return '启动组建';
    if (key === 'sign') return '业主联名签名';
    return CASE_ACTIONS[key as CaseAction]?.label ?? a;
  };
  return {
    id: c.id,
    estate: { id: c.estate_id, name: estate?.name ?? '', communityName: community?.name ?? null, streetName: street?.name ?? null },
    state: c.state,
    stateLabel: CASE_STATE_LABEL[c.state],
    step: stepIndex(c.state, committee?.seal_recorded_on != null),
    steps: [...CASE_STEPS],
    profile: c.profile,
    listRound: c.list_round,
    next: nextStep(facts),
    actions: ACTION_ORDER.map((a) => {
      const reason = refusal(a, facts) ?? (held.has(CASE_ACTIONS[a].permission) ? null : `需由${CASE_ACTIONS[a].actor}办理`);
      return { action: a, label: CASE_ACTIONS[a].label, allowed: reason === null, reason };
    }),
    announcement: await notice(c.announcement_notice_id),
    listNotice: await notice(c.list_notice_id),
    nominations: noms.map((n) => {
      const mine = signers.filter((s) => s.nomination_id === n.id);
      return {
        id: n.id,
        person: { id: n.person_id, name: n.name, occupation: n.occupation, address: n.address, partyStatus: n.party_status },
        channel: n.channel,
        channelLabel: NOMINATION_CHANNEL_LABEL[n.channel],
        ownerRepresentative: n.owner_representative,
        statement: n.statement,
        signers: mine.map((s) => ({ id: s.id, name: s.name })),
        distinctSigners: countSigners(mine.map((s) => ({ personId: s.id, headKeys: signerKeys.get(s.id) ?? [] }))).distinct,
        vetting: n.vetting,
        vettingReason: n.vetting_reason,
        vettedAt: n.vetted_at ? new Date(n.vetted_at).toISOString() : null,
        problems: eligibilityProblems(eligibility.get(n.person_id)!, n.owner_representative),
      };
    }),
    list: list.map((l) => ({ personId: l.person_id, seat: l.seat })),
    pool,
    directorRule: DIRECTOR_RULE_LABEL[c.profile.director],
    objections: objections.map((o) => ({
      id: o.id,
      objectorName: o.objector_name,
      content: o.content,
      channel: o.channel,
      receivedOn: o.received_on,
      verifyDue: o.verify_due,
      status: o.status,
      finding: o.finding,
      noticeId: o.notice_id,
      objectorUnit: o.objector_unit,
      verifyDueComplete: o.verify_due_complete,
      overdue: o.status === 'open' && o.verify_due < today,
    })),
    committee: committee
      ? {
          id: committee.id,
          certificateNo: committee.certificate_no,
          establishedOn: committee.established_on,
          termEnd: committee.term_end,
          status: committee.status,
          sealAppliedOn: committee.seal_applied_on,
          sealRecordedOn: committee.seal_recorded_on,
          dissolvedOn: committee.dissolved_on,
          dissolutionReason: committee.dissolution_reason,
          handover: committee.handover as { documentsOn?: string | null; sealOn?: string | null; note?: string | null } | null,
          members: seats.map((s) => ({ personId: s.person_id, name: s.name, seat: seatLabel[s.role] ?? s.role, endedOn: s.ended_on })),
        }
      : null,
    timeline: timeline.map((t) => ({
      at: new Date(t.at).toISOString(),
      actor: t.actor_name,
      action: t.action,
      label: actionLabel(t.action),
    })),
    today,
  };
}

/** Open joint nominations (R28) in the estates where the caller owns a unit, for owners to sign online. */
export async function myJointNominations(db: Db, user: CurrentUser) {
  const persons = (await db.selectFrom('owner_binding').select('person_id').where('account_id', '=', user.id).execute()).map(
    (p) => p.person_id,
  );
  if (persons.length === 0) return { items: [] };
  const estates = await db
    .selectFrom('ownership as o')
    .innerJoin('unit as u', 'u.id', 'o.unit_id')
    .select('u.estate_id')
    .distinct()
    .where('o.person_id', 'in', persons)
    .where('o.ended_on', 'is', null)
    .execute();
  if (estates.length === 0) return { items: [] };
  const rows = await db
    .selectFrom('nomination as n')
    .innerJoin('formation_case as c', 'c.id', 'n.case_id')
    .innerJoin('org_node as e', 'e.id', 'c.estate_id')
    .innerJoin('person as p', 'p.id', 'n.person_id')
    .leftJoin('public_notice as a', 'a.id', 'c.announcement_notice_id')
    .select(['n.id', 'n.case_id', 'n.statement', 'e.name as estate_name', 'p.name as candidate', 'p.occupation', 'a.end_date'])
    .where('n.channel', '=', 'jointOwners')
    .where('c.state', '=', 'nominating')
    .where(
      'c.estate_id',
      'in',
      estates.map((e) => e.estate_id),
    )
    .orderBy('n.id')
    .execute();
  const signers = rows.length
    ? await db
        .selectFrom('nomination_signer')
        .select(['nomination_id', 'person_id'])
        .where(
          'nomination_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  return {
    items: rows.map((r) => ({
      caseId: r.case_id,
      nominationId: r.id,
      estateName: r.estate_name,
      candidate: r.candidate,
      occupation: r.occupation,
      statement: r.statement,
      announcementEnd: r.end_date,
      signers: signers.filter((s) => s.nomination_id === r.id).length,
      signedByMe: signers.some((s) => s.nomination_id === r.id && persons.includes(s.person_id)),
    })),
  };
}
