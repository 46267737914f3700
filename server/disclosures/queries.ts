import { DISCLOSURE_ITEM_INFO, type DisclosureItem } from '../../core/disclosures.js';
import { loadCalendar } from '../calendar/store.js';
import { todayInChina } from '../clock.js';
import type { Db } from '../db/connect.js';
import type { CurrentUser } from '../http/context.js';
import { notFound } from '../http/errors.js';
import { loadEstate, partiesOf } from './access.js';
import { estateBoard, incomeOf } from './board.js';
import type { RegistryEntry } from './registry.js';
import { estateQuestions } from './questions.js';
import { ddb } from './tables.js';

async function publicEstate(db: Db, estateId: number) {
  const e = await db
    .selectFrom('org_node as e')
    .leftJoin('org_node as c', 'c.id', 'e.parent_id')
    .select(['e.id', 'e.name', 'e.kind', 'c.name as community'])
    .where('e.id', '=', estateId)
    .executeTakeFirst();
  if (!e || e.kind !== 'estate') throw notFound('小区');
  return { id: e.id, name: e.name, community: e.community };
}

/**
 * The supervision board as the public sees it (no login): the ten items in the seed's order with
 * their state, current content and the questions on them — no asker, no personal data.
 */
export async function publicDisclosures(db: Db, estateId: number, askerId: number | null = null) {
  const estate = await publicEstate(db, estateId);
  const today = todayInChina();
  const items = await estateBoard(db, estateId, today, await loadCalendar(db));
  const questions = await estateQuestions(db, estateId, today, askerId);
  return {
    estate,
    today,
    items: items.map((i) => ({ ...i, questions: questions.filter((q) => q.item === i.key) })),
  };
}

/** Every version of an item, newest first: what was public, and when. */
export async function itemHistory(db: Db, estateId: number, item: DisclosureItem) {
  await publicEstate(db, estateId);
  const rows = await ddb(db)
    .selectFrom('disclosure_version')
    .select(['id', 'version', 'source', 'body', 'phone', 'period', 'snapshot', 'updated_on', 'created_at'])
    .where('estate_id', '=', estateId)
    .where('item', '=', item)
    .orderBy('version', 'desc')
    .execute();
  const files = rows.length
    ? await ddb(db)
        .selectFrom('disclosure_file')
        .select(['id', 'file_name', 'version_id'])
        .where(
          'version_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  const versions = [];
  for (const r of rows)
    versions.push({
      version: r.version,
      source: r.source,
      updatedOn: r.updated_on,
      body: r.body,
      phone: r.phone,
      entries: r.source === 'registry' ? ((r.snapshot as { entries?: RegistryEntry[] } | null)?.entries ?? []) : null,
      income: item === 'publicIncome' && r.source === 'entered' ? await incomeOf(db, r.id, r.period) : null,
      files: files.filter((f) => f.version_id === r.id).map((f) => ({ id: f.id, name: f.file_name })),
    });
  return { item: DISCLOSURE_ITEM_INFO[item].label, key: item, versions };
}

/** The board for staff and the responsible parties: what the public sees, with what the caller may do on each item. */
export async function staffDisclosures(db: Db, user: CurrentUser, estateId: number) {
  await loadEstate(db, user, estateId, 'disclosure.read');
  const board = await publicDisclosures(db, estateId);
  const parties = await partiesOf(db, user, estateId);
  const moderates = await db
    .selectFrom('org_closure')
    .select('ancestor_id')
    .where('descendant_id', '=', estateId)
    .where(
      'ancestor_id',
      'in',
      user.roles
        .filter((r) => r.role === 'streetAdmin' || r.role === 'communityStaff')
        .map((r) => r.nodeId)
        .concat([0]),
    )
    .executeTakeFirst();
  return {
    ...board,
    items: board.items.map((i) => {
      const mine = parties.includes(i.responsibleParty);
      const info = DISCLOSURE_ITEM_INFO[i.key];
      return {
        ...i,
        canEdit:
          mine &&
          (info.source === 'entered' || info.source === 'table' || (info.source === 'registryOrEntered' && i.source !== 'registry')),
        canAnswer: mine,
      };
    }),
    canModerate: !!moderates,
  };
}

/** The estates whose items the caller keeps (a company's served estates, a committee's estate), with their counts. */
export async function myEstates(db: Db, user: CurrentUser) {
  const roots = [
    ...new Set(user.roles.filter((r) => ['propertyStaff', 'committeeMember', 'committeeDirector'].includes(r.role)).map((r) => r.nodeId)),
  ];
  if (!roots.length) return { items: [] };
  const rows = await db
    .selectFrom('org_closure as c')
    .innerJoin('org_node as e', 'e.id', 'c.descendant_id')
    .select(['e.id', 'e.name'])
    .where('c.ancestor_id', 'in', roots)
    .where('e.kind', '=', 'estate')
    .orderBy('e.name')
    .distinct()
    .execute();
  return { items: rows };
}
