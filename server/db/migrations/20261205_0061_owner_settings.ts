import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.js';

/**
 * Issue 19: an owner's own settings — whether messages also go out by SMS (in-app ones always do) and
 * the large-text mode of the owner's pages, remembered on the account.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    create table owner_setting (
      account_id integer primary key references account(id) on delete cascade,
      sms boolean not null default true,
      large_text boolean not null default false,
      updated_at timestamptz not null default now()
    );
  `,
  );
}
