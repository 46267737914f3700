import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.js';

/**
 * An estate's first delivery date (首次交付日期): the clock from which the conditions for forming
 * an owners' assembly are judged (R26), so the street can see which estates are due.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    alter table org_node add column delivered_on date;
    alter table org_node add constraint org_node_delivered_on_estate check (delivered_on is null or kind = 'estate');
  `,
  );
}
