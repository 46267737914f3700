import { sql, type Kysely } from 'kysely';

/**
 * Runs a migration's SQL one statement at a time: PGlite's extended protocol takes a single
 * statement per query. Statements are separated by a semicolon at the end of a line, and `--`
 * comments are dropped, so keep migrations free of function bodies that end lines in `;`.
 */
export async function runStatements(db: Kysely<any>, text: string): Promise<void> {
  const statements = text
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n')
    .split(/;\s*\n/)
    .map((s) => s.trim().replace(/;$/, ''))
    .filter(Boolean);
  for (const statement of statements) await sql.raw(statement).execute(db);
}
