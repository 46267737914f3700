import { sql } from 'kysely';
import {
  AGENDA_SOURCE_LABEL,
  BODY_KIND_LABEL,
  DISPUTE_CATEGORY_LABEL,
  DISPUTE_PARTY_LABEL,
  DISPUTE_STATE_LABEL,
  MEETING_STATE_LABEL,
  MEMBER_KIND_LABEL,
  TASK_STATE_LABEL,
  meetingRefusal,
  taskOverdue,
  type AgendaSource,
  type DisputeCategory,
  type DisputePartyKind,
} from '../../core/coordination.js';
import { GOVERNANCE_STATUS_LABEL, needsPmc, type GovernanceStatusCode } from '../../core/formation.js';
import { inScope, permissionsAt, scopeRoots } from '../access/scope.js';
import { formatChinaMinute, todayInChina } from '../clock.js';
import { partyBuildingChecks } from '../companies/queries.js';
import type { Db } from '../db/connect.js';
import type { Trx } from '../db/transaction.js';
import type { CurrentUser } from '../http/context.js';
import { registryChecks } from '../people/queries.js';
import { loadMeeting, taskVisible } from './access.js';
import { ESCALATION_LABEL, OPEN_STATES, type EscalationLevel } from '../../core/tickets.js';
import { loadCalendar } from '../calendar/store.js';
import { estateBoards } from '../disclosures/board.js';
import { sdb } from '../tickets/tables.js';
import { cdb, type CoordinationDb } from './tables.js';

type Q = Db | Trx;
const q = (db: Q) => db as unknown as CoordinationDb;
const undemo = (s: string) => s.replace(/（演示）$/, '');

/** The accounts that carry out a member's tasks: its own account, and a property company's staff. */
export async function memberAccounts(db: Q, memberId: number): Promise<number[]> {
  const m = await q(db)
    .selectFrom('coordination_member')
    .select(['account_id', 'company_id'])
    .where('id', '=', memberId)
    .executeTakeFirst();
  if (!m) return [];
  const staff =
    m.company_id == null
      ? []
      : await q(db)
          .selectFrom('role_assignment')
          .select('account_id')
          .where('node_id', '=', m.company_id)
          .where('role', '=', 'propertyStaff')
          .execute();
  return [...new Set([...(m.account_id ? [m.account_id] : []), ...staff.map((s) => s.account_id)])];
}

/**
 * Tasks still open after their deadline, of every body at or below `nodeId` (a 四位一体 meeting's
 * own; for the street's 联席会议 also its communities'): what goes on the next meeting's agenda.
 */
export async function overdueTasksUnder(db: Q, nodeId: number, today: string) {
  return q(db)
    .selectFrom('coordination_task as t')
    .innerJoin('coordination_member as m', 'm.id', 't.member_id')
    .innerJoin('coordination_resolution as r', 'r.id', 't.resolution_id')
    .innerJoin('coordination_meeting as mt', 'mt.id', 'r.meeting_id')
    .innerJoin('coordination_body as b', 'b.id', 'mt.body_id')
    .innerJoin('org_closure as c', 'c.descendant_id', 'b.node_id')
    .select(['t.id', 't.title', 't.due_on', 'm.organisation', 'mt.title as meeting_title'])
    .where('c.ancestor_id', '=', nodeId)
    .where('t.state', '=', 'open')
    .where('t.due_on', '<', today)
    .orderBy('t.due_on')
    .orderBy('t.id')
    .execute();
}

export interface Candidate {
  source: AgendaSource;
  sourceLabel: string;
  sourceId: number;
  estateId: number | null;
  title: string;
  detail: string;
}

/**
 * What the platform knows that may go on a planned meeting's agenda, within the body's reach and not
 * on it yet: overdue tasks, open disputes, estates past the plan's deadline without a PMC (R42),
 * grids short of staff (R40), companies that should have a party organisation (R39), and tickets
 * escalated to the community or street or rated 不满意 (issue 16), a committee's request, and estates
 * whose supervision board has stale or missing items (issue 15). `only` names the one source a caller
 * checks (adding an item): the supervision board, read estate by estate, is then skipped unless asked.
 */
export async function agendaCandidates(db: Q, user: CurrentUser, meetingId: number, only?: AgendaSource): Promise<Candidate[]> {
  const { meeting, body } = await loadMeeting(db, user, meetingId, 'coordination.manage');
  const today = todayInChina();
  const taken = await q(db)
    .selectFrom('coordination_agenda')
    .select(['source', 'source_id'])
    .where('meeting_id', '=', meeting.id)
    .execute();
  const isTaken = (s: AgendaSource, id: number) => taken.some((x) => x.source === s && x.source_id === id);
  const out: Candidate[] = [];
  for (const t of await overdueTasksUnder(db, body.node_id, today))
    out.push({
      source: 'overdueTask',
      sourceLabel: AGENDA_SOURCE_LABEL.overdueTask,
      sourceId: t.id,
      estateId: null,
      title: `逾期任务：${t.title}（${t.organisation}）`,
      detail: `${t.meeting_title}交办，期限${t.due_on}`,
    });
  const disputes = await q(db)
    .selectFrom('dispute as d')
    .innerJoin('org_node as e', 'e.id', 'd.estate_id')
    .innerJoin('org_closure as c', 'c.descendant_id', 'd.estate_id')
    .select(['d.id', 'd.title', 'd.category', 'd.occurred_on', 'e.id as estate_id', 'e.name as estate_name'])
    .where('c.ancestor_id', '=', body.node_id)
    .where('d.state', '=', 'open')
    .orderBy('d.occurred_on')
    .execute();
  for (const d of disputes)
    out.push({
      source: 'dispute',
      sourceLabel: AGENDA_SOURCE_LABEL.dispute,
      sourceId: d.id,
      estateId: d.estate_id,
      title: `${undemo(d.estate_name)}：${d.title}`,
      detail: `${DISPUTE_CATEGORY_LABEL[d.category as DisputeCategory] ?? d.category}，发生于${d.occurred_on}`,
    });
  // what a committee asked the community to take up (提请事项), not withdrawn
  const requests = await q(db)
    .selectFrom('coordination_request as r')
    .innerJoin('org_node as e', 'e.id', 'r.estate_id')
    .innerJoin('org_closure as c', 'c.descendant_id', 'r.estate_id')
    .select(['r.id', 'r.title', 'r.content', 'r.submitted_at', 'e.id as estate_id', 'e.name as estate_name'])
    .where('c.ancestor_id', '=', body.node_id)
    .where('r.state', '=', 'open')
    // taken up by a meeting already: it is that meeting's now
    .where(sql<boolean>`not exists (select 1 from coordination_agenda ag where ag.source = 'committeeRequest' and ag.source_id = r.id)`)
    .orderBy('r.submitted_at')
    .execute();
  for (const r of requests)
    out.push({
      source: 'committeeRequest',
      sourceLabel: AGENDA_SOURCE_LABEL.committeeRequest,
      sourceId: r.id,
      estateId: r.estate_id,
      title: `${undemo(r.estate_name)}：${r.title}`,
      detail: `${formatChinaMinute(r.submitted_at).slice(0, 10)}提请：${r.content.slice(0, 120)}`,
    });
  // tickets that reached the community or the street by escalation, or an owner rated 不满意: what
  // the grid and the company could not settle between them (seed item 4)
  const tickets = await sdb(db as Db)
    .selectFrom('ticket as t')
    .innerJoin('org_node as e', 'e.id', 't.estate_id')
    .innerJoin('org_closure as c', 'c.descendant_id', 't.estate_id')
    .select([
      't.id',
      't.title',
      't.kind_name',
      't.state',
      't.escalation_level',
      't.finish_due_at',
      't.handler_name',
      'e.id as estate_id',
      'e.name as estate_name',
    ])
    .where('c.ancestor_id', '=', body.node_id)
    .where((eb) =>
      eb.or([eb.and([eb('t.state', 'in', [...OPEN_STATES]), eb('t.escalation_level', '>=', 2)]), eb('t.state', '=', 'revisit')]),
    )
    .orderBy('t.finish_due_at')
    .orderBy('t.id')
    .execute();
  for (const t of tickets)
    out.push({
      source: 'ticket',
      sourceLabel: AGENDA_SOURCE_LABEL.ticket,
      sourceId: t.id,
      estateId: t.estate_id,
      title: `${undemo(t.estate_name)}：${t.kind_name}（${t.title}）`,
      detail:
        t.state === 'revisit'
          ? `居民评价不满意，待回访；承办：${t.handler_name ?? '未派单'}`
          : `${ESCALATION_LABEL[t.escalation_level as EscalationLevel]}，处理期限${formatChinaMinute(t.finish_due_at)}；承办：${t.handler_name ?? '未派单'}`,
    });
  // the supervision board (十公开, R38): an estate whose items are stale or missing
  const boardEstates =
    only && only !== 'boardFlag'
      ? []
      : await q(db)
          .selectFrom('org_node as e')
          .innerJoin('org_closure as c', 'c.descendant_id', 'e.id')
          .select(['e.id', 'e.name'])
          .where('c.ancestor_id', '=', body.node_id)
          .where('e.kind', '=', 'estate')
          .orderBy('e.id')
          .limit(100)
          .execute();
  if (boardEstates.length) {
    const calendar = await loadCalendar(db as Db);
    const boards = await estateBoards(
      db as Db,
      boardEstates.map((e) => e.id),
      today,
      calendar,
    );
    for (const e of boardEstates) {
      const board = boards.get(e.id)!;
      const stale = board.filter((i) => i.status === 'stale').map((i) => i.item);
      const missing = board.filter((i) => i.status === 'missing').map((i) => i.item);
      if (stale.length + missing.length === 0) continue;
      out.push({
        source: 'boardFlag',
        sourceLabel: AGENDA_SOURCE_LABEL.boardFlag,
        sourceId: e.id,
        estateId: e.id,
        title: `${undemo(e.name)}：物业监督台${[stale.length && `${stale.length}项过期`, missing.length && `${missing.length}项未公开`].filter(Boolean).join('、')}`,
        detail:
          [stale.length && `过期：${stale.join('、')}`, missing.length && `未公开：${missing.join('、')}`].filter(Boolean).join('；') +
          '（R38）',
      });
    }
  }
  const plan = await q(db)
    .selectFrom('governance_plan as p')
    .innerJoin('org_closure as c', 'c.ancestor_id', 'p.street_id')
    .select(['p.deadline'])
    .where('c.descendant_id', '=', body.node_id)
    .executeTakeFirst();
  if (plan && plan.deadline < today) {
    const estates = await q(db)
      .selectFrom('org_node as e')
      .innerJoin('org_closure as c', 'c.descendant_id', 'e.id')
      .leftJoin('estate_governance as g', 'g.estate_id', 'e.id')
      .select(['e.id', 'e.name', 'g.status'])
      .where('c.ancestor_id', '=', body.node_id)
      .where('e.kind', '=', 'estate')
      .orderBy('e.id')
      .execute();
    for (const e of estates) {
      const status = (e.status ?? 'pending') as GovernanceStatusCode;
      if (!needsPmc(status)) continue;
      out.push({
        source: 'estateBehindPlan',
        sourceLabel: AGENDA_SOURCE_LABEL.estateBehindPlan,
        sourceId: e.id,
        estateId: e.id,
        title: `${undemo(e.name)}逾期未组建物业管理委员会`,
        detail: `实施方案期限${plan.deadline}（R42），现状：${GOVERNANCE_STATUS_LABEL[status] ?? status}`,
      });
    }
  }
  const held = (await permissionsAt(db as Db, user, [body.node_id])).get(body.node_id);
  if (held?.has('registry.read')) {
    const checks = await registryChecks(db as Db, user, body.node_id);
    for (const g of checks.grids.filter((x) => x.problems.length > 0))
      out.push({
        source: 'registryFlag',
        sourceLabel: AGENDA_SOURCE_LABEL.registryFlag,
        sourceId: g.gridId,
        estateId: null,
        title: `${undemo(g.communityName)}${undemo(g.gridName)}：${g.problems[0]}`,
        detail: g.problems.join('；'),
      });
  }
  if (held?.has('company.read')) {
    const street = await q(db)
      .selectFrom('org_closure as c')
      .innerJoin('org_node as s', 's.id', 'c.ancestor_id')
      .select('s.id')
      .where('c.descendant_id', '=', body.node_id)
      .where('s.kind', '=', 'street')
      .executeTakeFirst();
    if (street) {
      const party = await partyBuildingChecks(db as Db, user, street.id, today);
      for (const c of party.companies.filter((x) => x.partyBuildingStatus === 'shouldEstablish'))
        out.push({
          source: 'registryFlag',
          sourceLabel: AGENDA_SOURCE_LABEL.registryFlag,
          // companies and grids are both org nodes: one id space, no clash
          sourceId: c.id,
          estateId: null,
          title: `${undemo(c.name)}：${c.partyBuildingLabel}`,
          detail: `正式党员${c.fullMembers}名，应建立党组织（R39）`,
        });
    }
  }
  return out.filter((c) => !isTaken(c.source, c.sourceId));
}

/** The bodies within the caller's reach (at or below `nodeId`), with their members and latest meetings. */
export async function listBodies(db: Db, user: CurrentUser, nodeId?: number) {
  let query = cdb(db)
    .selectFrom('coordination_body as b')
    .innerJoin('org_node as n', 'n.id', 'b.node_id')
    .select(['b.id', 'b.kind', 'b.name', 'b.node_id', 'n.name as node_name'])
    .where(inScope(user, 'coordination.read', sql.ref('b.node_id')))
    .orderBy('b.kind', 'desc')
    .orderBy('n.id');
  if (nodeId != null)
    query = query.where(sql<boolean>`exists (select 1 from org_closure x where x.ancestor_id = ${nodeId} and x.descendant_id = b.node_id)`);
  const bodies = await query.execute();
  const ids = bodies.map((b) => b.id);
  const members = ids.length
    ? await cdb(db)
        .selectFrom('coordination_member as m')
        .leftJoin('account as a', 'a.id', 'm.account_id')
        .selectAll('m')
        .select('a.username')
        .where('m.body_id', 'in', ids)
        .orderBy('m.position')
        .execute()
    : [];
  const meetings = ids.length
    ? await cdb(db)
        .selectFrom('coordination_meeting')
        .select(['id', 'body_id', 'title', 'held_on', 'state'])
        .where('body_id', 'in', ids)
        .orderBy('held_on', 'desc')
        .orderBy('id', 'desc')
        .execute()
    : [];
  const held = await permissionsAt(
    db,
    user,
    bodies.map((b) => b.node_id),
  );
  return {
    items: bodies.map((b) => ({
      id: b.id,
      kind: b.kind,
      kindLabel: BODY_KIND_LABEL[b.kind],
      name: b.name,
      nodeId: b.node_id,
      nodeName: undemo(b.node_name),
      members: members.filter((m) => m.body_id === b.id).map(presentMember),
      meetings: meetings
        .filter((m) => m.body_id === b.id)
        .map((m) => ({ id: m.id, title: m.title, heldOn: m.held_on, state: m.state, stateLabel: MEETING_STATE_LABEL[m.state] })),
      actions: held.get(b.node_id)?.has('coordination.manage') ? ['manage'] : [],
    })),
  };
}

function presentMember(m: {
  id: number;
  kind: keyof typeof MEMBER_KIND_LABEL;
  organisation: string;
  representative: string | null;
  account_id: number | null;
  username?: string | null;
  company_id: number | null;
  active: boolean;
}) {
  return {
    id: m.id,
    kind: m.kind,
    kindLabel: MEMBER_KIND_LABEL[m.kind],
    organisation: m.organisation,
    representative: m.representative,
    hasAccount: m.account_id != null,
    /** who acts for the organisation (staff-facing: the convenor sets it) */
    accountLogin: m.username ?? null,
    companyId: m.company_id,
    active: m.active,
  };
}

const taskColumns = [
  't.id',
  't.resolution_id',
  't.title',
  't.assignee',
  't.state',
  't.due_on',
  't.due_workdays',
  't.calendar_complete',
  't.done_note',
  't.evidence_file_id',
  't.origin_task_id',
  't.member_id',
  'm.organisation',
  'mt.id as meeting_id',
  'mt.title as meeting_title',
  'mt.convenor_account_id',
  'r.text as resolution',
  'b.name as body_name',
] as const;

function presentTask(
  t: {
    id: number;
    title: string;
    assignee: string | null;
    state: keyof typeof TASK_STATE_LABEL;
    due_on: string;
    due_workdays: number;
    calendar_complete: boolean;
    done_note: string | null;
    evidence_file_id: number | null;
    origin_task_id: number | null;
    member_id: number;
    organisation: string;
    meeting_id: number;
    meeting_title: string;
    convenor_account_id: number | null;
    resolution: string;
    body_name: string;
  },
  user: CurrentUser,
  today: string,
  acts: boolean,
  notes: { note: string; at: Date }[] = [],
) {
  const overdue = taskOverdue({ state: t.state, dueOn: t.due_on }, today);
  const convenes = t.convenor_account_id === user.id;
  const actions: string[] = [];
  if (acts && t.state === 'open') actions.push('note', 'finish');
  if (convenes && t.state === 'done') actions.push('confirm', 'reopen');
  return {
    id: t.id,
    title: t.title,
    organisation: t.organisation,
    memberId: t.member_id,
    assignee: t.assignee,
    state: t.state,
    stateLabel: overdue ? '逾期' : TASK_STATE_LABEL[t.state],
    overdue,
    dueOn: t.due_on,
    dueWorkdays: t.due_workdays,
    calendarComplete: t.calendar_complete,
    doneNote: t.done_note,
    hasEvidence: t.evidence_file_id != null,
    originTaskId: t.origin_task_id,
    meetingId: t.meeting_id,
    meetingTitle: t.meeting_title,
    bodyName: t.body_name,
    resolution: t.resolution,
    notes: notes.map((n) => ({ note: n.note, at: new Date(n.at).toISOString() })),
    actions,
  };
}

const tasksFrom = (db: Q) =>
  q(db)
    .selectFrom('coordination_task as t')
    .innerJoin('coordination_member as m', 'm.id', 't.member_id')
    .innerJoin('coordination_resolution as r', 'r.id', 't.resolution_id')
    .innerJoin('coordination_meeting as mt', 'mt.id', 'r.meeting_id')
    .innerJoin('coordination_body as b', 'b.id', 'mt.body_id');

/**
 * The tasks the caller may see (taskVisible: within their coordination scope, or given to them or
 * their company), filtered; with what they may do to each.
 */
export async function listTasks(
  db: Db,
  user: CurrentUser,
  filter: 'open' | 'done' | 'overdue' | 'closed' | 'all',
  nodeId?: number,
  onlyId?: number,
) {
  const today = todayInChina();
  let query = tasksFrom(db)
    .select([...taskColumns, 'b.node_id', 'm.account_id', 'm.company_id'])
    .where(taskVisible(user));
  if (filter === 'open') query = query.where('t.state', '=', 'open');
  if (filter === 'overdue') query = query.where('t.state', '=', 'open').where('t.due_on', '<', today);
  if (filter === 'done') query = query.where('t.state', '=', 'done');
  if (filter === 'closed') query = query.where('t.state', 'in', ['confirmed', 'transferred']);
  if (nodeId != null)
    query = query.where(sql<boolean>`exists (select 1 from org_closure x where x.ancestor_id = ${nodeId} and x.descendant_id = b.node_id)`);
  if (onlyId != null) query = query.where('t.id', '=', onlyId);
  const rows = await query.orderBy('t.due_on').orderBy('t.id').limit(500).execute();
  const held = await permissionsAt(db, user, [...new Set(rows.flatMap((r) => [r.node_id, ...(r.company_id ? [r.company_id] : [])]))]);
  const notes = rows.length
    ? await cdb(db)
        .selectFrom('coordination_task_note')
        .select(['task_id', 'note', 'created_at as at'])
        .where(
          'task_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('id')
        .execute()
    : [];
  return {
    items: rows.map((r) =>
      presentTask(
        r,
        user,
        today,
        r.account_id === user.id ||
          (r.company_id != null && (held.get(r.company_id)?.has('task.update') ?? false)) ||
          (held.get(r.node_id)?.has('coordination.manage') ?? false),
        notes.filter((n) => n.task_id === r.id),
      ),
    ),
  };
}

/** A meeting as its page shows it: members and attendance, agenda, minutes, resolutions with their tasks, files. */
export async function meetingDetail(db: Db, user: CurrentUser, id: number) {
  const { meeting, body, held } = await loadMeeting(db, user, id);
  const today = todayInChina();
  const [members, attendance, agenda, resolutions, files, tasks, convenor] = await Promise.all([
    cdb(db).selectFrom('coordination_member').selectAll().where('body_id', '=', body.id).orderBy('position').execute(),
    cdb(db).selectFrom('coordination_attendance').selectAll().where('meeting_id', '=', meeting.id).execute(),
    cdb(db).selectFrom('coordination_agenda').selectAll().where('meeting_id', '=', meeting.id).orderBy('position').orderBy('id').execute(),
    cdb(db).selectFrom('coordination_resolution').selectAll().where('meeting_id', '=', meeting.id).orderBy('position').execute(),
    cdb(db)
      .selectFrom('coordination_file')
      .select(['id', 'file_name', 'content_type', 'size'])
      .where('meeting_id', '=', meeting.id)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('coordination_task as x').select('x.id').whereRef('x.evidence_file_id', '=', 'coordination_file.id'))),
      )
      .orderBy('id')
      .execute(),
    tasksFrom(db).select(taskColumns).where('r.meeting_id', '=', meeting.id).orderBy('t.id').execute(),
    meeting.convenor_account_id
      ? cdb(db).selectFrom('account').select('display_name').where('id', '=', meeting.convenor_account_id).executeTakeFirst()
      : undefined,
  ]);
  const manage = held.has('coordination.manage');
  const actions: string[] = [];
  if (manage && !meetingRefusal('editAgenda', meeting.state)) actions.push('editAgenda');
  if (manage && !meetingRefusal('record', meeting.state) && meeting.held_on <= today) actions.push('record');
  if (manage && !meetingRefusal('resolve', meeting.state)) actions.push('resolve');
  return {
    id: meeting.id,
    title: meeting.title,
    heldOn: meeting.held_on,
    location: meeting.location,
    state: meeting.state,
    stateLabel: MEETING_STATE_LABEL[meeting.state],
    convenor: convenor?.display_name ?? null,
    minutes: meeting.minutes,
    body: { id: body.id, kind: body.kind, kindLabel: BODY_KIND_LABEL[body.kind], name: body.name, nodeId: body.node_id },
    members: members.map((m) => {
      const a = attendance.find((x) => x.member_id === m.id);
      return { ...presentMember(m), present: a?.present ?? null, attendee: a?.attendee ?? null };
    }),
    agenda: agenda.map((a) => ({
      id: a.id,
      source: a.source,
      sourceLabel: AGENDA_SOURCE_LABEL[a.source],
      sourceId: a.source_id,
      estateId: a.estate_id,
      title: a.title,
      note: a.note,
    })),
    resolutions: resolutions.map((r) => ({
      id: r.id,
      text: r.text,
      agendaId: r.agenda_id,
      tasks: tasks.filter((t) => t.resolution_id === r.id).map((t) => presentTask(t, user, today, manage)),
    })),
    files: files.map((f) => ({ id: f.id, fileName: f.file_name, contentType: f.content_type, size: f.size })),
    actions,
  };
}

/** The register of disputes within the caller's reach, with their mediations and whether they went to a meeting. */
export async function listDisputes(
  db: Db,
  user: CurrentUser,
  nodeId: number | undefined,
  state: 'open' | 'resolved' | 'unresolved' | 'all',
) {
  let query = cdb(db)
    .selectFrom('dispute as d')
    .innerJoin('org_node as e', 'e.id', 'd.estate_id')
    .selectAll('d')
    .select('e.name as estate_name')
    .where(inScope(user, 'coordination.read', sql.ref('d.estate_id')));
  if (nodeId != null)
    query = query.where(
      sql<boolean>`exists (select 1 from org_closure x where x.ancestor_id = ${nodeId} and x.descendant_id = d.estate_id)`,
    );
  if (state !== 'all') query = query.where('d.state', '=', state);
  const rows = await query.orderBy('d.occurred_on', 'desc').orderBy('d.id', 'desc').limit(500).execute();
  const ids = rows.map((r) => r.id);
  const [mediations, meetings] = ids.length
    ? await Promise.all([
        cdb(db).selectFrom('dispute_mediation').selectAll().where('dispute_id', 'in', ids).orderBy('mediated_on').orderBy('id').execute(),
        cdb(db)
          .selectFrom('coordination_agenda as a')
          .innerJoin('coordination_meeting as m', 'm.id', 'a.meeting_id')
          .select(['a.source_id', 'm.id', 'm.title', 'm.held_on'])
          .where('a.source', '=', 'dispute')
          .where('a.source_id', 'in', ids)
          .execute(),
      ])
    : [[], []];
  const held = await permissionsAt(db, user, [...new Set(rows.map((r) => r.estate_id))]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      estateId: r.estate_id,
      estateName: undemo(r.estate_name),
      category: r.category,
      categoryLabel: DISPUTE_CATEGORY_LABEL[r.category as DisputeCategory] ?? r.category,
      title: r.title,
      description: r.description,
      parties: (r.parties as { kind: DisputePartyKind; name: string }[]).map((p) => ({
        ...p,
        kindLabel: DISPUTE_PARTY_LABEL[p.kind] ?? p.kind,
      })),
      occurredOn: r.occurred_on,
      state: r.state,
      stateLabel: DISPUTE_STATE_LABEL[r.state],
      outcome: r.outcome,
      mediations: mediations
        .filter((m) => m.dispute_id === r.id)
        .map((m) => ({ id: m.id, mediatedOn: m.mediated_on, mediator: m.mediator, record: m.record })),
      meetings: meetings.filter((m) => m.source_id === r.id).map((m) => ({ id: m.id, title: m.title, heldOn: m.held_on })),
      actions: held.get(r.estate_id)?.has('dispute.manage') && r.state === 'open' ? ['mediate', 'close'] : [],
    })),
  };
}

/** The estates where the caller may register disputes (for the register's estate picker). */
export async function disputeEstates(db: Db, user: CurrentUser) {
  const rows = await db
    .selectFrom('org_node as e')
    .innerJoin('org_node as c', 'c.id', 'e.parent_id')
    .select(['e.id', 'e.name', 'c.name as community'])
    .where('e.kind', '=', 'estate')
    .where(inScope(user, 'dispute.manage', sql.ref('e.id')))
    .orderBy('c.id')
    .orderBy('e.id')
    .execute();
  return { items: rows.map((r) => ({ id: r.id, name: undemo(r.name), community: undemo(r.community) })) };
}

/**
 * 提请事项 the caller sees: a committee its own estate's requests, the community and street those of
 * their scope; each with whether (and at which meeting) it is on an agenda.
 */
export async function listRequests(db: Q, user: CurrentUser) {
  const roots = [...new Set([...scopeRoots(user, 'coordination.request'), ...scopeRoots(user, 'coordination.read')])];
  if (roots.length === 0) return { canSubmit: false, estates: [], items: [] };
  const rows = await q(db)
    .selectFrom('coordination_request as r')
    .innerJoin('org_node as e', 'e.id', 'r.estate_id')
    .innerJoin('account as a', 'a.id', 'r.submitted_by')
    .leftJoin('coordination_agenda as ag', (j) => j.onRef('ag.source_id', '=', 'r.id').on('ag.source', '=', 'committeeRequest'))
    .leftJoin('coordination_meeting as m', 'm.id', 'ag.meeting_id')
    .select([
      'r.id',
      'r.title',
      'r.content',
      'r.state',
      'r.submitted_at',
      'r.submitted_by',
      'e.id as estate_id',
      'e.name as estate_name',
      'a.display_name as submitter',
      'm.id as meeting_id',
      'm.title as meeting_title',
      'm.held_on',
    ])
    .where(sql<boolean>`r.estate_id in (select oc.descendant_id from org_closure oc where oc.ancestor_id in (${sql.join(roots)}))`)
    .orderBy('r.submitted_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(200)
    .execute();
  const requestRoots = scopeRoots(user, 'coordination.request');
  const estates = requestRoots.length
    ? await q(db)
        .selectFrom('org_node')
        .select(['id', 'name'])
        .where('id', 'in', requestRoots)
        .where('kind', '=', 'estate')
        .orderBy('id')
        .execute()
    : [];
  return {
    canSubmit: estates.length > 0,
    estates,
    items: rows.map((r) => ({
      id: r.id,
      estateId: r.estate_id,
      estateName: r.estate_name,
      title: r.title,
      content: r.content,
      submitter: r.submitter,
      submittedAt: new Date(r.submitted_at).toISOString(),
      state: r.state === 'withdrawn' ? ('withdrawn' as const) : r.meeting_id ? ('onAgenda' as const) : ('waiting' as const),
      stateLabel: r.state === 'withdrawn' ? '已撤回' : r.meeting_id ? '已列入议程' : '待列入议程',
      meeting: r.meeting_id ? { id: r.meeting_id, title: r.meeting_title!, heldOn: r.held_on! } : null,
      canWithdraw: r.state === 'open' && !r.meeting_id && r.submitted_by === user.id,
    })),
  };
}
