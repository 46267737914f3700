import {
  DEFAULT_DISCLOSURE_SETTINGS,
  DISCLOSURE_ITEM_INFO,
  DISCLOSURE_ITEMS,
  freshness,
  incomeTotals,
  quarterLabel,
  renewalLabel,
  RESPONSIBLE_LABEL,
  STATUS_LABEL,
  type DisclosureItem,
  type DisclosureSettings,
  type DisclosureStatus,
  type IncomeKind,
} from '../../core/disclosures.js';
import type { WorkCalendar } from '../../core/workdays.js';
import { missingYearsWarning } from '../../core/workdays.js';
import type { Db } from '../db/connect.js';
import type { Trx } from '../db/transaction.js';
import { profileForNode, profilesForNodes } from '../formation/profile.js';
import { registryContents, type RegistryContent, type RegistryEntry } from './registry.js';
import { ddb } from './tables.js';

export async function disclosureSettings(db: Db | Trx, estateId: number): Promise<DisclosureSettings> {
  return (await profileForNode(db, estateId)).disclosure ?? DEFAULT_DISCLOSURE_SETTINGS;
}

export interface IncomeStatement {
  period: string | null;
  periodLabel: string | null;
  rows: { kind: IncomeKind; date: string; title: string; amountFen: number; note: string | null }[];
  incomeFen: number;
  expenseFen: number;
  balanceFen: number;
}

export interface BoardItem {
  key: DisclosureItem;
  item: string;
  status: DisclosureStatus;
  statusLabel: string;
  updatedOn: string | null;
  dueOn: string | null;
  dueWarning: string | null;
  responsible: string;
  responsibleParty: 'company' | 'committee';
  renewal: string;
  /** 'registry': read from the platform's registry, not typed; null when nothing is there */
  source: 'entered' | 'registry' | null;
  version: number | null;
  body: string | null;
  phone: string | null;
  entries: RegistryEntry[] | null;
  income: IncomeStatement | null;
  files: { id: number; name: string }[];
}

/** The rows and exact totals (fen) of one 公共收益支出 version. */
export async function incomeOf(db: Db | Trx, versionId: number, period: string | null): Promise<IncomeStatement> {
  return (await incomesOf(db, [{ id: versionId, period }])).get(versionId)!;
}

/** The 公共收益支出 statements of many versions in one statement. */
async function incomesOf(db: Db | Trx, versions: { id: number; period: string | null }[]): Promise<Map<number, IncomeStatement>> {
  if (versions.length === 0) return new Map();
  const rows = await ddb(db)
    .selectFrom('disclosure_income_row')
    .select(['version_id', 'kind', 'on_date', 'title', 'amount_fen', 'note'])
    .where(
      'version_id',
      'in',
      versions.map((v) => v.id),
    )
    .orderBy('version_id')
    .orderBy('position')
    .execute();
  return new Map(
    versions.map((v) => {
      const list = rows
        .filter((r) => r.version_id === v.id)
        .map((r) => ({ kind: r.kind, date: r.on_date, title: r.title, amountFen: r.amount_fen, note: r.note }));
      return [v.id, { period: v.period, periodLabel: v.period ? quarterLabel(v.period) : null, rows: list, ...incomeTotals(list) }];
    }),
  );
}

/** The ten items of an estate on `today` (see estateBoards). */
export async function estateBoard(db: Db | Trx, estateId: number, today: string, calendar: WorkCalendar): Promise<BoardItem[]> {
  return (await estateBoards(db, [estateId], today, calendar)).get(estateId)!;
}

/**
 * The ten items of each estate on `today`, in the seed's order, each with its state (current,
 * stale, missing), the content of its current version — typed, a 公共收益支出 statement, or read
 * from the registry — and its attachments. What the public sees and what the responsible party
 * edits; for many estates (the roll-up, the overview) in the same few statements as for one.
 */
export async function estateBoards(
  db: Db | Trx,
  estateIds: number[],
  today: string,
  calendar: WorkCalendar,
): Promise<Map<number, BoardItem[]>> {
  const out = new Map<number, BoardItem[]>();
  if (estateIds.length === 0) return out;
  const profiles = await profilesForNodes(db, estateIds);
  const latest = await ddb(db)
    .selectFrom('disclosure_version as v')
    .selectAll('v')
    .where('v.estate_id', 'in', estateIds)
    .where('v.source', '=', 'entered')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('disclosure_version as w')
            .select('w.id')
            .whereRef('w.estate_id', '=', 'v.estate_id')
            .whereRef('w.item', '=', 'v.item')
            .where('w.source', '=', 'entered')
            .whereRef('w.version', '>', 'v.version'),
        ),
      ),
    )
    .execute();
  const files = latest.length
    ? await ddb(db)
        .selectFrom('disclosure_file')
        .select(['id', 'file_name', 'version_id'])
        .where(
          'version_id',
          'in',
          latest.map((v) => v.id),
        )
        .orderBy('id')
        .execute()
    : [];
  const registry = new Map<DisclosureItem, Map<number, RegistryContent> | null>();
  for (const key of DISCLOSURE_ITEMS) {
    const source = DISCLOSURE_ITEM_INFO[key].source;
    if (source === 'registry' || source === 'registryOrEntered') registry.set(key, await registryContents(db, estateIds, key, today));
  }
  const incomes = await incomesOf(
    db,
    latest.filter((v) => v.item === 'publicIncome'),
  );
  const versionsOf = groupBy(latest, (v) => v.estate_id);
  const filesOf = groupBy(files, (f) => f.version_id);
  for (const estateId of estateIds) {
    const settings = profiles.get(estateId)!.disclosure ?? DEFAULT_DISCLOSURE_SETTINGS;
    const mine = versionsOf.get(estateId) ?? [];
    const items: BoardItem[] = [];
    for (const key of DISCLOSURE_ITEMS) {
      const info = DISCLOSURE_ITEM_INFO[key];
      const spec = settings.renewal[key];
      const contents = registry.get(key);
      const fromRegistry = contents ? (contents.get(estateId) ?? EMPTY_REGISTRY) : null;
      const useRegistry = fromRegistry !== null && fromRegistry.entries.length > 0;
      const v = useRegistry ? undefined : mine.find((x) => x.item === key);
      const updatedOn = useRegistry ? fromRegistry.updatedOn : (v?.updated_on ?? null);
      const f = freshness(info.source === 'registry' ? { kind: 'inStep' } : spec, updatedOn, today, calendar);
      const missingYears =
        f.calendarComplete || !f.dueOn || !updatedOn ? [] : yearsBetween(updatedOn, f.dueOn).filter((y) => !calendar.isYearComplete(y));
      items.push({
        key,
        item: info.label,
        status: f.status,
        statusLabel: STATUS_LABEL[f.status],
        updatedOn,
        dueOn: f.dueOn,
        dueWarning: missingYearsWarning(missingYears),
        responsible: RESPONSIBLE_LABEL[info.responsible],
        responsibleParty: info.responsible,
        renewal: renewalLabel(info.source === 'registry' ? { kind: 'inStep' } : spec),
        source: useRegistry ? 'registry' : v ? 'entered' : null,
        version: v?.version ?? null,
        body: v?.body ?? null,
        phone: v?.phone ?? null,
        entries: useRegistry ? fromRegistry.entries : null,
        income: v && key === 'publicIncome' ? (incomes.get(v.id) ?? null) : null,
        files: v ? (filesOf.get(v.id) ?? []).map((x) => ({ id: x.id, name: x.file_name })) : [],
      });
    }
    out.set(estateId, items);
  }
  return out;
}

const EMPTY_REGISTRY: RegistryContent = { entries: [], updatedOn: null };

function groupBy<T, K>(xs: T[], key: (x: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
}

function yearsBetween(a: string, b: string): number[] {
  const out: number[] = [];
  for (let y = Number(a.slice(0, 4)); y <= Number(b.slice(0, 4)); y++) out.push(y);
  return out;
}
