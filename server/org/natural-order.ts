import { sql, type Expression, type RawBuilder } from 'kysely';

/**
 * core/ordering.ts naturalKey in SQL: every run of digits padded to 8 places ("2号楼" →
 * "00000002号楼"), compared byte by byte (`collate "C"`, the order of JavaScript's `<`), so that a
 * list ordered by the database is in the order the web and the frozen roll use: 2号楼 before
 * 10号楼, room 201 before 1101. (Runs longer than 8 digits keep their length, as in core.)
 */
export function naturalOrder(expr: Expression<string | null>): RawBuilder<string> {
  return sql<string>`regexp_replace(regexp_replace(${expr}, '([0-9]+)', '00000000\\1', 'g'), '0*([0-9]{8})', '\\1', 'g') collate "C"`;
}
