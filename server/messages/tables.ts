import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Db } from '../db/connect.js';
import type { Trx } from '../db/transaction.js';

type GenTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

/** Migration 0061 (issue 19). */
export interface OwnerSettingTable {
  account_id: number;
  sms: ColumnType<boolean, boolean | undefined, boolean>;
  large_text: ColumnType<boolean, boolean | undefined, boolean>;
  updated_at: GenTimestamp;
}

export type OutboundStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'optedOut' | 'noMobile';

/** Migration 0062 (issue 19): what went (or did not go) to an owner outside the app. */
export interface OutboundMessageTable {
  id: Generated<number>;
  account_id: number;
  event: string;
  once_key: Nullable<string>;
  mobile: Nullable<string>;
  title: string;
  body: string;
  link: Nullable<string>;
  status: OutboundStatus;
  channel: Nullable<string>;
  attempts: ColumnType<number, number | undefined, number>;
  error: Nullable<string>;
  claimed_at: Nullable<Date>;
  created_at: GenTimestamp;
  sent_at: Nullable<Date>;
}

export interface MessageTables {
  owner_setting: OwnerSettingTable;
  outbound_message: OutboundMessageTable;
}

export type MessagesDb = Kysely<Database & MessageTables>;
export const mdb = (db: Db | Trx) => db as unknown as MessagesDb | Transaction<Database & MessageTables>;
