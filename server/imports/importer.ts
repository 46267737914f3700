import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Trx } from '../db/transaction.js';
import type { IdentityKeys } from '../people/identity.js';
import type { ColumnSpec, ImportKind } from './columns.js';
import type { TitleChanges } from './title-changes.js';
import type { ParsedSheet, RawValue } from './workbook.js';

/** What every kind of import provides: row validation, a plan against the database, and the bulk write. */

export interface RowError {
  /** Excel row number (0: the file as a whole). */
  row: number;
  /** The template header of the column, or '' for the row as a whole. */
  column: string;
  message: string;
}

const headerCache = new WeakMap<readonly ColumnSpec[], Record<string, string>>();
/** Column key → the template's header, for error reports. */
export function headersOf(columns: readonly ColumnSpec[]): Record<string, string> {
  let h = headerCache.get(columns);
  if (!h) headerCache.set(columns, (h = Object.fromEntries(columns.map((c) => [c.key, c.header]))));
  return h;
}

/**
 * Reading one sheet row: a cell by column key, an error on a column (reported under the template's
 * header), and whether this row has added any error. Each kind's row validation starts from it.
 */
export function rowReader(columns: readonly ColumnSpec[], values: Record<string, RawValue>, row: number, errors: RowError[]) {
  const before = errors.length;
  const headers = headersOf(columns);
  return {
    val: (key: string): RawValue => values[key] ?? null,
    err: (key: string, message: string) => {
      errors.push({ row, column: headers[key]!, message });
    },
    failed: () => errors.length > before,
  };
}

/** A cell as the example is compared with it: full-width folded, spaces dropped, upper case, dates as YYYY-MM-DD. */
function comparable(v: RawValue | string | number): string {
  if (v === null) return '';
  const t = v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
  return t.normalize('NFKC').replace(/\s/g, '').toUpperCase();
}

/**
 * The template's example row is never imported (issue 13: the roll example, 张三 in 1号楼1单元101, once
 * ended the title of that room's real owner). It is recognised by its values, not its place: a row
 * whose cells all repeat the example (its 证件号码 aside: blanked or not), or any row carrying the
 * example's 证件号码 / 信用代码 (`exampleKey`), which is nobody's real number.
 */
export function exampleRowError(columns: readonly ColumnSpec[], values: Record<string, RawValue>, row: number): RowError | null {
  const filled = columns.filter((c) => c.example !== '');
  const same = (c: ColumnSpec) => comparable(values[c.key] ?? null) === comparable(c.example);
  if (filled.filter((c) => !c.exampleKey).every(same)) return { row, column: '', message: `第${row}行是模板中的示例行，请删除后再导入` };
  const key = filled.find((c) => c.exampleKey && same(c));
  if (!key) return null;
  return {
    row,
    column: key.header,
    message: `第${row}行的${key.header}${comparable(key.example)}是模板示例中的号码，不是真实的${key.header}：请删除该行或改为真实号码后再导入`,
  };
}

export interface Validated<R> {
  rows: R[];
  errors: RowError[];
  warnings: RowError[];
  totalRows: number;
}

export interface PlanContext {
  nodeId: number;
  streetId: number;
  keys: IdentityKeys;
  /** The import date, 'YYYY-MM-DD'. */
  today: string;
}

export interface ImportPlan {
  /** Counts of what a commit would do (and, after it, did). */
  summary: Record<string, number>;
  /** Total number of changes; 0 means the file matches the database. */
  changes: number;
  /** Errors only the database can reveal (unknown party organisation, a code registered by another street). */
  errors: RowError[];
  warnings: RowError[];
  /** Titles that exist and would end or change (the roll only): the commit needs this list confirmed. */
  titleChanges?: TitleChanges;
  apply(trx: Trx): Promise<void>;
}

export interface Importer<R> {
  kind: ImportKind;
  columns: ColumnSpec[];
  validate(sheet: ParsedSheet, today: string): Promise<Validated<R>>;
  plan(q: Db | Trx, ctx: PlanContext, v: Validated<R>): Promise<ImportPlan>;
}

export const CHUNK = 1000;

// The keyed hashes of a validated file's ID numbers, computed once for the check and reused by the
// commit (the validated file is cached between the two; see evaluate.ts).
const hashCache = new WeakMap<object, Map<string, string>>();

/** idNumber → keyed hash, for the ID numbers of one validated file. */
export function hashesOf(v: object, keys: IdentityKeys, idNumbers: Iterable<string>): Map<string, string> {
  let m = hashCache.get(v);
  if (!m) hashCache.set(v, (m = new Map()));
  for (const id of idNumbers) if (!m.has(id)) m.set(id, keys.hash(id));
  return m;
}

export function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * `insert into <table> (cols) select * from unnest($1::type[], …)`: one statement and one parameter
 * per column for up to ten thousand rows. `rows` are objects with the column names as keys.
 */
export async function insertUnnest<R extends Record<string, unknown>>(
  trx: Trx,
  table: string,
  columns: { name: string; type: string }[],
  rows: Record<string, unknown>[],
  returning: string[] = [],
): Promise<R[]> {
  const out: R[] = [];
  for (const part of chunks(rows, 10_000)) {
    const arrays = columns.map((c) => sql`${part.map((r) => r[c.name] ?? null)}::${sql.raw(c.type)}[]`);
    const ret = returning.length ? sql` returning ${sql.join(returning.map((n) => sql.ref(n)))}` : sql``;
    const res = await sql<R>`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c.name)))})
      select * from unnest(${sql.join(arrays)})${ret}`.execute(trx);
    out.push(...res.rows);
  }
  return out;
}

/**
 * `update <table> set col = v.col::type, … from (values (…), …) as v(id, col, …) where <table>.id = v.id`,
 * in chunks: one statement per thousand rows, never one per row.
 */
export async function updateFromValues(
  trx: Trx,
  table: string,
  columns: { name: string; type: string }[],
  rows: { id: number; values: unknown[] }[],
  /** A fixed extra assignment, e.g. 'updated_at = now()'. */
  extra?: string,
  /** The key column of `table`. */
  key = 'id',
): Promise<void> {
  for (const part of chunks(rows)) {
    const values = part.map((r) => sql`(${sql.join([r.id, ...r.values].map((x) => sql`${x}`))})`);
    const names = ['id', ...columns.map((c) => c.name)].map((n) => sql.ref(n));
    const sets = columns.map((c) => sql`${sql.ref(c.name)} = ${sql.ref(`v.${c.name}`)}::${sql.raw(c.type)}`);
    if (extra) sets.push(sql.raw(extra));
    await sql`update ${sql.table(table)} set ${sql.join(sets)} from (values ${sql.join(values)}) as v(${sql.join(names)})
      where ${sql.ref(`${table}.${key}`)} = v.id::int`.execute(trx);
  }
}

/** Orders errors by row, then column, as the report and the page show them. */
export function byRow(a: RowError, b: RowError) {
  return a.row - b.row || a.column.localeCompare(b.column);
}
