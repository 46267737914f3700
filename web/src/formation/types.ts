/**
 * The shapes of the formation API (server/formation/schema.ts: governanceOut, caseOut), as the web
 * reads them.
 */
import type { Background, ProposedMember } from '../../../core/composition';
import type { GovernanceReasonCode, GovernanceStatusCode } from '../../../core/formation';
import type { RuleProfile } from '../../../core/rule-profile';

export interface PlanPhase {
  name: string;
  from: string;
  to: string;
}

/** R42: the street's implementation plan. */
export interface Plan {
  streetId: number;
  name: string;
  deadline: string;
  phases: PlanPhase[];
}

export type GovernanceAction = 'setStatus' | 'startCase' | 'enterOwnersCommittee';

export interface GovernanceEstate {
  id: number;
  name: string;
  communityId: number | null;
  communityName: string | null;
  status: GovernanceStatusCode;
  statusLabel: string;
  reason: GovernanceReasonCode | null;
  reasonLabel: string | null;
  note: string | null;
  needsPmc: boolean;
  committeeTermEnd: string | null;
  caseId: number | null;
  caseState: string | null;
  caseStateLabel: string | null;
  step: number | null;
  nextStep: string | null;
  nextActor: string | null;
  nextDue: string | null;
  overdue: boolean;
  committee: {
    id: number;
    establishedOn: string;
    termEnd: string | null;
    termExpired: boolean;
    certificateNo: string;
    /** the finished case that established it */
    caseId: number | null;
    /** issue 14: 构成不合规 after a change, with the failed rules and the deadline */
    nonCompliant?: { failures: { rule: string; message: string }[]; deadline: string | null } | null;
  } | null;
  daysToDeadline: number | null;
  /** openCase, startCase, setStatus, enterOwnersCommittee */
  actions: string[];
}

export interface OverdueItem {
  estateId: number;
  estateName: string;
  caseId: number | null;
  what: string;
  due: string;
}

/** GET /api/governance */
export interface Governance {
  plan: Plan | null;
  summary: Record<string, number>;
  estates: GovernanceEstate[];
  overdue: OverdueItem[];
}

/** GET /api/governance/profiles */
export interface ProfilesOut {
  profiles: RuleProfile[];
  streets: { streetId: number; streetName: string; profileId: string; plan: Omit<Plan, 'streetId'> | null; canManage: boolean }[];
}

export interface PersonBrief {
  id: number;
  name: string;
  occupation: string | null;
  address: string | null;
  partyStatus: string;
}

export type Vetting = 'pending' | 'passed' | 'failed';

export interface Nomination {
  id: number;
  person: PersonBrief;
  channel: string;
  channelLabel: string;
  ownerRepresentative: boolean;
  statement: string | null;
  signers: { id: number; name: string }[];
  distinctSigners: number;
  vetting: Vetting | string;
  vettingReason: string | null;
  vettedAt: string | null;
  problems: string[];
}

/** One person the member list may be drawn from, with the composition attributes (R22–R25). */
export interface Candidate {
  personId: number;
  name: string;
  occupation: string | null;
  address: string | null;
  ownerRepresentative: boolean;
  partyMember: boolean;
  communityPartyOrgMember: boolean;
  residentsCommitteeRepresentative: boolean;
  streetAppointee: boolean;
  cityManagement: boolean;
  backgrounds: Background[];
  /** 双向进入、交叉任职：现任职务 */
  posts: string[];
  source: 'nomination' | 'registry';
}

export type Seat = 'director' | 'deputyDirector' | 'member';

export interface CaseNotice {
  id: number;
  title: string;
  publishDate: string | null;
  endDate: string | null;
  calendarComplete: boolean | null;
}

export interface CaseObjection {
  id: number;
  objectorName: string;
  content: string;
  channel: string;
  receivedOn: string;
  verifyDue: string;
  status: 'open' | 'upheld' | 'rejected' | string;
  finding: string | null;
  noticeId: number;
}

export interface CaseCommittee {
  id: number;
  certificateNo: string;
  establishedOn: string;
  termEnd: string | null;
  status: string;
  sealAppliedOn: string | null;
  sealRecordedOn: string | null;
  dissolvedOn: string | null;
  dissolutionReason: string | null;
  handover: { documentsOn?: string | null; sealOn?: string | null; note?: string | null } | null;
  members: { personId: number; name: string; seat: string; endedOn: string | null }[];
}

export interface CaseActionState {
  action: string;
  label: string;
  allowed: boolean;
  reason: string | null;
}

/** GET /api/formation/cases/:id and every step on a case */
export interface FormationCase {
  id: number;
  estate: { id: number; name: string; communityName: string | null; streetName: string | null };
  state: string;
  stateLabel: string;
  step: number;
  steps: string[];
  /** the RuleProfile snapshot the case runs under */
  profile: RuleProfile;
  listRound: number;
  next: { label: string; actor: string; due: string | null } | null;
  actions: CaseActionState[];
  announcement: CaseNotice | null;
  listNotice: CaseNotice | null;
  nominations: Nomination[];
  list: { personId: number; seat: Seat | string }[];
  pool: Candidate[];
  directorRule: string;
  objections: CaseObjection[];
  committee: CaseCommittee | null;
  timeline: { at: string; actor: string | null; action: string; label: string }[];
  today: string;
}

export const SEAT_LABEL: Record<Seat, string> = { director: '主任', deputyDirector: '副主任', member: '委员' };
export const SEATS: Seat[] = ['director', 'deputyDirector', 'member'];

export const VETTING_TAG: Record<string, { label: string; color: string }> = {
  pending: { label: '待把关', color: 'processing' },
  passed: { label: '把关通过', color: 'success' },
  failed: { label: '把关未通过', color: 'error' },
};

export const OBJECTION_TAG: Record<string, { label: string; color: string }> = {
  open: { label: '待核查', color: 'processing' },
  upheld: { label: '异议成立', color: 'error' },
  rejected: { label: '异议不成立', color: 'default' },
};

export const STATUS_COLOR: Record<GovernanceStatusCode, string> = {
  pending: 'orange',
  formingPmc: 'processing',
  pmcRunning: 'success',
  ownersCommittee: 'blue',
  notNeeded: 'default',
  committeeExpired: 'error',
};

export const BACKGROUND_LABEL: Record<Background, string> = { deputy: '两代表一委员', veteran: '三老', lawEnforcement: '行政执法' };

/** A pool candidate as the composition check reads it. */
export function toProposed(c: Candidate): ProposedMember {
  return {
    personId: c.personId,
    name: c.name,
    ownerRepresentative: c.ownerRepresentative,
    partyMember: c.partyMember,
    communityPartyOrgMember: c.communityPartyOrgMember,
    residentsCommitteeRepresentative: c.residentsCommitteeRepresentative,
    streetAppointee: c.streetAppointee,
    cityManagement: c.cityManagement,
    backgrounds: c.backgrounds,
  };
}
