import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.js';

/**
 * Indexes the casting benchmark asked for (bench/README.md, cast-ballots): receipts and "my
 * decisions" look ballots up by submission and by head; submissions by their caster.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    create index ballot_submission_ref on ballot(submission_id);
    create index ballot_head on ballot(decision_id, head);
    create index ballot_submission_caster on ballot_submission(decision_id, cast_by);
  `,
  );
}
