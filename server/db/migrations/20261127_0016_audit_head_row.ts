import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.js';

/**
 * The audit chain's head row is now also its lock: writers take it FOR UPDATE, read the previous
 * hash from it, and move it with their entries (server/audit/record.ts). So it must exist before the
 * first entry: an empty chain's head is entry 0 with the genesis hash, which is what verification
 * expects of an empty chain. A database with entries has its head already (written since 0001).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    insert into app_setting (key, value)
    values ('audit_head', '{"id": 0, "hash": "${'0'.repeat(64)}"}'::jsonb)
    on conflict (key) do nothing;
  `,
  );
}
