import {
  BODY_KIND_LABEL,
  countTasksByOrganisation,
  DISPUTE_CATEGORY_LABEL,
  monthRange,
  type DisputeCategory,
} from '../../core/coordination.js';
import { formatDateZh } from '../../core/dates.js';
import { GOVERNANCE_STATUS_LABEL, needsPmc, type GovernanceStatusCode } from '../../core/formation.js';
import { requireAt } from '../access/scope.js';
import { todayInChina } from '../clock.js';
import type { Db } from '../db/connect.js';
import type { OfficialDocument } from '../documents/official-document.js';
import { newWorkbook } from '../documents/spreadsheet.js';
import type { CurrentUser } from '../http/context.js';
import { badRequest } from '../http/errors.js';
import { cdb } from './tables.js';

const undemo = (s: string) => s.replace(/（演示）$/, '');

/**
 * The street's monthly 情况通报 (seed 8-四 and 四(二): information sharing): the coordination meetings
 * held that month, the tasks by organisation — open, of which overdue, and done — the disputes
 * registered and settled, and the estates still without a PMC against the plan's deadline (R42).
 * Task figures are as of the month's end (today, for the current month).
 */
export async function briefingData(db: Db, user: CurrentUser, streetId: number, month: string) {
  const range = monthRange(month);
  if (!range) throw badRequest('月份格式应为 YYYY-MM', 'month');
  await requireAt(db, user, streetId, 'coordination.read', 'coordination.read', '街道');
  const street = await db.selectFrom('org_node').select(['id', 'kind', 'name']).where('id', '=', streetId).executeTakeFirstOrThrow();
  if (street.kind !== 'street') throw badRequest('情况通报按街道编制，请选择街道', 'streetId');
  const today = todayInChina();
  if (range.from > today) throw badRequest('该月尚未开始，不能编制情况通报', 'month');
  const asOf = range.to < today ? range.to : today;
  const c = cdb(db);
  const under = (ref: string) =>
    c
      .selectFrom('org_closure')
      .select('descendant_id')
      .where('ancestor_id', '=', street.id)
      .whereRef('descendant_id', '=', ref as 'descendant_id');
  const meetings = await c
    .selectFrom('coordination_meeting as m')
    .innerJoin('coordination_body as b', 'b.id', 'm.body_id')
    .innerJoin('org_node as n', 'n.id', 'b.node_id')
    .select(['m.id', 'm.title', 'm.held_on', 'b.kind', 'n.name as node_name'])
    .select((eb) =>
      eb
        .selectFrom('coordination_resolution as r')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('r.meeting_id', '=', 'm.id')
        .as('resolutions'),
    )
    .where('m.state', '=', 'held')
    .where('m.held_on', '>=', range.from)
    .where('m.held_on', '<=', range.to)
    .where(({ exists }) => exists(under('b.node_id')))
    .orderBy('m.held_on')
    .orderBy('m.id')
    .execute();
  const tasks = await c
    .selectFrom('coordination_task as t')
    .innerJoin('coordination_member as mb', 'mb.id', 't.member_id')
    .innerJoin('coordination_resolution as r', 'r.id', 't.resolution_id')
    .innerJoin('coordination_meeting as m', 'm.id', 'r.meeting_id')
    .innerJoin('coordination_body as b', 'b.id', 'm.body_id')
    .select(['t.id', 't.title', 't.state', 't.due_on', 't.done_at', 'mb.organisation', 'm.title as meeting_title', 'm.held_on'])
    // when a task was handed on: its successor's creation
    .select((eb) =>
      eb
        .selectFrom('coordination_task as x')
        .select((x) => x.fn.min('x.created_at').as('at'))
        .whereRef('x.origin_task_id', '=', 't.id')
        .as('transferred_at'),
    )
    .where('m.held_on', '<=', asOf)
    .where(({ exists }) => exists(under('b.node_id')))
    .orderBy('t.due_on')
    .execute();
  // as it stood at the month's end: done where reported done by then, handed on where handed on by then, else open
  const after = (ts: Date | string | null) => ts != null && todayInChina(new Date(ts)) > asOf;
  const asOfTasks = tasks.map((t) => ({
    ...t,
    state:
      (t.state === 'transferred' && after(t.transferred_at)) || ((t.state === 'done' || t.state === 'confirmed') && after(t.done_at))
        ? ('open' as const)
        : t.state,
  }));
  const byOrganisation = countTasksByOrganisation(
    asOfTasks.map((t) => ({ organisation: t.organisation, state: t.state, dueOn: t.due_on })),
    asOf,
  );
  const overdue = asOfTasks.filter((t) => t.state === 'open' && asOf > t.due_on);
  const disputes = await c
    .selectFrom('dispute as d')
    .innerJoin('org_node as e', 'e.id', 'd.estate_id')
    .select(['d.id', 'd.title', 'd.category', 'd.state', 'd.occurred_on', 'd.created_at', 'd.closed_at', 'e.name as estate_name'])
    .where(({ exists }) => exists(under('d.estate_id')))
    .orderBy('d.occurred_on')
    .execute();
  const inMonth = (ts: Date | null) => ts != null && todayInChina(new Date(ts)) >= range.from && todayInChina(new Date(ts)) <= range.to;
  const registered = disputes.filter((d) => inMonth(d.created_at));
  const settled = disputes.filter((d) => d.state !== 'open' && inMonth(d.closed_at));
  const stillOpen = disputes.filter((d) => d.state === 'open' || (d.closed_at && todayInChina(new Date(d.closed_at)) > asOf));
  const plan = await c.selectFrom('governance_plan').select(['name', 'deadline']).where('street_id', '=', street.id).executeTakeFirst();
  const estates = await c
    .selectFrom('org_node as e')
    .innerJoin('org_closure as x', 'x.descendant_id', 'e.id')
    .leftJoin('estate_governance as g', 'g.estate_id', 'e.id')
    .select(['e.id', 'e.name', 'g.status'])
    .where('x.ancestor_id', '=', street.id)
    .where('e.kind', '=', 'estate')
    .orderBy('e.id')
    .execute();
  const behind = estates
    .map((e) => ({ ...e, status: (e.status ?? 'pending') as GovernanceStatusCode }))
    .filter((e) => needsPmc(e.status))
    .map((e) => ({ id: e.id, name: undemo(e.name), status: e.status, statusLabel: GOVERNANCE_STATUS_LABEL[e.status] }));
  return {
    street: { id: street.id, name: undemo(street.name) },
    month,
    asOf,
    meetings: meetings.map((m) => ({
      id: m.id,
      title: m.title,
      heldOn: m.held_on,
      kindLabel: BODY_KIND_LABEL[m.kind],
      place: undemo(m.node_name),
      resolutions: Number(m.resolutions),
    })),
    tasks: {
      byOrganisation,
      overdue: overdue.map((t) => ({ id: t.id, title: t.title, organisation: t.organisation, dueOn: t.due_on, meeting: t.meeting_title })),
    },
    disputes: {
      registered: registered.length,
      settled: settled.length,
      open: stillOpen.length,
      items: registered.map((d) => ({
        id: d.id,
        title: d.title,
        estate: undemo(d.estate_name),
        category: DISPUTE_CATEGORY_LABEL[d.category as DisputeCategory] ?? d.category,
        state: d.state,
      })),
    },
    plan: plan ? { name: plan.name, deadline: plan.deadline, passed: plan.deadline < asOf } : null,
    estatesBehind: behind,
  };
}

type Briefing = Awaited<ReturnType<typeof briefingData>>;
const monthZh = (m: string) => `${Number(m.slice(0, 4))}年${Number(m.slice(5, 7))}月`;

/** The briefing as an official-format document (GB/T 9704). */
export function briefingDocument(b: Briefing): OfficialDocument {
  const p: string[] = [];
  p.push(`现将${monthZh(b.month)}本街道物业管理议事协调工作情况通报如下（任务办理情况截至${formatDateZh(b.asOf)}）：`);
  p.push('一、会议召开情况');
  p.push(
    b.meetings.length
      ? `本月召开议事协调会议${b.meetings.length}次，形成决议${b.meetings.reduce((n, m) => n + m.resolutions, 0)}项：${b.meetings.map((m) => `${formatDateZh(m.heldOn)}${m.place}${m.kindLabel}（${m.title}）`).join('；')}。`
      : '本月未召开议事协调会议。',
  );
  p.push('二、任务办理情况');
  if (b.tasks.byOrganisation.length === 0) p.push('暂无交办任务。');
  for (const o of b.tasks.byOrganisation)
    p.push(`${o.organisation}：交办${o.assigned}项，已办结${o.done}项，办理中${o.open}项${o.overdue ? `，其中逾期${o.overdue}项` : ''}。`);
  if (b.tasks.overdue.length)
    p.push(
      `逾期未办结任务：${b.tasks.overdue.map((t) => `${t.organisation}承办的“${t.title}”（期限${formatDateZh(t.dueOn)}）`).join('；')}。请相关单位抓紧办理，逾期任务将列入下次会议议题。`,
    );
  p.push('三、矛盾纠纷调处情况');
  p.push(`本月新登记矛盾纠纷${b.disputes.registered}件，调处办结${b.disputes.settled}件，尚在调处${b.disputes.open}件。`);
  p.push('四、物业管理委员会组建进度');
  if (!b.plan) p.push('尚未制定实施方案。');
  else if (b.estatesBehind.length === 0)
    p.push(`按实施方案（完成期限${formatDateZh(b.plan.deadline)}），各小区均已组建业主委员会或物业管理委员会。`);
  else
    p.push(
      `按实施方案，应于${formatDateZh(b.plan.deadline)}前完成组建${b.plan.passed ? '（期限已过）' : ''}，尚有${b.estatesBehind.length}个小区未完成：${b.estatesBehind.map((e) => `${e.name}（${e.statusLabel}）`).join('、')}。`,
    );
  return {
    title: `${b.street.name}${monthZh(b.month)}物业管理议事协调情况通报`,
    recipient: '各社区、各成员单位：',
    paragraphs: p,
    issuer: `${b.street.name}办事处`,
    date: b.asOf,
  };
}

/** The same figures as a workbook: one sheet each for meetings, tasks by organisation, overdue tasks, disputes, estates. */
export async function briefingWorkbook(b: Briefing): Promise<Buffer> {
  const wb = await newWorkbook();
  const sheet = (name: string, header: string[], rows: (string | number)[][]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow(header).font = { bold: true };
    for (const r of rows) ws.addRow(r);
    ws.columns.forEach((c) => (c.width = 20));
  };
  sheet(
    '会议',
    ['日期', '会议', '类型', '所在', '决议数'],
    b.meetings.map((m) => [m.heldOn, m.title, m.kindLabel, m.place, m.resolutions]),
  );
  sheet(
    '任务',
    ['承办单位', '交办', '已办结', '办理中', '逾期'],
    b.tasks.byOrganisation.map((o) => [o.organisation, o.assigned, o.done, o.open, o.overdue]),
  );
  sheet(
    '逾期任务',
    ['承办单位', '任务', '期限', '交办会议'],
    b.tasks.overdue.map((t) => [t.organisation, t.title, t.dueOn, t.meeting]),
  );
  sheet(
    '矛盾纠纷',
    ['小区', '事由', '类别', '状态'],
    b.disputes.items.map((d) => [
      d.estate,
      d.title,
      d.category,
      d.state === 'open' ? '调处中' : d.state === 'resolved' ? '已化解' : '未化解',
    ]),
  );
  sheet(
    '未完成组建的小区',
    ['小区', '现状'],
    b.estatesBehind.map((e) => [e.name, e.statusLabel]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
