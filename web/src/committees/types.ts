import type { EvaluationChoice, EvaluationResult } from '../../../core/committee';
import type {
  AttendMode,
  CommitteeKind,
  ConvenedBy,
  MeetingPurpose,
  MeetingState,
  MinutesStatus,
  Quorum,
  ResolutionState,
  Seat,
  SentBy,
  Adoption,
} from '../../../core/committee';

export interface CommitteeSummary {
  kind: CommitteeKind;
  kindLabel: string;
  id: number;
  estateId: number;
  estateName: string;
  establishedOn: string;
  certificateNo: string | null;
  members: number;
  overdueDemands: number;
  minutesOverdue: number;
  nonCompliant: { failures: { rule: string; message: string }[]; deadline: string | null; overdue: boolean } | null;
  pendingReports: number;
  overdueReports: number;
}

export interface Report {
  id: number;
  committee: { kind: CommitteeKind; id: number };
  estateId: number;
  estateName: string;
  memberId: number;
  memberName: string;
  item: string;
  facts: string;
  reportedOn: string;
  decideBy: string;
  calendarComplete: boolean;
  state: 'pending' | 'upheld' | 'notUpheld';
  stateLabel: string;
  overdue: boolean;
  decisionReason: string | null;
  decidedOn: string | null;
  noticeId: number | null;
  outcome: 'lifted' | 'removed' | null;
  outcomeOn: string | null;
  outcomeReason: string | null;
}

export interface ReportDetail extends Report {
  evidence: { id: number; fileName: string; size: number }[];
  buildings: { id: number; name: string }[];
}

export interface Member {
  id: number;
  personId: number;
  name: string;
  seat: Seat;
  ownerRepresentative: boolean;
  partyMember: boolean;
  sentBy: SentBy;
  startedOn: string;
  suspendedOn: string | null;
  suspended: boolean;
}

export interface Committee {
  kind: CommitteeKind;
  kindLabel: string;
  id: number;
  estateId: number;
  estateName: string;
  active: boolean;
  compliance: {
    ok: boolean;
    failures: { rule: string; message: string }[];
    since: string | null;
    deadline: string | null;
    overdue: boolean;
  };
  candidates: { id: number; memberId: number; month: string; reason: string; reportId: number | null }[];
  reports: Report[];
  replacements: {
    id: number;
    personId: number;
    name: string;
    channel: 'self' | 'partyOrg' | 'residentsCommittee' | 'jointOwners';
    seat: Seat;
    state: 'nominated' | 'vetted' | 'publicity' | 'seated' | 'rejected';
    vettingReason: string | null;
    noticeId: number | null;
    publicityEnds: string | null;
    seatedOn: string | null;
    objections: { open: number; upheld: number; total: number };
  }[];
  changes: {
    id: number;
    kind: 'resigned' | 'removed' | 'seated';
    name: string;
    changedOn: string;
    reason: string | null;
    noticeId: number | null;
  }[];
  annualReports: {
    id: number;
    year: number;
    opensOn: string;
    closesOn: string;
    resultPublished: boolean;
    feedbackPublished: boolean;
    overdueItems: number;
  }[];
  canReport: boolean;
  canSupervise: boolean;
  /** the street's 述职 month (R36) */
  reportMonth: number;
  members: Member[];
  me: { memberId: number; seat: Seat; suspendedOn: string | null } | null;
  canManage: boolean;
  demands: {
    id: number;
    reason: string;
    demandedOn: string;
    deadline: string;
    calendarComplete: boolean;
    meetingId: number | null;
    signers: number[];
    overdue: boolean;
  }[];
  meetings: {
    id: number;
    title: string;
    heldOn: string;
    state: MeetingState;
    convenedBy: ConvenedBy;
    resolutions: number;
    minutes: { status: MinutesStatus; deadline: string };
    minutesNoticeId: number | null;
    purpose: MeetingPurpose;
    cancelReason: string | null;
  }[];
}

export interface Resolution {
  id: number;
  title: string;
  text: string;
  items: number[];
  itemLabels: string[];
  state: ResolutionState;
  adoptedOn: string | null;
  decisionId: number | null;
  signatures: { memberId: number; name: string; via: 'app' | 'paper'; scanFileId: number | null }[];
  adoption: Adoption;
  iSigned: boolean;
}

export interface MeetingDetail {
  id: number;
  committee: { kind: CommitteeKind; id: number; estateName: string; kindLabel: string };
  title: string;
  heldOn: string;
  location: string | null;
  convenedBy: ConvenedBy;
  agenda: string[];
  state: MeetingState;
  minutes: string | null;
  minutesNoticeId: number | null;
  minutesStatus: { status: MinutesStatus; deadline: string };
  members: (Member & { present: boolean; mode: AttendMode | null; proxy: string | null })[];
  quorum: Quorum;
  suspendedCounted: boolean;
  me: { memberId: number; suspendedOn: string | null } | null;
  canManage: boolean;
  resolutions: Resolution[];
  files: { id: number; fileName: string; size: number; agendaIndex: number | null }[];
  purpose: MeetingPurpose;
  guests: { personId: number; name: string }[];
  cancelled: { reason: string | null; on: string | null } | null;
}

export interface CommitteeTraining {
  year: number;
  trainings: { id: number; heldOn: string; topic: string; attendees: string[] }[];
  members: {
    memberId: number;
    name: string;
    seatLabel: string;
    required: boolean;
    trainingIds: number[];
    attended: boolean;
    flagged: boolean;
  }[];
  required: number;
  requiredAttended: number;
  attended: number;
  december: boolean;
}

export interface StreetSetting {
  streetId: number;
  streetName: string;
  reportMonth: number;
  canManage: boolean;
}

export interface MySeat {
  memberId: number;
  kind: CommitteeKind;
  kindLabel: string;
  committeeId: number;
  estateName: string;
  seat: Seat;
  suspendedOn: string | null;
  toSign: { id: number; title: string; text: string; meetingId: number; meetingTitle: string; heldOn: string }[];
}

export interface AnnualReport {
  id: number;
  committee: { kind: CommitteeKind; id: number; estateName: string; kindLabel: string };
  year: number;
  text: string;
  meeting: { id: number; title: string; heldOn: string; state: MeetingState; guests: string[] } | null;
  opensOn: string;
  closesOn: string;
  open: boolean;
  closed: boolean;
  noticeId: number | null;
  resultNoticeId: number | null;
  feedbackNoticeId: number | null;
  result: EvaluationResult;
  opinions: { id: number; choice: EvaluationChoice; opinion: string }[];
  rectifications: {
    id: number;
    title: string;
    memberId: number;
    memberName: string;
    dueWorkdays: number;
    dueOn: string;
    state: 'open' | 'done';
    overdue: boolean;
    progress: { on: string; note: string }[];
    doneNote: string | null;
    doneOn: string | null;
    evaluationId: number | null;
  }[];
}

export interface MyEvaluation {
  id: number;
  title: string;
  text: string;
  closesOn: string;
  heads: number;
  evaluated: number;
}
