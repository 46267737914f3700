import type { ColumnType, Generated, Kysely, Selectable, Transaction } from 'kysely';
import type { HandlerType, LimitUnit, PausableState, Satisfaction, TicketChannel, TicketState, TimeLimit } from '../../core/tickets.js';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import type { Trx } from '../db/transaction.js';

type GenTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type NullableTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;
/** bigint columns come back as numbers from both drivers (openDatabase's type parsers). */
type BigNum = ColumnType<number, number | undefined, number>;

/** Table types of migrations 0040–0042 (issue 16). */
export interface ServiceKindTable {
  id: Generated<number>;
  community_id: number;
  name: string;
  description: Nullable<string>;
  handler_type: HandlerType;
  department_account_id: Nullable<number>;
  respond_unit: LimitUnit;
  respond_amount: number;
  finish_unit: LimitUnit;
  finish_amount: number;
  dispatch: Defaulted<'auto' | 'manual'>;
  clock_stops: ColumnType<PausableState[], string | undefined, string>;
  active: Defaulted<boolean>;
  position: Defaulted<number>;
  created_at: GenTimestamp;
  updated_at: GenTimestamp;
}

export interface TicketTable {
  id: Generated<number>;
  street_id: number;
  community_id: number;
  estate_id: number;
  grid_id: Nullable<number>;
  building_id: Nullable<number>;
  unit_id: Nullable<number>;
  place: Nullable<string>;
  kind_id: number;
  kind_name: string;
  title: string;
  description: string;
  channel: TicketChannel;
  caller_name: Nullable<string>;
  caller_phone: Nullable<string>;
  raised_by: number;
  raised_at: ColumnType<Date, Date | string, Date | string>;
  state: TicketState;
  handler_type: Nullable<HandlerType>;
  handler_node_id: Nullable<number>;
  handler_account_id: Nullable<number>;
  handler_name: Nullable<string>;
  respond_limit: Json<TimeLimit>;
  finish_limit: Json<TimeLimit>;
  clock_stops: Json<PausableState[]>;
  clock_start: ColumnType<Date, Date | string, Date | string>;
  paused_ms: BigNum;
  paused_workdays: Defaulted<number>;
  paused_since: NullableTime;
  respond_due_at: ColumnType<Date, Date | string, Date | string>;
  finish_due_at: ColumnType<Date, Date | string, Date | string>;
  calendar_complete: Defaulted<boolean>;
  responded_at: NullableTime;
  responded_late: Nullable<boolean>;
  finished_at: NullableTime;
  finished_late: Nullable<boolean>;
  closed_at: NullableTime;
  satisfaction: Nullable<Satisfaction>;
  rated_at: NullableTime;
  escalation_level: Defaulted<number>;
  escalated_at: NullableTime;
  reopen_count: Defaulted<number>;
  updated_at: GenTimestamp;
}

export interface TicketEventTable {
  id: Generated<number>;
  ticket_id: number;
  at: ColumnType<Date, Date | string, Date | string>;
  action: string;
  actor_id: Nullable<number>;
  actor_name: Nullable<string>;
  from_state: Nullable<string>;
  to_state: string;
  note: Nullable<string>;
  satisfaction: Nullable<string>;
  handler_type: Nullable<string>;
  handler_node_id: Nullable<number>;
  handler_account_id: Nullable<number>;
  handler_name: Nullable<string>;
}

export interface ServicePhotoTable {
  id: Generated<number>;
  uploaded_by: number;
  content_type: 'image/jpeg' | 'image/png';
  size: number;
  sha256: string;
  content: Uint8Array;
  ticket_id: Nullable<number>;
  event_id: Nullable<number>;
  wish_id: Nullable<number>;
  created_at: GenTimestamp;
}

export type DutyKind = 'gridWorker' | 'partyMember' | 'volunteer' | 'propertyStaff';

export interface StationTable {
  id: Generated<number>;
  node_id: number;
  community_id: number;
  name: string;
  place: string;
  opening_hours: string;
  active: Defaulted<boolean>;
  created_at: GenTimestamp;
}

export interface DutyShiftTable {
  id: Generated<number>;
  station_id: number;
  starts_at: ColumnType<Date, Date | string, Date | string>;
  ends_at: ColumnType<Date, Date | string, Date | string>;
  duty_kind: DutyKind;
  person_id: Nullable<number>;
  account_id: Nullable<number>;
  name: string;
  checked_in_at: NullableTime;
  checked_out_at: NullableTime;
  missed_flagged_at: NullableTime;
  created_by: Nullable<number>;
  created_at: GenTimestamp;
}

export type WishState = 'pending' | 'approved' | 'rejected' | 'claimed' | 'fulfilled';
export type ClaimerKind = 'partyMember' | 'company' | 'volunteer';

export interface MicroWishTable {
  id: Generated<number>;
  estate_id: number;
  community_id: number;
  title: string;
  content: string;
  posted_by: number;
  posted_at: ColumnType<Date, Date | string, Date | string>;
  state: Defaulted<WishState>;
  review_note: Nullable<string>;
  reviewed_by: Nullable<number>;
  reviewed_at: NullableTime;
  claimed_by: Nullable<number>;
  claimer_kind: Nullable<ClaimerKind>;
  claimer_name: Nullable<string>;
  claimer_person_id: Nullable<number>;
  claimed_at: NullableTime;
  fulfilled_at: NullableTime;
  fulfil_note: Nullable<string>;
  volunteer_minutes: Nullable<number>;
}

export interface PledgeTable {
  id: Generated<number>;
  estate_id: number;
  community_id: number;
  person_id: number;
  title: string;
  content: string;
  due_on: ColumnType<string | null, string | null | undefined, string | null>;
  state: Defaulted<'active' | 'fulfilled'>;
  fulfilled_on: ColumnType<string | null, string | null | undefined, string | null>;
  fulfil_note: Nullable<string>;
  created_by: Nullable<number>;
  created_at: GenTimestamp;
}

export interface PledgeProgressTable {
  id: Generated<number>;
  pledge_id: number;
  on_date: string;
  note: string;
  volunteer_minutes: Defaulted<number>;
  created_by: Nullable<number>;
  created_at: GenTimestamp;
}

export interface ServiceTables {
  service_kind: ServiceKindTable;
  ticket: TicketTable;
  ticket_event: TicketEventTable;
  service_photo: ServicePhotoTable;
  station: StationTable;
  duty_shift: DutyShiftTable;
  micro_wish: MicroWishTable;
  pledge: PledgeTable;
  pledge_progress: PledgeProgressTable;
}

export type ServiceDb = Kysely<Database & ServiceTables>;
export type ServiceTrx = Transaction<Database & ServiceTables>;
export type TicketRow = Selectable<TicketTable>;
export type ServiceKindRow = Selectable<ServiceKindTable>;

/** The database seen with this capability's tables. */
export const sdb = (db: Db | Trx) => db as unknown as ServiceDb;
export const strx = (trx: Trx) => trx as unknown as ServiceTrx;
