import type { AgendaSource, BodyKind, DisputeState, MeetingState, MemberKind, TaskState } from '../../../core/coordination';

export interface Member {
  id: number;
  kind: MemberKind;
  kindLabel: string;
  organisation: string;
  representative: string | null;
  hasAccount: boolean;
  accountLogin: string | null;
  companyId: number | null;
  active: boolean;
}

export interface Body {
  id: number;
  kind: BodyKind;
  kindLabel: string;
  name: string;
  nodeId: number;
  nodeName: string;
  members: Member[];
  meetings: { id: number; title: string; heldOn: string; state: MeetingState; stateLabel: string }[];
  actions: string[];
}

export interface Task {
  id: number;
  title: string;
  organisation: string;
  memberId: number;
  assignee: string | null;
  state: TaskState;
  stateLabel: string;
  overdue: boolean;
  dueOn: string;
  dueWorkdays: number;
  calendarComplete: boolean;
  doneNote: string | null;
  hasEvidence: boolean;
  originTaskId: number | null;
  meetingId: number;
  meetingTitle: string;
  bodyName: string;
  resolution: string;
  notes: { note: string; at: string }[];
  actions: string[];
}

export interface Meeting {
  id: number;
  title: string;
  heldOn: string;
  location: string | null;
  state: MeetingState;
  stateLabel: string;
  convenor: string | null;
  minutes: string | null;
  body: { id: number; kind: BodyKind; kindLabel: string; name: string; nodeId: number };
  members: (Member & { present: boolean | null; attendee: string | null })[];
  agenda: {
    id: number;
    source: AgendaSource;
    sourceLabel: string;
    sourceId: number | null;
    estateId: number | null;
    title: string;
    note: string | null;
  }[];
  resolutions: { id: number; text: string; agendaId: number | null; tasks: Task[] }[];
  files: { id: number; fileName: string; contentType: string; size: number }[];
  actions: string[];
}

export interface Candidate {
  source: AgendaSource;
  sourceLabel: string;
  sourceId: number;
  estateId: number | null;
  title: string;
  detail: string;
}

export interface Dispute {
  id: number;
  estateId: number;
  estateName: string;
  category: string;
  categoryLabel: string;
  title: string;
  description: string;
  parties: { kind: string; kindLabel: string; name: string }[];
  occurredOn: string;
  state: DisputeState;
  stateLabel: string;
  outcome: string | null;
  mediations: { id: number; mediatedOn: string; mediator: string; record: string }[];
  meetings: { id: number; title: string; heldOn: string }[];
  actions: string[];
}

export interface Briefing {
  street: { id: number; name: string };
  month: string;
  asOf: string;
  meetings: { id: number; title: string; heldOn: string; kindLabel: string; place: string; resolutions: number }[];
  tasks: {
    byOrganisation: { organisation: string; assigned: number; open: number; overdue: number; done: number }[];
    overdue: { id: number; title: string; organisation: string; dueOn: string; meeting: string }[];
  };
  disputes: { registered: number; settled: number; open: number };
  plan: { name: string; deadline: string; passed: boolean } | null;
  estatesBehind: { id: number; name: string; statusLabel: string }[];
}
