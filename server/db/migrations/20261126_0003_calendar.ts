import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.js';

/** The working-day calendar: statutory holidays and make-up working days, and which years are entered. */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    create table calendar_day (
      date date primary key,
      kind text not null check (kind in ('holiday', 'makeUpWorkday')),
      name text,
      source text not null check (source in ('package', 'admin')),
      updated_at timestamptz not null default now()
    );
    create table calendar_year (
      year integer primary key check (year between 2000 and 2100),
      complete boolean not null,
      source text not null check (source in ('package', 'admin')),
      updated_at timestamptz not null default now()
    );
  `,
  );
}
