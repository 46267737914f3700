import type {
  HandlerType,
  Satisfaction,
  TicketAction,
  TicketChannel,
  TicketState,
  LimitUnit,
  PausableState,
  DispatchRule,
} from '../../../core/tickets';

export interface TicketListItem {
  id: number;
  title: string;
  kindName: string;
  state: TicketState;
  stateLabel: string;
  channel: TicketChannel;
  channelLabel: string;
  estateId: number;
  estateName: string;
  gridName: string | null;
  place: string;
  raisedAt: string;
  handler: string;
  finishDueAt: string;
  overdue: boolean;
  finishedLate: boolean | null;
  escalationLevel: number;
  escalationLabel: string;
  satisfaction: Satisfaction | null;
  satisfactionLabel: string | null;
}

export interface TicketPage {
  items: TicketListItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface TicketEvent {
  id: number;
  at: string;
  action: string;
  actionLabel: string;
  actor: string | null;
  toStateLabel: string;
  note: string | null;
  satisfactionLabel: string | null;
  handler: string | null;
  photos: number[];
}

export interface TicketDetail extends Omit<TicketListItem, 'overdue' | 'finishedLate'> {
  description: string;
  communityId: number;
  communityName: string;
  raiser: string;
  caller: { name: string | null; phone: string | null } | null;
  handlerType: HandlerType | null;
  respondLimit: string;
  finishLimit: string;
  clockStops: string[];
  respondDueAt: string;
  respondedAt: string | null;
  finishedAt: string | null;
  respondLate: boolean;
  finishLate: boolean;
  paused: boolean;
  calendarWarning: string | null;
  reopenCount: number;
  photos: number[];
  events: TicketEvent[];
  actions: TicketAction[];
}

export interface ServiceKind {
  id: number;
  communityId: number;
  name: string;
  description: string | null;
  handlerType: HandlerType;
  handlerLabel: string;
  departmentAccountId: number | null;
  respond: { unit: LimitUnit; amount: number };
  finish: { unit: LimitUnit; amount: number };
  respondText: string;
  finishText: string;
  dispatch: DispatchRule;
  dispatchLabel: string;
  clockStops: PausableState[];
  clockStopsText: string;
  active: boolean;
}

export interface RaiseOptions {
  channels: TicketChannel[];
  units: { id: number; estateId: number; label: string }[];
  estates: { id: number; name: string; communityId: number; buildings: { id: number; name: string }[] }[];
  kinds: ServiceKind[];
}

export const STATE_COLOR: Record<TicketState, string> = {
  submitted: 'orange',
  dispatched: 'gold',
  accepted: 'blue',
  waitingResident: 'purple',
  suspended: 'purple',
  finished: 'cyan',
  revisit: 'magenta',
  closed: 'green',
  withdrawn: 'default',
};
