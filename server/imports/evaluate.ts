import type { Db } from '../db/connect.js';
import type { Trx } from '../db/transaction.js';
import { COLUMNS, type ImportKind } from './columns.js';
import { companyImporter } from './companies.js';
import { byRow, type ImportPlan, type Importer, type PlanContext, type RowError, type Validated } from './importer.js';
import { peopleImporter } from './people.js';
import type { StoredErrors, StoredSummary } from './present.js';
import { rollImporter } from './roll.js';
import { NO_TITLE_CHANGES, type TitleChanges } from './title-changes.js';
import { readSheet, type ParsedSheet } from './workbook.js';

/**
 * One evaluation of a file against the database: parse, validate every row, plan the changes.
 * The check stores its outcome; the commit evaluates again inside its transaction (the database
 * may have moved on) and applies the plan.
 */

const IMPORTERS: Record<ImportKind, Importer<unknown>> = {
  roll: rollImporter as Importer<unknown>,
  people: peopleImporter as Importer<unknown>,
  companies: companyImporter as Importer<unknown>,
};

// Parsing and validating a 20,000-row sheet takes seconds: the check's result is kept for the commit
// that usually follows (a few batches, per process; another instance simply parses again).
// Validation depends on the file and the day only; the plan is always made against the database.
interface Prepared {
  sheet: ParsedSheet;
  today: string;
  validated: Validated<unknown>;
}
const cache = new Map<string, Prepared>();
const CACHE_SIZE = 4;

export async function prepare(kind: ImportKind, content: Buffer, sha256: string, today: string): Promise<Prepared> {
  const key = `${kind}:${sha256}`;
  const hit = cache.get(key);
  if (hit && hit.today === today) return hit;
  const sheet = hit?.sheet ?? (await readSheet(content, kind, COLUMNS[kind]));
  const prepared = { sheet, today, validated: await IMPORTERS[kind].validate(sheet, today) };
  cache.delete(key);
  cache.set(key, prepared);
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return prepared;
}

export interface Evaluation {
  plan: ImportPlan;
  errors: RowError[];
  warnings: RowError[];
  summary: StoredSummary;
  stored: StoredErrors;
  /** What the commit would end or change of the titles that exist; its digest must be confirmed. */
  titleChanges: TitleChanges;
}

export async function evaluate(q: Db | Trx, kind: ImportKind, prepared: Prepared, ctx: PlanContext): Promise<Evaluation> {
  const { sheet, validated } = prepared;
  const plan = await IMPORTERS[kind].plan(q, ctx, validated);
  const errors = [...validated.errors, ...plan.errors].sort(byRow);
  const warnings = [...validated.warnings, ...plan.warnings].sort(byRow);
  const errorRows = new Set(errors.map((e) => e.row));
  const problemRows = new Set([...errorRows, ...warnings.map((w) => w.row)]);
  const titleChanges = plan.titleChanges ?? NO_TITLE_CHANGES;
  const rowValues: Record<string, string[]> = {};
  for (const r of sheet.rows) if (problemRows.has(r.row)) rowValues[String(r.row)] = r.display;
  return {
    plan,
    errors,
    warnings,
    summary: {
      rows: validated.totalRows,
      validRows: validated.totalRows - errorRows.size,
      errorRows: errorRows.size,
      errorCount: errors.length,
      warningCount: warnings.length,
      changes: plan.changes,
      sheetName: sheet.sheetName,
      headerRow: sheet.headerRow,
      counts: plan.summary,
      titleDigest: titleChanges.digest,
    },
    stored: { items: errors, warnings, headers: COLUMNS[kind].map((c) => c.header), rowValues, titleChanges: titleChanges.units },
    titleChanges,
  };
}
