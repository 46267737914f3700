import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';
import type { DisclosureItem, IncomeKind } from '../../core/disclosures.js';
import type { Database } from '../db/schema.js';
import type { Db } from '../db/connect.js';
import type { Trx } from '../db/transaction.js';

type GenTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

/** Table types of migration 0080 (issue 15). */
export interface DisclosureTables {
  disclosure_version: {
    id: Generated<number>;
    estate_id: number;
    item: DisclosureItem;
    version: number;
    source: 'entered' | 'registry';
    body: Nullable<string>;
    phone: Nullable<string>;
    period: Nullable<string>;
    snapshot: ColumnType<unknown, string | null | undefined, string | null>;
    updated_on: string;
    created_by: Nullable<number>;
    created_at: GenTimestamp;
  };
  disclosure_income_row: {
    id: Generated<number>;
    version_id: number;
    position: number;
    kind: IncomeKind;
    on_date: string;
    title: string;
    amount_fen: number;
    note: Nullable<string>;
  };
  disclosure_file: {
    id: Generated<number>;
    estate_id: number;
    version_id: Nullable<number>;
    file_name: string;
    content_type: string;
    size: number;
    sha256: string;
    content: Uint8Array;
    created_by: Nullable<number>;
    created_at: GenTimestamp;
  };
  disclosure_question: {
    id: Generated<number>;
    estate_id: number;
    item: DisclosureItem;
    asker_account_id: number;
    question: string;
    asked_on: string;
    due_on: string;
    due_calendar_complete: ColumnType<boolean, boolean | undefined, boolean>;
    answer: Nullable<string>;
    answered_by: Nullable<number>;
    answered_on: Nullable<string>;
    hidden_reason: Nullable<string>;
    hidden_by: Nullable<number>;
    hidden_at: Nullable<Date>;
    reminded_at: Nullable<Date>;
    overdue_at: Nullable<Date>;
    created_at: GenTimestamp;
  };
  disclosure_reminder: {
    estate_id: number;
    item: DisclosureItem;
    due_on: string;
    side: 'before' | 'after';
    sent_at: GenTimestamp;
  };
}

export type DisclosureDb = Kysely<Database & DisclosureTables>;
export type DisclosureTrx = Transaction<Database & DisclosureTables>;
export const ddb = (db: Db | Trx) => db as unknown as DisclosureDb;
export const dtrx = (trx: Trx) => trx as unknown as DisclosureTrx;
