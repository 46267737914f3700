import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';
import type { BodyKind, DisputeState, MeetingState, MemberKind, TaskState, AgendaSource } from '../../core/coordination.js';
import type { Database } from '../db/schema.js';
import type { Db } from '../db/connect.js';
import type { Trx } from '../db/transaction.js';

type GenTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type Json<T> = ColumnType<T, string, string>;

/** Table types of migration 0070 (issue 17). */
export interface CoordinationTables {
  coordination_body: {
    id: Generated<number>;
    kind: BodyKind;
    node_id: number;
    name: string;
    created_at: GenTimestamp;
  };
  coordination_member: {
    id: Generated<number>;
    body_id: number;
    kind: MemberKind;
    organisation: string;
    representative: Nullable<string>;
    account_id: Nullable<number>;
    company_id: Nullable<number>;
    position: ColumnType<number, number | undefined, number>;
    active: ColumnType<boolean, boolean | undefined, boolean>;
  };
  coordination_meeting: {
    id: Generated<number>;
    body_id: number;
    title: string;
    held_on: string;
    location: Nullable<string>;
    convenor_account_id: Nullable<number>;
    state: ColumnType<MeetingState, MeetingState | undefined, MeetingState>;
    minutes: Nullable<string>;
    created_by: Nullable<number>;
    created_at: GenTimestamp;
    recorded_at: Nullable<Date>;
  };
  coordination_attendance: {
    meeting_id: number;
    member_id: number;
    present: boolean;
    attendee: Nullable<string>;
  };
  coordination_agenda: {
    id: Generated<number>;
    meeting_id: number;
    source: AgendaSource;
    source_id: Nullable<number>;
    estate_id: Nullable<number>;
    title: string;
    note: Nullable<string>;
    position: ColumnType<number, number | undefined, number>;
    added_by: Nullable<number>;
  };
  coordination_resolution: {
    id: Generated<number>;
    meeting_id: number;
    text: string;
    agenda_id: Nullable<number>;
    position: ColumnType<number, number | undefined, number>;
    created_by: Nullable<number>;
    created_at: GenTimestamp;
  };
  coordination_file: {
    id: Generated<number>;
    meeting_id: Nullable<number>;
    file_name: string;
    content_type: string;
    size: number;
    sha256: string;
    content: Uint8Array;
    created_by: Nullable<number>;
    created_at: GenTimestamp;
  };
  coordination_task: {
    id: Generated<number>;
    resolution_id: number;
    member_id: number;
    assignee: Nullable<string>;
    title: string;
    due_workdays: number;
    due_on: string;
    calendar_complete: ColumnType<boolean, boolean | undefined, boolean>;
    state: ColumnType<TaskState, TaskState | undefined, TaskState>;
    done_note: Nullable<string>;
    evidence_file_id: Nullable<number>;
    done_at: Nullable<Date>;
    confirmed_by: Nullable<number>;
    confirmed_at: Nullable<Date>;
    origin_task_id: Nullable<number>;
    overdue_at: Nullable<Date>;
    reminded_at: Nullable<Date>;
    created_at: GenTimestamp;
  };
  coordination_task_note: {
    id: Generated<number>;
    task_id: number;
    note: string;
    created_by: Nullable<number>;
    created_at: GenTimestamp;
  };
  dispute: {
    id: Generated<number>;
    estate_id: number;
    category: string;
    title: string;
    description: string;
    parties: Json<{ kind: string; name: string }[]>;
    occurred_on: string;
    state: ColumnType<DisputeState, DisputeState | undefined, DisputeState>;
    outcome: Nullable<string>;
    registered_by: Nullable<number>;
    created_at: GenTimestamp;
    closed_at: Nullable<Date>;
  };
  coordination_request: {
    id: Generated<number>;
    estate_id: number;
    title: string;
    content: string;
    submitted_by: number;
    submitted_at: GenTimestamp;
    state: ColumnType<'open' | 'withdrawn', 'open' | 'withdrawn' | undefined, 'open' | 'withdrawn'>;
    withdrawn_at: Nullable<Date>;
  };
  dispute_mediation: {
    id: Generated<number>;
    dispute_id: number;
    mediated_on: string;
    mediator: string;
    mediator_person_id: Nullable<number>;
    record: string;
    created_by: Nullable<number>;
    created_at: GenTimestamp;
  };
}

export type CoordinationDb = Kysely<Database & CoordinationTables>;
export type CoordinationTrx = Transaction<Database & CoordinationTables>;
export const cdb = (db: Db) => db as unknown as CoordinationDb;
export const ctrx = (trx: Trx) => trx as unknown as CoordinationTrx;
