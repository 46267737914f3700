import { Migrator, sql } from 'kysely';
import type { Db } from './connect.js';
import { migrations } from './migrations/index.js';

/** Runs pending migrations. Kysely's migrator takes a database lock, so concurrent instances are safe. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  // A restart usually finds nothing to do: one cheap look spares the migrator's lock round-trips.
  if (await allApplied(db)) return [];
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'schema_migration',
    migrationLockTableName: 'schema_migration_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  const failed = results?.find((r) => r.status === 'Error');
  if (failed) throw new Error(`数据库迁移失败：${failed.migrationName}`);
  return (results ?? []).map((r) => r.migrationName);
}

async function allApplied(db: Db): Promise<boolean> {
  const exists = await sql<{ t: string | null }>`select to_regclass('schema_migration')::text as t`.execute(db);
  if (!exists.rows[0]?.t) return false;
  const rows = await sql<{ name: string }>`select name from schema_migration`.execute(db);
  const applied = new Set(rows.rows.map((r) => r.name));
  return Object.keys(migrations).every((name) => applied.has(name));
}

/** The migrations this version has that the database has not run (empty when up to date). */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const exists = await sql<{ t: string | null }>`select to_regclass('schema_migration')::text as t`.execute(db);
  if (!exists.rows[0]?.t) return Object.keys(migrations);
  const rows = await sql<{ name: string }>`select name from schema_migration`.execute(db);
  const applied = new Set(rows.rows.map((r) => r.name));
  return Object.keys(migrations).filter((name) => !applied.has(name));
}
