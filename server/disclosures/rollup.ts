import { sql } from 'kysely';
import { DISCLOSURE_ITEM_INFO, DISCLOSURE_ITEMS, type DisclosureItem } from '../../core/disclosures.js';
import { loadCalendar } from '../calendar/store.js';
import { todayInChina } from '../clock.js';
import type { Db } from '../db/connect.js';
import type { CurrentUser } from '../http/context.js';
import { followsEstate } from './access.js';
import { estateBoards } from './board.js';
import { ddb } from './tables.js';

export interface Counts {
  estates: number;
  current: number;
  stale: number;
  missing: number;
  /** published at all (current or stale) out of all items, percent with one decimal */
  completeness: number;
  /** current out of all items, percent with one decimal */
  freshness: number;
  openQuestions: number;
  overdueQuestions: number;
}

const pct = (n: number, d: number) => (d === 0 ? 0 : Math.round((n * 1000) / d) / 10);
function counts(rows: { current: number; stale: number; missing: number; openQuestions: number; overdueQuestions: number }[]): Counts {
  const sum = (k: 'current' | 'stale' | 'missing' | 'openQuestions' | 'overdueQuestions') => rows.reduce((a, r) => a + r[k], 0);
  const total = rows.length * DISCLOSURE_ITEMS.length;
  const current = sum('current');
  const stale = sum('stale');
  return {
    estates: rows.length,
    current,
    stale,
    missing: sum('missing'),
    completeness: pct(current + stale, total),
    freshness: pct(current, total),
    openQuestions: sum('openQuestions'),
    overdueQuestions: sum('overdueQuestions'),
  };
}

/**
 * Completeness and freshness of the 十公开 per estate, community and street over the estates the
 * caller follows (scope in the query), optionally under one node; each estate lists its stale and
 * missing items, and per item how many estates have it current, stale or missing (the chart).
 */
export async function disclosureRollup(db: Db, user: CurrentUser, nodeId?: number) {
  const today = todayInChina();
  let q = db
    .selectFrom('org_node as e')
    .innerJoin('org_node as c', 'c.id', 'e.parent_id')
    .innerJoin('org_node as s', 's.id', 'c.parent_id')
    .select(['e.id', 'e.name', 'c.id as community_id', 'c.name as community_name', 's.id as street_id', 's.name as street_name'])
    .where('e.kind', '=', 'estate')
    .where(followsEstate(user, sql.ref('e.id')))
    .orderBy('c.name')
    .orderBy('e.name');
  if (nodeId) q = q.where('e.id', 'in', db.selectFrom('org_closure').select('descendant_id').where('ancestor_id', '=', nodeId));
  const estates = await q.limit(2000).execute();
  const calendar = await loadCalendar(db);
  const questions = estates.length
    ? await ddb(db)
        .selectFrom('disclosure_question')
        .select([
          'estate_id',
          sql<number>`count(*) filter (where answer is null)::int`.as('open'),
          sql<number>`count(*) filter (where (answer is null and due_on < ${today}) or answered_on > due_on)::int`.as('overdue'),
        ])
        .where('hidden_at', 'is', null)
        .where(
          'estate_id',
          'in',
          estates.map((e) => e.id),
        )
        .groupBy('estate_id')
        .execute()
    : [];
  const perItem = Object.fromEntries(DISCLOSURE_ITEMS.map((k) => [k, { current: 0, stale: 0, missing: 0 }])) as Record<
    DisclosureItem,
    { current: number; stale: number; missing: number }
  >;
  const rows: (Omit<Counts, 'estates' | 'completeness' | 'freshness'> & {
    id: number;
    name: string;
    communityId: number;
    communityName: string;
    streetId: number;
    streetName: string;
    staleItems: { item: string; dueOn: string | null; responsible: string }[];
    missingItems: { item: string; responsible: string }[];
  })[] = [];
  const boards = await estateBoards(
    db,
    estates.map((e) => e.id),
    today,
    calendar,
  );
  for (const e of estates) {
    const board = boards.get(e.id)!;
    for (const i of board) perItem[i.key][i.status]++;
    const qs = questions.find((x) => x.estate_id === e.id);
    rows.push({
      id: e.id,
      name: e.name,
      communityId: e.community_id,
      communityName: e.community_name,
      streetId: e.street_id,
      streetName: e.street_name,
      current: board.filter((i) => i.status === 'current').length,
      stale: board.filter((i) => i.status === 'stale').length,
      missing: board.filter((i) => i.status === 'missing').length,
      staleItems: board.filter((i) => i.status === 'stale').map((i) => ({ item: i.item, dueOn: i.dueOn, responsible: i.responsible })),
      missingItems: board.filter((i) => i.status === 'missing').map((i) => ({ item: i.item, responsible: i.responsible })),
      openQuestions: qs?.open ?? 0,
      overdueQuestions: qs?.overdue ?? 0,
    });
  }
  const group = (key: 'communityId' | 'streetId', name: 'communityName' | 'streetName') =>
    [...new Set(rows.map((r) => r[key]))].map((id) => {
      const mine = rows.filter((r) => r[key] === id);
      return { id, name: mine[0]![name], ...counts(mine) };
    });
  return {
    today,
    total: counts(rows),
    estates: rows.map((r) => ({ ...r, ...counts([r]) })),
    communities: group('communityId', 'communityName'),
    streets: group('streetId', 'streetName'),
    items: DISCLOSURE_ITEMS.map((k) => ({ key: k, item: DISCLOSURE_ITEM_INFO[k].label, ...perItem[k] })),
  };
}
