import type { Permission } from '../../core/access.js';
import type { ImportKind } from './columns.js';
import type { RowError } from './importer.js';
import { IMPORT_PERMISSIONS, type BatchRow } from './queries.js';
import type { TitleChange } from './title-changes.js';

/** What is kept of a check in import_batch.summary. */
export interface StoredSummary {
  rows: number;
  validRows: number;
  errorRows: number;
  errorCount: number;
  warningCount: number;
  changes: number;
  sheetName: string;
  headerRow: number;
  counts: Record<string, number>;
  /** The digest of the list of title changes; null when the file ends or changes nobody's title. */
  titleDigest?: string | null;
}

/** import_batch.errors: the full lists, the template headers and the original values of the rows with problems. */
export interface StoredErrors {
  items: RowError[];
  warnings: RowError[];
  headers: string[];
  rowValues: Record<string, string[]>;
  /** The title changes the check found (and, once committed, the commit applied). */
  titleChanges?: TitleChange[];
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** A batch with the caller's actions: commit and discard while checked (with the manage permission), the report always. */
export function presentBatch(b: BatchRow, held: ReadonlySet<Permission>) {
  const kind = b.kind as ImportKind;
  const s = (b.summary ?? {}) as StoredSummary;
  const actions = ['report'];
  if (b.status === 'checked' && held.has(IMPORT_PERMISSIONS[kind].manage)) actions.push('commit', 'discard');
  return {
    id: b.id,
    kind,
    nodeId: b.node_id,
    nodeName: b.node_name,
    fileName: b.file_name,
    size: b.size,
    status: b.status,
    rows: s.rows ?? 0,
    validRows: s.validRows ?? 0,
    errorRows: s.errorRows ?? 0,
    errorCount: s.errorCount ?? 0,
    warningCount: s.warningCount ?? 0,
    changes: s.changes ?? 0,
    summary: s.counts ?? {},
    result: (b.result as Record<string, number | string> | null) ?? null,
    createdBy: b.created_by_name,
    createdAt: iso(b.created_at)!,
    committedAt: iso(b.committed_at),
    actions,
  };
}

export function presentBatchDetail(b: BatchRow & { errors: unknown }, held: ReadonlySet<Permission>) {
  const s = (b.summary ?? {}) as StoredSummary;
  const e = (b.errors ?? { items: [], warnings: [] }) as StoredErrors;
  return {
    ...presentBatch(b, held),
    sheetName: s.sheetName ?? '',
    headerRow: s.headerRow ?? 0,
    errors: e.items.slice(0, 200),
    warnings: e.warnings.slice(0, 200),
    // In full: a title ends only on a list the user has seen whole.
    titleChanges: e.titleChanges ?? [],
    titleDigest: s.titleDigest ?? null,
  };
}
