import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.js';

/** A mark for the "publicity ends soon" reminder, so it goes out once per notice. */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    alter table public_notice add column period_reminded_at timestamptz;
  `,
  );
}
