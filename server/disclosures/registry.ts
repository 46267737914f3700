import { sql } from 'kysely';
import type { DisclosureItem } from '../../core/disclosures.js';
import { POST_ROLES, type PostRole } from '../../core/registry.js';
import { maskName } from '../cobuilding/scope.js';
import { currentOn } from '../companies/served-estates.js';
import type { Db } from '../db/connect.js';
import type { Trx } from '../db/transaction.js';
import { kdb } from '../committees/tables.js';

/** One line of an item read from the registry: a name or title and what it is (no personal data). */
export interface RegistryEntry {
  name: string;
  post: string;
  note?: string | null;
  suspended?: boolean;
}
export interface RegistryContent {
  entries: RegistryEntry[];
  /** the last day the registry's content changed: the item's 更新日期 */
  updatedOn: string | null;
}

const COMMITTEE_ROLES = [
  'propertyCommitteeDirector',
  'propertyCommitteeDeputy',
  'propertyCommitteeMember',
  'ownersCommitteeMember',
] as const;
const STAFF_ROLES = ['companyHead', 'projectManager', 'companyStaff'] as const;
const maxDate = (dates: (string | null | undefined)[]) =>
  dates
    .filter((d): d is string => !!d)
    .sort()
    .at(-1) ?? null;

type Contents = Map<number, RegistryContent>;

/** Groups rows by estate and builds each estate's content (an estate without rows has none). */
function byEstate<R extends { estate_id: number }>(rows: R[], build: (rows: R[]) => RegistryContent): Contents {
  const groups = new Map<number, R[]>();
  for (const r of rows) groups.set(r.estate_id, [...(groups.get(r.estate_id) ?? []), r]);
  return new Map([...groups].map(([id, rs]) => [id, build(rs)]));
}

/** 物业合同: the service contracts current today, with the company and its office phone. */
async function contract(db: Db | Trx, estateIds: number[], today: string): Promise<Contents> {
  const rows = await db
    .selectFrom('service_contract as sc')
    .innerJoin('org_node as c', 'c.id', 'sc.company_id')
    .leftJoin('property_company as pc', 'pc.node_id', 'sc.company_id')
    .select(['sc.estate_id', 'c.name', 'sc.started_on', 'sc.ended_on', 'sc.note', 'pc.phone'])
    .where('sc.estate_id', 'in', estateIds)
    .where(currentOn(today))
    .orderBy('sc.started_on')
    .execute();
  return byEstate(rows, (rs) => ({
    entries: rs.map((r) => ({
      name: r.name,
      post: `服务期限 ${r.started_on} 至 ${r.ended_on ?? '未约定'}`,
      note: [r.phone ? `企业电话 ${r.phone}` : null, r.note].filter(Boolean).join('；') || null,
    })),
    updatedOn: maxDate(rs.map((r) => r.started_on)),
  }));
}

/** 业委会（物管会）成员: the seats held today, a suspended seat (R35) shown as such. */
async function committee(db: Db | Trx, estateIds: number[], today: string): Promise<Contents> {
  const rows = await kdb(db)
    .selectFrom('post as po')
    .innerJoin('person as p', 'p.id', 'po.person_id')
    // R35: the seat's suspension as the street decided it on the committee roster (issue 14)
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('committee_member')
          .select(['post_id', 'suspended_on'])
          .where('ended_on', 'is', null)
          .where('suspended_on', 'is not', null)
          .where('suspended_on', '<=', today)
          .as('s'),
      (j) => j.onRef('s.post_id', '=', 'po.id'),
    )
    .select(['po.node_id as estate_id', 'po.id', 'po.role', 'po.started_on', 'p.name', 's.suspended_on as suspended_from'])
    .where('po.node_id', 'in', estateIds)
    .where('po.role', 'in', [...COMMITTEE_ROLES])
    .where(currentOn(today, 'po'))
    .orderBy(sql`array_position(array[${sql.join([...COMMITTEE_ROLES])}]::text[], po.role)`)
    .orderBy('po.id')
    .execute();
  return byEstate(rows, (rs) => ({
    entries: rs.map((r) => ({
      name: r.name,
      post: POST_ROLES[r.role as PostRole]?.label ?? r.role,
      suspended: r.suspended_from !== null,
      note: r.suspended_from ? `自${r.suspended_from}起暂停履行职责` : null,
    })),
    updatedOn: maxDate(rs.flatMap((r) => [r.started_on, r.suspended_from])),
  }));
}

/** 物业服务人员: names and posts of the serving company's staff at this estate and its head (no other data). */
async function staff(db: Db | Trx, estateIds: number[], today: string): Promise<Contents> {
  const rows = await db
    .selectFrom('post as po')
    .innerJoin('person as p', 'p.id', 'po.person_id')
    .innerJoin('company_estate as ce', 'ce.company_id', 'po.node_id')
    .select(['ce.estate_id', 'po.role', 'po.started_on', 'p.name'])
    .where('ce.estate_id', 'in', estateIds)
    .where('po.role', 'in', [...STAFF_ROLES])
    .where((eb) => eb.or([eb('po.estate_id', '=', eb.ref('ce.estate_id')), eb('po.role', '=', 'companyHead')]))
    .where(currentOn(today, 'po'))
    .orderBy(sql`array_position(array[${sql.join([...STAFF_ROLES])}]::text[], po.role)`)
    .orderBy('po.id')
    .execute();
  return byEstate(rows, (rs) => ({
    entries: rs.map((r) => ({ name: r.name, post: POST_ROLES[r.role as PostRole]?.label ?? r.role })),
    updatedOn: maxDate(rs.map((r) => r.started_on)),
  }));
}

/** 小区党员承诺 from co-building's pledges (issue 16): the pledger by surname, as the co-building page shows them. */
async function pledges(db: Db | Trx, estateIds: number[]): Promise<Contents> {
  const rows = await sql<{ estate_id: number; title: string; name: string; state: string; on_day: string }>`
    select p.estate_id, p.title, m.name, p.state, to_char(greatest(p.created_at, coalesce(
      (select max(x.created_at) from pledge_progress x where x.pledge_id = p.id), p.created_at)) at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as on_day
    from pledge p join person m on m.id = p.person_id where p.estate_id in (${sql.join(estateIds)}) order by p.id`.execute(db);
  return byEstate(rows.rows, (rs) => ({
    entries: rs.map((r) => ({
      name: `党员 ${maskName(r.name)}`,
      post: r.title,
      note: r.state === 'fulfilled' ? '已兑现' : '践诺中',
    })),
    updatedOn: maxDate(rs.map((r) => r.on_day)),
  }));
}

const EMPTY: RegistryContent = { entries: [], updatedOn: null };

/**
 * What the registry holds for an item of many estates at once (the roll-up reads a district in a
 * few statements, not a few per estate); null for items that are entered.
 */
export async function registryContents(db: Db | Trx, estateIds: number[], item: DisclosureItem, today: string): Promise<Contents | null> {
  if (estateIds.length === 0) return new Map();
  switch (item) {
    case 'contract':
      return contract(db, estateIds, today);
    case 'committeeMembers':
      return committee(db, estateIds, today);
    case 'serviceStaff':
      return staff(db, estateIds, today);
    case 'partyPledges':
      return pledges(db, estateIds);
    default:
      return null;
  }
}

/** What the registry holds for an item of an estate; null for items that are entered. */
export async function registryContent(
  db: Db | Trx,
  estateId: number,
  item: DisclosureItem,
  today: string,
): Promise<RegistryContent | null> {
  const all = await registryContents(db, [estateId], item, today);
  return all === null ? null : (all.get(estateId) ?? EMPTY);
}
