import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';
import type { GovernanceReasonCode, GovernanceStatusCode } from '../../core/formation.js';
import type { ClassRule, SurveyAnswers } from '../../core/survey.js';
import type { Database } from '../db/schema.js';
import type { Db } from '../db/connect.js';
import type { Trx } from '../db/transaction.js';

type GenTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

/** Table types of migration 0090 (issue 18 §1). */
export interface SurveyTables {
  estate_survey: {
    id: Generated<number>;
    estate_id: number;
    answers: ColumnType<SurveyAnswers, string, string>;
    /** the status and R26 reason the survey found (applied unless a case or PMC decides the status) */
    status: GovernanceStatusCode;
    reason: Nullable<GovernanceReasonCode>;
    governance_applied: boolean;
    created_by: Nullable<number>;
    created_at: GenTimestamp;
  };
  estate_class: {
    street_id: number;
    code: string;
    label: string;
    measures: string;
    rule: Nullable<ClassRule>;
    position: number;
    updated_by: Nullable<number>;
    updated_at: GenTimestamp;
  };
  estate_class_override: {
    estate_id: number;
    class_code: string;
    reason: string;
    set_by: Nullable<number>;
    set_at: GenTimestamp;
  };
  estate_pilot: {
    estate_id: number;
    reason: string;
    set_by: Nullable<number>;
    set_at: GenTimestamp;
  };
}

export type SurveyDb = Kysely<Database & SurveyTables>;
export type SurveyTrx = Transaction<Database & SurveyTables>;
export const sdb = (db: Db | Trx) => db as unknown as SurveyDb;
export const strx = (trx: Trx) => trx as unknown as SurveyTrx;
