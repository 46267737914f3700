import type { FigureCode, FigureRow } from '../../core/overview.js';
import { FIGURE_ROWS, type FigureContext } from './figures.js';

/**
 * The overview's pre-aggregation (issue 18 §4: "figures must be current to the minute"): a figure's
 * rows for a view are computed at most once a minute per process and shared by everyone who asks
 * for the same view with the same roles — a street's staff opening their dashboard through the
 * morning read one computation, never one older than FRESH_MS. Nothing is invalidated: an answer
 * simply expires, so several instances need no coordination. The answer says when it was counted.
 */
export const FRESH_MS = 60_000;
const MAX_ENTRIES = 2_000;

interface Entry {
  at: number;
  rows: Promise<FigureRow[]>;
}
const entries = new Map<string, Entry>();

/** Who the rows are for: the view, the year and the caller's roles (two figures read within the caller's scope). */
function keyOf(code: FigureCode, c: FigureContext): string {
  const roles = c.user.roles
    .map((r) => `${r.role}@${r.nodeId}`)
    .sort()
    .join(',');
  return `${code}|${c.view.node?.id ?? c.view.childIds.join('+')}|${c.year}|${c.today}|${roles}`;
}

export function figureRows(code: FigureCode, c: FigureContext, now = Date.now()): { rows: Promise<FigureRow[]>; at: number } {
  const key = keyOf(code, c);
  const hit = entries.get(key);
  if (hit && now - hit.at < FRESH_MS) return hit;
  const rows = FIGURE_ROWS[code](c);
  const entry = { at: now, rows };
  entries.set(key, entry);
  // a failed computation is not kept
  rows.catch(() => entries.get(key) === entry && entries.delete(key));
  if (entries.size > MAX_ENTRIES) for (const k of [...entries.keys()].slice(0, entries.size - MAX_ENTRIES)) entries.delete(k);
  return entry;
}

/** Tests and the benchmark: forget every kept answer. */
export function forgetFigures() {
  entries.clear();
}
