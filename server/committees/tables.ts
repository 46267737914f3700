import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';
import type { EvaluationChoice, EvaluationResult } from '../../core/committee.js';
import type {
  AttendMode,
  CommitteeKind,
  ConvenedBy,
  MeetingPurpose,
  MeetingState,
  ResolutionState,
  Seat,
  SentBy,
} from '../../core/committee.js';
import type { Item } from '../../core/tally.js';
import type { Database } from '../db/schema.js';
import type { Db } from '../db/connect.js';
import type { Trx } from '../db/transaction.js';

type GenTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type Json<T> = ColumnType<T, string | undefined, string>;

/** Table types of migrations 0030–0035 (issue 14). */
export interface CommitteeTables {
  committee_member: {
    id: Generated<number>;
    committee_kind: CommitteeKind;
    committee_id: number;
    estate_id: number;
    person_id: number;
    post_id: Nullable<number>;
    seat: ColumnType<Seat, Seat | undefined, Seat>;
    owner_representative: ColumnType<boolean, boolean | undefined, boolean>;
    sent_by: ColumnType<SentBy, SentBy | undefined, SentBy>;
    account_id: Nullable<number>;
    started_on: string;
    ended_on: Nullable<string>;
    end_reason: Nullable<string>;
    suspended_on: Nullable<string>;
    created_at: GenTimestamp;
  };
  committee_file: {
    id: Generated<number>;
    estate_id: number;
    file_name: string;
    content_type: string;
    size: number;
    sha256: string;
    content: Uint8Array;
    created_by: Nullable<number>;
    created_at: GenTimestamp;
  };
  committee_demand: {
    id: Generated<number>;
    committee_kind: CommitteeKind;
    committee_id: number;
    estate_id: number;
    reason: string;
    demanded_on: string;
    deadline: string;
    calendar_complete: ColumnType<boolean, boolean | undefined, boolean>;
    file_id: Nullable<number>;
    meeting_id: Nullable<number>;
    created_by: Nullable<number>;
    created_at: GenTimestamp;
  };
  committee_demand_signer: { demand_id: number; member_id: number };
  committee_meeting: {
    id: Generated<number>;
    committee_kind: CommitteeKind;
    committee_id: number;
    estate_id: number;
    title: string;
    held_on: string;
    location: Nullable<string>;
    convened_by: ConvenedBy;
    demand_id: Nullable<number>;
    agenda: Json<string[]>;
    state: ColumnType<MeetingState, MeetingState | undefined, MeetingState>;
    minutes: Nullable<string>;
    minutes_notice_id: Nullable<number>;
    minutes_posted_on: Nullable<string>;
    reminded_at: Nullable<Date>;
    created_by: Nullable<number>;
    created_at: GenTimestamp;
    recorded_at: Nullable<Date>;
    purpose: ColumnType<MeetingPurpose, MeetingPurpose | undefined, MeetingPurpose>;
    cancel_reason: Nullable<string>;
    cancelled_on: Nullable<string>;
    cancelled_by: Nullable<number>;
  };
  committee_meeting_file: { meeting_id: number; file_id: number; agenda_index: Nullable<number>; created_at: GenTimestamp };
  committee_meeting_guest: { meeting_id: number; person_id: number };
  committee_street_setting: {
    street_id: number;
    report_month: ColumnType<number, number | undefined, number>;
    report_reminded_year: Nullable<number>;
    updated_by: Nullable<number>;
    updated_at: GenTimestamp;
  };
  committee_attendance: {
    meeting_id: number;
    member_id: number;
    mode: AttendMode;
    proxy: Nullable<string>;
    recorded_by: Nullable<number>;
    recorded_at: GenTimestamp;
  };
  committee_resolution: {
    id: Generated<number>;
    meeting_id: number;
    position: ColumnType<number, number | undefined, number>;
    title: string;
    text: string;
    items: Json<Item[]>;
    state: ColumnType<ResolutionState, ResolutionState | undefined, ResolutionState>;
    adopted_on: Nullable<string>;
    decision_id: Nullable<number>;
    created_by: Nullable<number>;
    created_at: GenTimestamp;
  };
  committee_signature: {
    resolution_id: number;
    member_id: number;
    via: 'app' | 'paper';
    scan_file_id: Nullable<number>;
    signed_by: Nullable<number>;
    signed_at: GenTimestamp;
  };
  negative_item: {
    id: Generated<number>;
    street_id: Nullable<number>;
    code: Nullable<string>;
    label: string;
    active: ColumnType<boolean, boolean | undefined, boolean>;
    created_by: Nullable<number>;
    created_at: GenTimestamp;
  };
  negative_report: {
    id: Generated<number>;
    committee_kind: CommitteeKind;
    committee_id: number;
    estate_id: number;
    member_id: number;
    item_id: number;
    facts: string;
    reported_on: string;
    reported_by: Nullable<number>;
    decide_by: string;
    calendar_complete: ColumnType<boolean, boolean | undefined, boolean>;
    state: ColumnType<ReportState, ReportState | undefined, ReportState>;
    decision_reason: Nullable<string>;
    decided_by: Nullable<number>;
    decided_on: Nullable<string>;
    notice_id: Nullable<number>;
    outcome: Nullable<'lifted' | 'removed'>;
    outcome_on: Nullable<string>;
    outcome_reason: Nullable<string>;
    outcome_by: Nullable<number>;
    created_at: GenTimestamp;
  };
  negative_report_file: { report_id: number; file_id: number };
  negative_candidate: {
    id: Generated<number>;
    member_id: number;
    estate_id: number;
    month: string;
    reason: string;
    report_id: Nullable<number>;
    created_at: GenTimestamp;
  };
  committee_compliance: {
    committee_kind: CommitteeKind;
    committee_id: number;
    estate_id: number;
    failures: Json<{ rule: string; message: string }[]>;
    since: Nullable<string>;
    deadline: Nullable<string>;
    calendar_complete: ColumnType<boolean, boolean | undefined, boolean>;
    checked_at: GenTimestamp;
  };
  committee_replacement: {
    id: Generated<number>;
    committee_kind: CommitteeKind;
    committee_id: number;
    estate_id: number;
    vacated_member_id: Nullable<number>;
    person_id: number;
    channel: 'self' | 'partyOrg' | 'residentsCommittee' | 'jointOwners';
    signers: Json<number[]>;
    seat: ColumnType<'deputyDirector' | 'member', 'deputyDirector' | 'member' | undefined, 'deputyDirector' | 'member'>;
    statement: Nullable<string>;
    state: ColumnType<ReplacementState, ReplacementState | undefined, ReplacementState>;
    vetting_reason: Nullable<string>;
    vetted_by: Nullable<number>;
    vetted_on: Nullable<string>;
    notice_id: Nullable<number>;
    seated_on: Nullable<string>;
    member_id: Nullable<number>;
    created_by: Nullable<number>;
    created_at: GenTimestamp;
  };
  committee_change: {
    id: Generated<number>;
    committee_kind: CommitteeKind;
    committee_id: number;
    estate_id: number;
    member_id: number;
    kind: 'resigned' | 'removed' | 'seated';
    changed_on: string;
    reason: Nullable<string>;
    notice_id: Nullable<number>;
    created_by: Nullable<number>;
    created_at: GenTimestamp;
  };
  committee_report: {
    id: Generated<number>;
    committee_kind: CommitteeKind;
    committee_id: number;
    estate_id: number;
    year: number;
    text: string;
    meeting_id: Nullable<number>;
    submitted_on: string;
    opens_on: string;
    closes_on: string;
    notice_id: Nullable<number>;
    result: ColumnType<EvaluationResult | null, string | null | undefined, string | null>;
    result_notice_id: Nullable<number>;
    feedback_notice_id: Nullable<number>;
    created_by: Nullable<number>;
    created_at: GenTimestamp;
  };
  committee_evaluation: {
    id: Generated<number>;
    report_id: number;
    head_key: string;
    area_centi: ColumnType<string, number | string, number | string>;
    units: number;
    person_id: number;
    account_id: Nullable<number>;
    choice: EvaluationChoice;
    opinion: Nullable<string>;
    created_at: GenTimestamp;
  };
  rectification: {
    id: Generated<number>;
    report_id: number;
    evaluation_id: Nullable<number>;
    title: string;
    member_id: number;
    due_workdays: number;
    due_on: string;
    calendar_complete: ColumnType<boolean, boolean | undefined, boolean>;
    state: ColumnType<'open' | 'done', 'open' | 'done' | undefined, 'open' | 'done'>;
    progress: Json<{ on: string; note: string }[]>;
    done_note: Nullable<string>;
    evidence_file_id: Nullable<number>;
    done_on: Nullable<string>;
    created_by: Nullable<number>;
    created_at: GenTimestamp;
    overdue_reminded_for: Nullable<string>;
  };
  training: {
    id: Generated<number>;
    street_id: number;
    held_on: string;
    topic: string;
    note: Nullable<string>;
    created_by: Nullable<number>;
    created_at: GenTimestamp;
  };
  training_material: {
    id: Generated<number>;
    training_id: number;
    file_name: string;
    content_type: string;
    size: number;
    sha256: string;
    content: Uint8Array;
  };
  training_attendance: { training_id: number; person_id: number };
}

export type ReplacementState = 'nominated' | 'vetted' | 'publicity' | 'seated' | 'rejected';
export type ReportState = 'pending' | 'upheld' | 'notUpheld';

export type CommitteeDb = Kysely<Database & CommitteeTables>;
export type CommitteeTrx = Transaction<Database & CommitteeTables>;
export const kdb = (db: Db | Trx) => db as unknown as CommitteeDb;
export const ktrx = (trx: Trx) => trx as unknown as CommitteeTrx;
