import { DEFAULT_ASSESSMENT, scoreCommunity, type AssessmentSettings } from '../../core/assessment.js';
import { byChild, FIGURE_CODES, type FigureCode, type FigureRow } from '../../core/overview.js';
import type { Db } from '../db/connect.js';
import type { Trx } from '../db/transaction.js';
import type { CurrentUser } from '../http/context.js';
import { badRequest } from '../http/errors.js';
import { figureRows } from '../overview/memo.js';
import { figureContext } from '../overview/queries.js';

export const settingKey = (streetId: number) => `assessment:${streetId}`;

/** The street's assessment settings, or the defaults until it saves its own. */
export async function assessmentSettings(db: Db | Trx, streetId: number): Promise<{ settings: AssessmentSettings; custom: boolean }> {
  const row = await db.selectFrom('app_setting').select('value').where('key', '=', settingKey(streetId)).executeTakeFirst();
  if (!row) return { settings: DEFAULT_ASSESSMENT, custom: false };
  const v = typeof row.value === 'string' ? (JSON.parse(row.value) as AssessmentSettings) : (row.value as unknown as AssessmentSettings);
  return { settings: v, custom: true };
}

/**
 * 社区目标考核 (seed item 10, issue 18 §3): every community of a street scored on the overview's
 * figures under the street's settings, each item explained. The figures are the overview's rows
 * grouped by community — the same numbers the dashboard shows.
 */
export async function communityAssessment(db: Db, user: CurrentUser, streetId: number, year: number | undefined) {
  const c = await figureContext(db, user, streetId, year);
  if (c.view.node?.kind !== 'street') throw badRequest('社区目标考核按街道进行，请选择街道', 'nodeId');
  const { settings, custom } = await assessmentSettings(db, streetId);
  const needed = new Set<FigureCode>([...settings.items.map((i) => i.figure), 'overdue']);
  const perChild = new Map<number, Record<FigureCode, { value: number; of: number }>>();
  for (const code of FIGURE_CODES) {
    if (!needed.has(code)) continue;
    const rows: FigureRow[] = await figureRows(code, c).rows;
    for (const k of byChild(rows, c.view.children)) {
      const m = perChild.get(k.id) ?? ({} as Record<FigureCode, { value: number; of: number }>);
      m[code] = { value: k.value, of: k.of };
      perChild.set(k.id, m);
    }
  }
  const communities = c.view.children.map((k) => ({ id: k.id, name: k.name, ...scoreCommunity(settings, perChild.get(k.id)!) }));
  const ranked = [...communities].sort((a, b) => b.totalCenti - a.totalCenti);
  return {
    street: c.view.node,
    year: c.year,
    today: c.today,
    settings,
    custom,
    communities: communities.map((x) => ({ ...x, total: x.totalCenti / 100, rank: ranked.findIndex((r) => r.id === x.id) + 1 })),
  };
}
