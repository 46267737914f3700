import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.js';

/**
 * Issue 13: a legal period runs from the day the public could see a notice. A notice posted on
 * paper before it was recorded here (补录) keeps its paper date only with the reason and a photo of
 * the posted paper (one of its attachments); it is marked 补录 wherever it is shown.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    alter table public_notice add column backdate_reason text check (length(backdate_reason) between 1 and 500);
    alter table public_notice add column backdate_photo_id integer references notice_attachment(id);
  `,
  );
}
