import type { ColumnType, Generated, Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Item } from '../../core/tally.js';
import type { DecisionState, PaperChoice } from '../../core/decisions.js';
import type { Db } from '../db/connect.js';
import type { Trx } from '../db/transaction.js';

type GenTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
/** bigint columns (sums of hundredths) come back as numbers from both drivers (openDatabase's type parsers). */
type BigNum = ColumnType<number, number, number>;
type NullableBigNum = ColumnType<number | null, number | null | undefined, number | null>;

/** Table types of migration 0013 (issue 6). */
export interface DecisionTable {
  id: Generated<number>;
  estate_id: number;
  title: string;
  organiser: string;
  building_ids: NullableJson<number[]>;
  state: ColumnType<DecisionState, DecisionState | undefined, DecisionState>;
  rules: Json<unknown>;
  announced_on: Nullable<string>;
  opens_on: Nullable<string>;
  closes_on: Nullable<string>;
  announce_notice_id: Nullable<number>;
  opened_on: Nullable<string>;
  closed_on: Nullable<string>;
  published_on: Nullable<string>;
  result_notice_id: Nullable<number>;
  total_heads: Nullable<number>;
  total_area_centi: NullableBigNum;
  result: NullableJson<unknown>;
  tally_file: Nullable<string>;
  tally_sha256: Nullable<string>;
  owners_committee_id: Nullable<number>;
  created_by: Nullable<number>;
  created_at: GenTimestamp;
  updated_at: GenTimestamp;
}

export interface DecisionMotionTable {
  id: Generated<number>;
  decision_id: number;
  code: string;
  position: number;
  title: string;
  body: Nullable<string>;
  item: Item;
  kind: 'choice' | 'election';
  seats: Nullable<number>;
  candidates: NullableJson<{ code: string; name: string; personId: number | null }[]>;
}

export interface DecisionRollTable {
  decision_id: number;
  unit_id: number;
  room: string;
  area_centi: BigNum;
  developer_stock: boolean;
  head: string;
  owner_code: string;
  voter_person_id: number | null;
  /** the unit's place in the roll's natural order of rooms (core/decisions.ts rollOrder) */
  position: number;
  /** the owner code's place in the natural order of the roll's codes */
  owner_rank: number;
}

export interface DecisionFileTable {
  id: Generated<number>;
  decision_id: number;
  purpose: 'scan' | 'proxy';
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  created_by: number | null;
  created_at: GenTimestamp;
}

export interface BallotSubmissionTable {
  id: Generated<number>;
  decision_id: number;
  head: string;
  channel: 'online' | 'paper';
  code: string;
  cast_by: number | null;
  voter_person_id: Nullable<number>;
  principal_person_id: Nullable<number>;
  proxy_file_id: Nullable<number>;
  scan_file_id: Nullable<number>;
  created_at: GenTimestamp;
}

export type BallotStatus = 'counted' | 'superseded' | 'disputed' | 'corrected';

export interface BallotTable {
  id: Generated<number>;
  decision_id: number;
  motion_code: string;
  head: string;
  channel: 'online' | 'paper';
  submission_id: number;
  choice: Nullable<PaperChoice>;
  candidates: NullableJson<string[]>;
  status: ColumnType<BallotStatus, BallotStatus | undefined, BallotStatus>;
  status_reason: Nullable<string>;
  created_at: GenTimestamp;
}

export interface PaperEntryTable {
  id: Generated<number>;
  decision_id: number;
  unit_id: number;
  head: string;
  answers: Json<Record<string, unknown>>;
  scan_file_id: Nullable<number>;
  proxy_holder: Nullable<string>;
  proxy_file_id: Nullable<number>;
  kind: 'first' | 'second' | 'review';
  outcome: 'entered' | 'matched' | 'mismatch' | 'resolved';
  submission_id: Nullable<number>;
  entered_by: number;
  created_at: GenTimestamp;
}

export interface DecisionRefusalTable {
  id: Generated<number>;
  decision_id: number | null;
  account_id: number | null;
  action: string;
  reason: string;
  ip: string | null;
  at: GenTimestamp;
}

/** Issue 19 (migration 0060): public receipt lookups, kept to refuse enumeration. */
export interface ReceiptLookupTable {
  id: Generated<number>;
  ip: string;
  estate_id: number | null;
  found: boolean;
  at: GenTimestamp;
}

export interface DecisionTables {
  decision: DecisionTable;
  decision_motion: DecisionMotionTable;
  decision_roll: DecisionRollTable;
  decision_file: DecisionFileTable;
  ballot_submission: BallotSubmissionTable;
  ballot: BallotTable;
  paper_entry: PaperEntryTable;
  decision_refusal: DecisionRefusalTable;
  receipt_lookup: ReceiptLookupTable;
}

export type DecisionsDb = Kysely<Database & DecisionTables>;
export type DecisionsTrx = Transaction<Database & DecisionTables>;
/** A decision as every use case loads it: all but its tally file (DECISION_COLUMNS). */
export type DecisionRow = Omit<Selectable<DecisionTable>, 'tally_file'>;

/**
 * Every column of a decision but `tally_file`, which runs to megabytes for a large estate (3.2 MB at
 * 20,000 units): only its download reads it (queries.ts publicTallyFile), not every page and action
 * that loads the decision. Listed as a record so that the compiler refuses a column left out.
 */
const LOADED: Record<keyof DecisionRow, true> = {
  id: true,
  estate_id: true,
  title: true,
  organiser: true,
  building_ids: true,
  state: true,
  rules: true,
  announced_on: true,
  opens_on: true,
  closes_on: true,
  announce_notice_id: true,
  opened_on: true,
  closed_on: true,
  published_on: true,
  result_notice_id: true,
  total_heads: true,
  total_area_centi: true,
  result: true,
  tally_sha256: true,
  owners_committee_id: true,
  created_by: true,
  created_at: true,
  updated_at: true,
};
export const DECISION_COLUMNS = Object.keys(LOADED) as (keyof DecisionRow)[];
/** The same columns under a table alias (`select … from decision as d`). */
export const decisionColumnsOf = <A extends string>(alias: A) =>
  DECISION_COLUMNS.map((c) => `${alias}.${c}` as `${A}.${keyof DecisionRow}`);
export type MotionRow = Selectable<DecisionMotionTable>;

/** The database seen with this capability's tables. */
export const ddb = (db: Db) => db as unknown as DecisionsDb;
export const dtrx = (trx: Trx) => trx as unknown as DecisionsTrx;
