/**
 * The service desk (issue 16, seed item 1: 服务清单、处置时限、派单流程): a ticket (诉求) raised by an
 * owner on a phone, by a grid worker on patrol or by staff from a phone call, dispatched by the
 * community's service list to a handler, accepted, handled, finished with photos and rated by the
 * person who raised it. An unsatisfied ticket gets a return visit (回访) and may be reopened.
 *
 * The lifecycle is data: TICKET_ACTIONS names, for every action, the states it leaves, the state it
 * reaches, who may take it (the raiser, the handler, the dispatcher) and what it needs (a reason,
 * photos, a rating). Anything else is refused with a Chinese message. The clocks (response and
 * finish) are pure functions of the ticket's clock state and the working-day calendar: a limit is
 * either calendar hours or working days (工作日, with 调休 make-up days); the clock stops only in
 * the states the service list names (e.g. 等待居民配合).
 */
import { WorkCalendar, missingYearsWarning } from './workdays.js';

export const TICKET_STATES = [
  'submitted',
  'dispatched',
  'accepted',
  'waitingResident',
  'suspended',
  'finished',
  'revisit',
  'closed',
  'withdrawn',
] as const;
export type TicketState = (typeof TICKET_STATES)[number];

export const TICKET_STATE_LABEL: Record<TicketState, string> = {
  submitted: '待派单',
  dispatched: '待受理',
  accepted: '处理中',
  waitingResident: '等待居民配合',
  suspended: '挂起（等待协调）',
  finished: '待评价',
  revisit: '待回访',
  closed: '已办结',
  withdrawn: '已撤回',
};

/** States in which the ticket waits for someone else than its handler: the service list may stop the clock there. */
export const PAUSABLE_STATES = ['waitingResident', 'suspended'] as const satisfies readonly TicketState[];
export type PausableState = (typeof PAUSABLE_STATES)[number];
export const isPausable = (s: TicketState): s is PausableState => (PAUSABLE_STATES as readonly string[]).includes(s);

/** Open states: the finish clock runs (unless paused) until the ticket is finished. */
export const OPEN_STATES = [
  'submitted',
  'dispatched',
  'accepted',
  'waitingResident',
  'suspended',
] as const satisfies readonly TicketState[];
export const isOpen = (s: TicketState) => (OPEN_STATES as readonly string[]).includes(s);

export const HANDLER_TYPES = ['gridWorker', 'propertyCompany', 'community', 'department'] as const;
export type HandlerType = (typeof HANDLER_TYPES)[number];
export const HANDLER_TYPE_LABEL: Record<HandlerType, string> = {
  gridWorker: '网格员',
  propertyCompany: '物业企业',
  community: '社区',
  department: '区职能部门',
};

export const DISPATCH_RULES = ['auto', 'manual'] as const;
export type DispatchRule = (typeof DISPATCH_RULES)[number];
export const DISPATCH_RULE_LABEL: Record<DispatchRule, string> = {
  auto: '按规则自动派单',
  manual: '社区人工派单',
};

export const SATISFACTIONS = ['satisfied', 'basicallySatisfied', 'unsatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];
export const SATISFACTION_LABEL: Record<Satisfaction, string> = {
  satisfied: '满意',
  basicallySatisfied: '基本满意',
  unsatisfied: '不满意',
};

export const TICKET_CHANNELS = ['app', 'patrol', 'phone'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];
export const TICKET_CHANNEL_LABEL: Record<TicketChannel, string> = {
  app: '居民在线提交',
  patrol: '网格员巡查发现',
  phone: '电话受理',
};

/** Who takes a step: the account that raised the ticket, a member of its current handler, or staff who dispatch in its community. */
export type ActorKind = 'raiser' | 'handler' | 'dispatcher';

export const MAX_TICKET_PHOTOS = 9;

interface ActionSpec {
  label: string;
  from: readonly TicketState[];
  /** The state reached; `rate` and `pause` depend on their input. */
  to: TicketState | ((input: ActionInput) => TicketState);
  by: readonly ActorKind[];
  needs: { reason?: boolean; photos?: boolean; satisfaction?: boolean; handler?: boolean; waitState?: boolean };
  /** What the step does to the clocks (see applyClock). */
  clock: 'none' | 'respond' | 'pause' | 'resume' | 'finish' | 'restart' | 'stop';
}

export interface ActionInput {
  satisfaction?: Satisfaction;
  waitState?: PausableState;
  reason?: string | null;
  photoCount?: number;
}

export const TICKET_ACTIONS = {
  dispatch: { label: '派单', from: ['submitted'], to: 'dispatched', by: ['dispatcher'], needs: { handler: true }, clock: 'none' },
  transfer: {
    label: '转派',
    from: ['dispatched', 'accepted'],
    to: 'dispatched',
    by: ['handler', 'dispatcher'],
    needs: { handler: true, reason: true },
    clock: 'none',
  },
  accept: { label: '受理', from: ['dispatched'], to: 'accepted', by: ['handler'], needs: {}, clock: 'respond' },
  pause: {
    label: '暂停办理',
    from: ['accepted'],
    to: (i) => i.waitState ?? 'waitingResident',
    by: ['handler'],
    needs: { reason: true, waitState: true },
    clock: 'pause',
  },
  resume: {
    label: '继续办理',
    from: ['waitingResident', 'suspended'],
    to: 'accepted',
    by: ['handler', 'dispatcher'],
    needs: {},
    clock: 'resume',
  },
  finish: { label: '办结', from: ['accepted'], to: 'finished', by: ['handler'], needs: { photos: true, reason: true }, clock: 'finish' },
  rate: {
    label: '评价',
    from: ['finished'],
    to: (i) => (i.satisfaction === 'unsatisfied' ? 'revisit' : 'closed'),
    by: ['raiser'],
    needs: { satisfaction: true },
    clock: 'none',
  },
  reopen: { label: '重新办理', from: ['revisit'], to: 'accepted', by: ['dispatcher'], needs: { reason: true }, clock: 'restart' },
  closeRevisit: { label: '回访办结', from: ['revisit'], to: 'closed', by: ['dispatcher'], needs: { reason: true }, clock: 'none' },
  withdraw: { label: '撤回', from: ['submitted', 'dispatched'], to: 'withdrawn', by: ['raiser'], needs: {}, clock: 'stop' },
} as const satisfies Record<string, ActionSpec>;
export type TicketAction = keyof typeof TICKET_ACTIONS;
export const TICKET_ACTION_CODES = Object.keys(TICKET_ACTIONS) as TicketAction[];

/** Why a step is refused: not open in this state (409), not the caller's to take (403), or missing input (400). */
export class TicketRefusal extends Error {
  constructor(
    readonly kind: 'state' | 'actor' | 'input',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The state a step reaches, or a refusal saying why not: the step is not open in this state, the
 * caller is not one who may take it, or something it needs is missing.
 */
export function nextState(action: TicketAction, state: TicketState, actor: ReadonlySet<ActorKind>, input: ActionInput = {}): TicketState {
  const spec: ActionSpec = TICKET_ACTIONS[action];
  if (!spec.from.includes(state)) throw new TicketRefusal('state', `诉求当前状态为「${TICKET_STATE_LABEL[state]}」，不能${spec.label}`);
  if (!spec.by.some((k) => actor.has(k)))
    throw new TicketRefusal('actor', `只有${spec.by.map((k) => ACTOR_LABEL[k]).join('或')}可以${spec.label}`);
  if (spec.needs.reason && !input.reason?.trim()) throw new TicketRefusal('input', `${spec.label}须填写说明`);
  if (spec.needs.photos && !(input.photoCount && input.photoCount > 0)) throw new TicketRefusal('input', '办结须上传至少一张现场照片');
  if (spec.needs.satisfaction && !input.satisfaction) throw new TicketRefusal('input', '请选择满意、基本满意或不满意');
  if (spec.needs.waitState && !input.waitState) throw new TicketRefusal('input', '请选择暂停原因：等待居民配合或挂起');
  return typeof spec.to === 'function' ? spec.to(input) : spec.to;
}

export const ACTOR_LABEL: Record<ActorKind, string> = { raiser: '提出诉求的本人', handler: '承办人', dispatcher: '社区派单人员' };

/** The steps the caller may take now (shown on the ticket so the web does not recompute permissions). */
export function allowedActions(state: TicketState, actor: ReadonlySet<ActorKind>): TicketAction[] {
  return TICKET_ACTION_CODES.filter((a) => {
    const spec: ActionSpec = TICKET_ACTIONS[a];
    return spec.from.includes(state) && spec.by.some((k) => actor.has(k));
  });
}

// ── Clocks ────────────────────────────────────────────────────────────────────────────────────

export const LIMIT_UNITS = ['hours', 'workdays'] as const;
export type LimitUnit = (typeof LIMIT_UNITS)[number];
export interface TimeLimit {
  unit: LimitUnit;
  amount: number;
}
export const limitText = (l: TimeLimit) => `${l.amount}${l.unit === 'hours' ? '小时' : '个工作日'}`;

/** Where a clock stands: when it started and how long it stood still (in both measures), and whether it stands now. */
export interface ClockState {
  startAt: Date;
  pausedMs: number;
  pausedWorkdays: number;
  pausedSince: Date | null;
}

const HOUR_MS = 3_600_000;
const CHINA_OFFSET_MS = 8 * HOUR_MS;

/** The day in China (UTC+8, no daylight saving) of an instant. */
export const chinaDay = (at: Date) => new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
/** The instant a day in China begins. */
export const chinaDayStart = (day: string) => new Date(Date.parse(`${day}T00:00:00+08:00`));

export interface Due {
  at: Date;
  calendarComplete: boolean;
  missingYears: number[];
}

/**
 * When a limit runs out. Hours are calendar hours from the start, plus the time the clock stood
 * still. Working days follow 民法典 第201条 as the rest of the platform does: the start day is not
 * counted, the limit ends at the end of the N-th working day after it (24:00 China time), each
 * working day the clock stood still adding one. A limit reaching a year whose holidays are not
 * entered is computed Monday–Friday and flagged (calendarComplete false).
 */
export function dueAt(limit: TimeLimit, clock: ClockState, calendar: WorkCalendar): Due {
  if (!Number.isInteger(limit.amount) || limit.amount < 1) throw new RangeError('时限必须是正整数');
  if (limit.unit === 'hours')
    return { at: new Date(clock.startAt.getTime() + limit.amount * HOUR_MS + clock.pausedMs), calendarComplete: true, missingYears: [] };
  const end = calendar.addWorkdays(chinaDay(clock.startAt), limit.amount + clock.pausedWorkdays);
  const next = new Date(chinaDayStart(end.date).getTime() + 24 * HOUR_MS);
  return { at: next, calendarComplete: end.calendarComplete, missingYears: end.missingYears };
}

export const pauseClock = (clock: ClockState, at: Date): ClockState => (clock.pausedSince ? clock : { ...clock, pausedSince: at });

/**
 * The clock runs again at `at`: the time it stood still is added, in hours (all of it) and in working
 * days (the working days after the day it stopped, up to and including the day it runs again — a
 * pause within one day moves no working-day limit).
 */
export function resumeClock(clock: ClockState, at: Date, calendar: WorkCalendar): ClockState {
  if (!clock.pausedSince) return clock;
  const ms = Math.max(0, at.getTime() - clock.pausedSince.getTime());
  const from = chinaDay(clock.pausedSince);
  const to = chinaDay(at);
  const days = to > from ? calendar.workdaysBetween(from, to).days : 0;
  return { startAt: clock.startAt, pausedMs: clock.pausedMs + ms, pausedWorkdays: clock.pausedWorkdays + days, pausedSince: null };
}

/** Overdue: the limit ran out before the step was done (or, not done yet, before now); never while the clock stands. */
export function isLate(due: Date, doneAt: Date | null, now: Date, paused = false): boolean {
  if (doneAt) return doneAt.getTime() > due.getTime();
  return !paused && now.getTime() >= due.getTime();
}

/**
 * Escalation of an overdue ticket (grid → community → street): the level it reaches with the number
 * of working days gone since the day its limit ran out. Data, so the rule is read in one place.
 */
export const ESCALATION = [
  { level: 1, to: 'grid', label: '网格', afterWorkdays: 0 },
  { level: 2, to: 'community', label: '社区', afterWorkdays: 1 },
  { level: 3, to: 'street', label: '街道', afterWorkdays: 2 },
] as const;
export type EscalationLevel = 0 | 1 | 2 | 3;
export const ESCALATION_LABEL: Record<EscalationLevel, string> = { 0: '未升级', 1: '已升级至网格', 2: '已升级至社区', 3: '已升级至街道' };

export function escalationLevel(due: Date, now: Date, calendar: WorkCalendar): EscalationLevel {
  if (now.getTime() < due.getTime()) return 0;
  // The day the limit ran out: a limit ending at 24:00 ran out on that day, not the next.
  const dueDay = chinaDay(new Date(due.getTime() - 1));
  const today = chinaDay(now);
  const gone = today > dueDay ? calendar.workdaysBetween(dueDay, today).days : 0;
  let level: EscalationLevel = 0;
  for (const step of ESCALATION) if (gone >= step.afterWorkdays) level = step.level;
  return level;
}

/** The flag shown beside a limit computed without a year's holiday schedule. */
export const dueWarning = (d: Due) => missingYearsWarning(d.missingYears);
/** The same flag for a stored limit that was computed without its year's schedule. */
export const missingYearsWarningFor = (due: Date) => missingYearsWarning([Number(chinaDay(new Date(due.getTime() - 1)).slice(0, 4))]);

/** Hours between two instants, one decimal, for the handling time figures. */
export const hoursBetween = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / 360_000) / 10;
