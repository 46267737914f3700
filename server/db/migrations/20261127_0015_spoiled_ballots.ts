import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.js';

/**
 * R10: a paper ballot may be recorded as spoiled (废票); how it counts is each decision's rule
 * (`rules.spoiled`). Decisions made before the rule existed counted no spoiled ballots at all (there
 * was no way to enter one), so 'abstain' changes none of their results; it is written out here so
 * that every decision states its rule.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    alter table ballot drop constraint ballot_choice_check;
    alter table ballot add constraint ballot_choice_check check (choice in ('yes','no','abstain','spoiled'));
    update decision set rules = rules || '{"spoiled":"abstain"}'::jsonb where not (rules ? 'spoiled');
  `,
  );
}
