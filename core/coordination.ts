/**
 * 议事协调 (seed items 6 and 8-四): the 四位一体 meeting of each community — the community party
 * organisation leading the residents' committee, the owners' committee or PMC and the property
 * company — and the street's 物业管理联席会议 with the district's departments. The loop from a problem
 * to a meeting to a task to done: agenda items come from what the platform knows, each resolution
 * becomes tasks with working-day deadlines, overdue tasks go on the next meeting's agenda, the
 * convenor confirms what is done. Pure: the lifecycles as data, their guards as Chinese sentences.
 */

export const BODY_KINDS = ['fourInOne', 'jointMeeting'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];
export const BODY_KIND_LABEL: Record<BodyKind, string> = {
  fourInOne: '“四位一体”物业管理协调会议',
  jointMeeting: '物业管理联席会议',
};
/** Where each body sits: a community's 四位一体, the street's 联席会议. */
export const BODY_NODE_KIND: Record<BodyKind, 'community' | 'street'> = { fourInOne: 'community', jointMeeting: 'street' };

export const MEMBER_KINDS = ['communityPartyOrg', 'residentsCommittee', 'committee', 'company', 'department', 'street', 'other'] as const;
export type MemberKind = (typeof MEMBER_KINDS)[number];
export const MEMBER_KIND_LABEL: Record<MemberKind, string> = {
  communityPartyOrg: '社区党组织',
  residentsCommittee: '居民委员会',
  committee: '业委会/物管会',
  company: '物业服务企业',
  department: '区职能部门',
  street: '街道',
  other: '其他单位',
};

/** The member organisations a new body starts with (the street edits them). */
export const DEFAULT_MEMBERS: Record<BodyKind, { kind: MemberKind; organisation: string }[]> = {
  fourInOne: [
    { kind: 'communityPartyOrg', organisation: '社区党组织' },
    { kind: 'residentsCommittee', organisation: '社区居民委员会' },
    { kind: 'committee', organisation: '业主委员会（物业管理委员会）' },
    { kind: 'company', organisation: '物业服务企业' },
  ],
  jointMeeting: [
    { kind: 'street', organisation: '街道办事处（牵头）' },
    { kind: 'department', organisation: '区住房和城乡建设局' },
    { kind: 'department', organisation: '区城市管理局' },
    { kind: 'department', organisation: '公安派出所' },
    { kind: 'department', organisation: '司法所' },
  ],
};

// ── Agenda ───────────────────────────────────────────────────────────────────────────────────

/** Where an agenda item came from: picked from the platform's lists, or typed. */
export const AGENDA_SOURCES = [
  'overdueTask',
  'dispute',
  'estateBehindPlan',
  'registryFlag',
  'ticket',
  'boardFlag',
  'committeeRequest',
  'typed',
] as const;
export type AgendaSource = (typeof AGENDA_SOURCES)[number];
export const AGENDA_SOURCE_LABEL: Record<AgendaSource, string> = {
  overdueTask: '逾期未办结的任务',
  dispute: '矛盾纠纷',
  estateBehindPlan: '逾期未组建的小区',
  registryFlag: '党建与网格问题',
  ticket: '逾期或升级的诉求',
  boardFlag: '物业监督台问题',
  committeeRequest: '业委会/物管会提请事项',
  typed: '其他事项',
};

// ── Meetings ─────────────────────────────────────────────────────────────────────────────────

export const MEETING_STATES = ['planned', 'held'] as const;
export type MeetingState = (typeof MEETING_STATES)[number];
export const MEETING_STATE_LABEL: Record<MeetingState, string> = { planned: '待召开', held: '已召开' };

export type MeetingAction = 'editAgenda' | 'record' | 'resolve';
/** What a meeting allows in each state: the agenda before it is held; minutes and resolutions after. */
export const MEETING_TRANSITIONS: Record<MeetingState, readonly MeetingAction[]> = {
  planned: ['editAgenda', 'record'],
  held: ['record', 'resolve'],
};

export function meetingRefusal(action: MeetingAction, state: MeetingState): string | null {
  if (MEETING_TRANSITIONS[state].includes(action)) return null;
  if (action === 'editAgenda') return '会议已召开，议题不能再调整；新的事项请列入下次会议';
  if (action === 'resolve') return '会议尚未召开：请先登记出席情况和会议纪要，再形成决议';
  return `会议${MEETING_STATE_LABEL[state]}，不能执行此操作`;
}

// ── Tasks ────────────────────────────────────────────────────────────────────────────────────

export const TASK_STATES = ['open', 'done', 'confirmed', 'transferred'] as const;
export type TaskState = (typeof TASK_STATES)[number];
export const TASK_STATE_LABEL: Record<TaskState, string> = {
  open: '办理中',
  done: '已办结待确认',
  confirmed: '已确认办结',
  transferred: '已转交',
};

export type TaskAction = 'note' | 'finish' | 'confirm' | 'reopen' | 'transfer';

/** The whole life of a task: who may do what in which state. */
export const TASK_TRANSITIONS: Record<TaskState, readonly TaskAction[]> = {
  open: ['note', 'finish', 'transfer'],
  done: ['confirm', 'reopen'],
  confirmed: [],
  transferred: [],
};
export const TASK_NEXT: Partial<Record<TaskAction, TaskState>> = {
  finish: 'done',
  confirm: 'confirmed',
  reopen: 'open',
  transfer: 'transferred',
};

export function taskRefusal(action: TaskAction, state: TaskState): string | null {
  if (TASK_TRANSITIONS[state].includes(action)) return null;
  const s = TASK_STATE_LABEL[state];
  switch (action) {
    case 'confirm':
      return state === 'open' ? '任务尚未办结：承办单位报告办结并附证明材料后，召集人才能确认' : `任务${s}，不能确认`;
    case 'reopen':
      return `任务${s}，不能退回`;
    case 'finish':
      return `任务${s}，不能再报告办结`;
    case 'transfer':
      return `任务${s}，不能转交`;
    default:
      return `任务${s}，不能再登记进展`;
  }
}

/** A task is overdue from the day after its deadline until it is reported done (the deadline day itself is in time). */
export const taskOverdue = (t: { state: TaskState; dueOn: string }, today: string) => t.state === 'open' && today > t.dueOn;

// ── Disputes (矛盾纠纷台账) ─────────────────────────────────────────────────────────────────────

export const DISPUTE_CATEGORIES = [
  'propertyService',
  'fees',
  'neighbours',
  'parking',
  'repairs',
  'commonParts',
  'committee',
  'other',
] as const;
export type DisputeCategory = (typeof DISPUTE_CATEGORIES)[number];
export const DISPUTE_CATEGORY_LABEL: Record<DisputeCategory, string> = {
  propertyService: '物业服务质量',
  fees: '物业费与收费',
  neighbours: '邻里纠纷',
  parking: '停车管理',
  repairs: '房屋维修与维修资金',
  commonParts: '共有部分使用与收益',
  committee: '业委会/物管会履职',
  other: '其他',
};

export const DISPUTE_PARTY_KINDS = ['resident', 'company', 'committee', 'other'] as const;
export type DisputePartyKind = (typeof DISPUTE_PARTY_KINDS)[number];
export const DISPUTE_PARTY_LABEL: Record<DisputePartyKind, string> = {
  resident: '居民',
  company: '物业服务企业',
  committee: '业委会/物管会',
  other: '其他',
};

export const DISPUTE_STATES = ['open', 'resolved', 'unresolved'] as const;
export type DisputeState = (typeof DISPUTE_STATES)[number];
export const DISPUTE_STATE_LABEL: Record<DisputeState, string> = {
  open: '调处中',
  resolved: '已化解',
  unresolved: '未化解',
};

export function disputeRefusal(action: 'mediate' | 'close', state: DisputeState): string | null {
  if (state === 'open') return null;
  return action === 'mediate' ? `纠纷${DISPUTE_STATE_LABEL[state]}，不能再登记调解` : `纠纷已${DISPUTE_STATE_LABEL[state]}，不能重复办结`;
}

// ── The monthly 情况通报 ─────────────────────────────────────────────────────────────────────

/** The first and last day of a month 'YYYY-MM'. */
export function monthRange(month: string): { from: string; to: string } | null {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12 || y < 1900 || y > 2100) return null;
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return { from: `${m[1]}-${m[2]}-01`, to: `${m[1]}-${m[2]}-${String(last).padStart(2, '0')}` };
}

export interface TaskCounts {
  organisation: string;
  assigned: number;
  open: number;
  overdue: number;
  done: number;
}

/** Tasks counted per organisation as the briefing lists them: open ones, of which overdue, and done (reported or confirmed). */
export function countTasksByOrganisation(tasks: { organisation: string; state: TaskState; dueOn: string }[], asOf: string): TaskCounts[] {
  const by = new Map<string, TaskCounts>();
  for (const t of tasks) {
    if (t.state === 'transferred') continue;
    const c = by.get(t.organisation) ?? { organisation: t.organisation, assigned: 0, open: 0, overdue: 0, done: 0 };
    c.assigned++;
    if (t.state === 'open') {
      c.open++;
      if (asOf > t.dueOn) c.overdue++;
    } else c.done++;
    by.set(t.organisation, c);
  }
  return [...by.values()].sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.organisation.localeCompare(b.organisation, 'zh'));
}
