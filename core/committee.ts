/**
 * A committee at work (issue 14): the 物业管理委员会 (and, with the same rules, an owners' committee)
 * meets, and decides by its members' signatures (R32). Everything here is pure and counted in exact
 * integers by cross-multiplication; the server and the web page use the same functions.
 */
import { addDays } from './dates.js';

export const COMMITTEE_KINDS = ['pmc', 'owners'] as const;
export type CommitteeKind = (typeof COMMITTEE_KINDS)[number];
export const COMMITTEE_KIND_LABEL: Record<CommitteeKind, string> = { pmc: '物业管理委员会', owners: '业主委员会' };

export const SEATS = ['director', 'deputyDirector', 'member'] as const;
export type Seat = (typeof SEATS)[number];
export const SEAT_LABEL: Record<Seat, string> = { director: '主任', deputyDirector: '副主任', member: '委员' };

export const SENT_BY = ['communityPartyOrg', 'residentsCommittee', 'cityManagement', 'owners', 'street', 'other'] as const;
export type SentBy = (typeof SENT_BY)[number];
export const SENT_BY_LABEL: Record<SentBy, string> = {
  communityPartyOrg: '社区党组织',
  residentsCommittee: '居民委员会',
  cityManagement: '驻社区城管',
  owners: '业主',
  street: '街道办事处',
  other: '其他',
};

export type MeetingState = 'convened' | 'held' | 'cancelled';
export const MEETING_STATE_LABEL: Record<MeetingState, string> = { convened: '已通知', held: '已召开', cancelled: '已取消' };

/** What can be done to a meeting, and the state it leads to: the meeting's state machine as data. */
export type MeetingAction = 'hold' | 'cancel';
export const MEETING_TRANSITIONS: Record<MeetingState, Partial<Record<MeetingAction, MeetingState>>> = {
  convened: { hold: 'held', cancel: 'cancelled' },
  held: {},
  cancelled: {},
};
/** Why an action is refused in a state (Chinese, for the 4xx message). */
export const MEETING_REFUSAL: Record<MeetingState, Record<MeetingAction, string>> = {
  convened: { hold: '', cancel: '' },
  held: { hold: '会议已登记召开', cancel: '会议已经召开，不能再取消；如需更正，请另行召开会议作出决议' },
  cancelled: { hold: '会议已取消，不能登记召开', cancel: '会议已取消' },
};
export const meetingNext = (state: MeetingState, action: MeetingAction): MeetingState | null => MEETING_TRANSITIONS[state][action] ?? null;

/** A meeting's purpose: an ordinary meeting, or the 述职 meeting with invited owner representatives (R36). */
export const MEETING_PURPOSES = ['regular', 'annualReport'] as const;
export type MeetingPurpose = (typeof MEETING_PURPOSES)[number];
export const MEETING_PURPOSE_LABEL: Record<MeetingPurpose, string> = { regular: '例会', annualReport: '述职会议' };

/** R36: the month the annual 述职 is due, unless the street sets another (a street-level setting). */
export const DEFAULT_REPORT_MONTH = 12;
/** The year a 述职 due in `month` reports on: that year, or — due in the first half — the year before. */
export const reportYearFor = (today: string, month: number) => Number(today.slice(0, 4)) - (month <= 6 ? 1 : 0);

/** An owners' committee member's seat as entered (主任 / 副主任 / 委员, or the code). */
export function seatOfLabel(label: string): Seat {
  const t = label.trim();
  if (t === 'deputyDirector' || t.includes('副主任')) return 'deputyDirector';
  if (t === 'director' || t.includes('主任')) return 'director';
  return 'member';
}
export type ConvenedBy = 'director' | 'demand';
export const CONVENED_BY_LABEL: Record<ConvenedBy, string> = { director: '主任召集', demand: '三分之一以上委员书面提议召集' };
export type AttendMode = 'inPerson' | 'online';
export const ATTEND_MODE_LABEL: Record<AttendMode, string> = { inPerson: '现场', online: '线上' };

export type ResolutionState = 'open' | 'adopted' | 'toOwners';
export const RESOLUTION_STATE_LABEL: Record<ResolutionState, string> = {
  open: '签字中',
  adopted: '已通过',
  toOwners: '已转业主共同决定',
};

/** The committee settings the law leaves open (R32): a part of the street's rule profile. */
export interface CommitteeSettings {
  /** R32: working days within which a meeting demanded by ≥1/3 of the members must be convened */
  demandConveneWorkdays: number;
  /** R32: calendar days after the meeting within which its minutes are posted */
  minutesPostDays: number;
  /** R32: working days the minutes stay posted */
  minutesPeriodWorkdays: number;
  /** days before the posting deadline the secretary is reminded */
  minutesReminderDays: number;
  /** R32 / R35: whether a suspended member still counts in "all members" (default: counted) */
  suspendedCounted: boolean;
  /** R35: working days within which the street decides a negative-list report */
  reportDecideWorkdays: number;
  /** R22–R25: working days a committee that fell short has to put its composition right */
  complianceFixWorkdays: number;
}

export const DEFAULT_COMMITTEE_SETTINGS: CommitteeSettings = {
  demandConveneWorkdays: 5,
  minutesPostDays: 3,
  minutesPeriodWorkdays: 10,
  minutesReminderDays: 1,
  suspendedCounted: true,
  reportDecideWorkdays: 5,
  complianceFixWorkdays: 20,
};

export const REPORT_STATE_LABEL = { pending: '待街道认定', upheld: '认定属实', notUpheld: '认定不属实' } as const;

/** The committee settings of a profile (older snapshots and profiles without them get the defaults). */
export const committeeSettingsOf = (p: { committee?: Partial<CommitteeSettings> }): CommitteeSettings => ({
  ...DEFAULT_COMMITTEE_SETTINGS,
  ...p.committee,
});

export interface RosterMember {
  id: number;
  name: string;
  ownerRepresentative: boolean;
  suspended: boolean;
}

/** "All members" (全体委员) as R32 counts them: suspended members in or out as the profile says. */
export function denominators(members: readonly RosterMember[], s: Pick<CommitteeSettings, 'suspendedCounted'>) {
  const counted = members.filter((m) => s.suspendedCounted || !m.suspended);
  return { members: counted.length, ownerRepresentatives: counted.filter((m) => m.ownerRepresentative).length };
}

/** `2·part > whole`: more than half, strictly. */
export const moreThanHalf = (part: number, whole: number) => 2 * part > whole;
/** The smallest count that is more than half of `whole`. */
export const overHalf = (whole: number) => Math.floor(whole / 2) + 1;

export interface Quorum {
  quorate: boolean;
  members: number;
  present: number;
  ownerRepresentatives: number;
  ownerRepresentativesPresent: number;
  reasons: string[];
}

/**
 * R32: a meeting is quorate when more than half of all members AND more than half of the owner
 * representatives attend in person or online (owner representatives send no proxy; a suspended
 * member cannot attend, so is never present).
 */
export function quorum(
  members: readonly RosterMember[],
  presentIds: ReadonlySet<number>,
  s: Pick<CommitteeSettings, 'suspendedCounted'>,
): Quorum {
  const d = denominators(members, s);
  const present = members.filter((m) => !m.suspended && presentIds.has(m.id));
  const ownerPresent = present.filter((m) => m.ownerRepresentative).length;
  const reasons: string[] = [];
  if (!moreThanHalf(present.length, d.members))
    reasons.push(`出席委员${present.length}人，未过全体委员${d.members}人的半数（至少${overHalf(d.members)}人）（R32）`);
  if (!moreThanHalf(ownerPresent, d.ownerRepresentatives))
    reasons.push(
      `出席业主代表${ownerPresent}人，未过业主代表${d.ownerRepresentatives}人的半数（至少${overHalf(d.ownerRepresentatives)}人）（R32）`,
    );
  return {
    quorate: reasons.length === 0,
    members: d.members,
    present: present.length,
    ownerRepresentatives: d.ownerRepresentatives,
    ownerRepresentativesPresent: ownerPresent,
    reasons,
  };
}

export interface Adoption {
  adopted: boolean;
  members: number;
  signed: number;
  needed: number;
  reason: string | null;
}

/** R32: a resolution is adopted by the signatures of more than half of ALL members; exactly half is not. */
export function adoption(
  members: readonly RosterMember[],
  signedIds: ReadonlySet<number>,
  s: Pick<CommitteeSettings, 'suspendedCounted'>,
): Adoption {
  const d = denominators(members, s);
  const signed = members.filter((m) => !m.suspended && signedIds.has(m.id)).length;
  const adopted = moreThanHalf(signed, d.members);
  return {
    adopted,
    members: d.members,
    signed,
    needed: overHalf(d.members),
    reason: adopted ? null : `已签字${signed}人，须超过全体委员${d.members}人的半数（至少${overHalf(d.members)}人）方为通过（R32）`,
  };
}

/** R32: a meeting must be convened on the written demand of at least one third of the members (`3·n ≥ members`). */
export function demandSuffices(signers: number, members: number) {
  return 3 * signers >= members;
}
export const thirdOf = (members: number) => Math.ceil(members / 3);

export type MinutesStatus = 'posted' | 'due' | 'dueSoon' | 'overdue' | 'notHeld';
export const MINUTES_STATUS_LABEL: Record<MinutesStatus, string> = {
  posted: '已公示',
  due: '待公示',
  dueSoon: '即将逾期',
  overdue: '逾期未公示',
  notHeld: '会议未召开',
};

/** R32: the minutes of a meeting held on `heldOn` are posted within `minutesPostDays` days; reminded before, flagged after. */
export function minutesStatus(
  heldOn: string,
  held: boolean,
  postedOn: string | null,
  today: string,
  s: Pick<CommitteeSettings, 'minutesPostDays' | 'minutesReminderDays'>,
): { status: MinutesStatus; deadline: string } {
  const deadline = addDays(heldOn, s.minutesPostDays);
  if (!held) return { status: 'notHeld', deadline };
  if (postedOn) return { status: 'posted', deadline };
  if (today > deadline) return { status: 'overdue', deadline };
  if (today >= addDays(deadline, -s.minutesReminderDays)) return { status: 'dueSoon', deadline };
  return { status: 'due', deadline };
}

// ── R36: owner evaluation of the 述职 ─────────────────────────────────────────────────────────────

export const EVALUATION_CHOICES = ['satisfied', 'basic', 'dissatisfied'] as const;
export type EvaluationChoice = (typeof EVALUATION_CHOICES)[number];
export const EVALUATION_CHOICE_LABEL: Record<EvaluationChoice, string> = { satisfied: '满意', basic: '基本满意', dissatisfied: '不满意' };

/** Counted by heads and by area (hundredths), exact integers; totals are the roll's (R3). */
export interface EvaluationResult {
  totalHeads: number;
  totalAreaCenti: number;
  heads: Record<EvaluationChoice, number>;
  areaCenti: Record<EvaluationChoice, number>;
  evaluatedHeads: number;
  evaluatedAreaCenti: number;
}

export function countEvaluations(
  evaluations: readonly { choice: EvaluationChoice; areaCenti: number }[],
  totals: { heads: number; areaCenti: number },
): EvaluationResult {
  const heads = { satisfied: 0, basic: 0, dissatisfied: 0 };
  const areaCenti = { satisfied: 0, basic: 0, dissatisfied: 0 };
  for (const e of evaluations) {
    heads[e.choice] += 1;
    areaCenti[e.choice] += e.areaCenti;
  }
  return {
    totalHeads: totals.heads,
    totalAreaCenti: totals.areaCenti,
    heads,
    areaCenti,
    evaluatedHeads: evaluations.length,
    evaluatedAreaCenti: evaluations.reduce((s, e) => s + e.areaCenti, 0),
  };
}
