import { Migrator } from 'kysely';
import type { Db } from './connect.js';
import { migrations } from './migrations/index.js';

/** Runs pending migrations. Kysely's migrator takes a database lock, so concurrent instances are safe. */
export async function migrateToLatest(db: Db): Promise<string[]> {
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
