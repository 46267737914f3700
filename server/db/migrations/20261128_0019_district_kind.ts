import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.js';

/**
 * Issue 13: a node may be a district (区), the root above the streets. The district keeps what is
 * the same for all its streets (the working-day calendar) and reads the rest.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    alter table org_node drop constraint org_node_kind_check;
    alter table org_node add constraint org_node_kind_check
      check (kind in ('district','street','community','grid','estate','building','company'));
  `,
  );
}
