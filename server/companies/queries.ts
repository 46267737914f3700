import { sql, type RawBuilder } from 'kysely';
import type { Permission } from '../../core/access.js';
import { PARTY_BUILDING_LABEL, PARTY_ORG_KIND_LABEL, partyBuildingStatus, POST_ROLES, type PartyOrgKind } from '../../core/registry.js';
import { inRegistryScope, permissionsAt } from '../access/scope.js';
import { todayInChina } from '../clock.js';
import type { Db } from '../db/connect.js';
import type { CurrentUser } from '../http/context.js';
import { notFound } from '../http/errors.js';
import { presentPerson } from '../people/person-store.js';
import { companyVisible } from './access.js';
import { STAFF_ROLES, type StaffRole } from './schema.js';
import { currentOn } from './served-estates.js';

export const PAGE_SIZE = 20;

/** What the caller may do on a company, from the permissions held at it and at its street. */
export const COMPANY_ACTIONS = {
  update: 'company.manage',
  addContract: 'company.manage',
  report: 'company.report',
  party: 'party.manage',
} as const satisfies Record<string, Permission>;

function actionsOf(held: ReadonlySet<Permission>): string[] {
  return (Object.keys(COMPANY_ACTIONS) as (keyof typeof COMPANY_ACTIONS)[]).filter((a) => held.has(COMPANY_ACTIONS[a]));
}

const staffRoles = sql.join(STAFF_ROLES.map((r) => sql.lit(r)));

/** Distinct current staff of a company (optionally of one project), and how many are full / probationary party members. */
function staffCount(
  companyRef: RawBuilder<unknown>,
  today: string,
  status: 'any' | 'full' | 'probationary',
  estateRef?: RawBuilder<unknown>,
) {
  return sql<number>`(select count(distinct sp.person_id)::int from post sp join person spp on spp.id = sp.person_id
    where sp.node_id = ${companyRef} and sp.role in (${staffRoles}) and ${currentOn(today, 'sp')}
    ${estateRef ? sql`and sp.estate_id = ${estateRef}` : sql``}
    ${status === 'any' ? sql`` : sql`and spp.party_status = ${status}`})`;
}

function like(q: string) {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** R39 status and its label from the counts and the party-building data. */
function r39(fullMembers: number, hasPartyOrg: boolean, hasInstructor: boolean) {
  const status = partyBuildingStatus({ fullMembers, hasPartyOrg, hasInstructor });
  return { partyBuildingStatus: status, partyBuildingLabel: PARTY_BUILDING_LABEL[status], shouldEstablish: status === 'shouldEstablish' };
}

const presentOrg = (o: { id: number; name: string; kind: PartyOrgKind } | undefined) =>
  o ? { id: o.id, name: o.name, kind: o.kind, kindLabel: PARTY_ORG_KIND_LABEL[o.kind] } : null;

/**
 * The companies the caller may see (scope in the WHERE clause), with the counts the list shows.
 * `limit` null: every matching row (export).
 */
export async function listCompanies(
  db: Db,
  user: CurrentUser,
  f: { q?: string | undefined; streetId?: number | undefined; ids?: number[]; limit: number | null; offset: number },
  today = todayInChina(),
) {
  let base = db
    .selectFrom('property_company as pc')
    .innerJoin('org_node as n', 'n.id', 'pc.node_id')
    .innerJoin('org_node as s', 's.id', 'pc.street_id')
    .where(companyVisible(user, sql.ref('pc.node_id')));
  if (f.q) base = base.where((eb) => eb.or([eb('n.name', 'ilike', like(f.q!)), eb('pc.uscc', 'ilike', like(f.q!))]));
  if (f.streetId) base = base.where('pc.street_id', '=', f.streetId);
  if (f.ids) base = base.where('pc.node_id', 'in', f.ids.length ? f.ids : [0]);
  const totalRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let rowsQuery = base
    .selectAll('pc')
    .select(['n.name', 'n.address', 's.name as street_name'])
    .select(
      sql<number>`(select count(*)::int from service_contract sc where sc.company_id = pc.node_id and ${currentOn(today)})`.as(
        'contracts_current',
      ),
    )
    .select(staffCount(sql.ref('pc.node_id'), today, 'any').as('staff_count'))
    .select(staffCount(sql.ref('pc.node_id'), today, 'full').as('full_members'))
    .select(staffCount(sql.ref('pc.node_id'), today, 'probationary').as('probationary_members'))
    .orderBy('n.name')
    .orderBy('pc.node_id')
    .offset(f.offset);
  if (f.limit !== null) rowsQuery = rowsQuery.limit(f.limit);
  const rows = await rowsQuery.execute();
  const ids = rows.map((r) => r.node_id);
  const [estates, orgs, instructors, held] = await Promise.all([
    ids.length
      ? db
          .selectFrom('company_estate as ce')
          .innerJoin('org_node as e', 'e.id', 'ce.estate_id')
          .select(['ce.company_id', 'e.id', 'e.name'])
          .where('ce.company_id', 'in', ids)
          .orderBy('e.name')
          .execute()
      : [],
    partyOrgsById(
      db,
      rows.map((r) => r.party_org_id),
    ),
    personNamesById(
      db,
      rows.map((r) => r.party_instructor_id),
    ),
    permissionsAt(db, user, [...ids, ...rows.map((r) => r.street_id)]),
  ]);
  const items = rows.map((r) => {
    const perms = new Set<Permission>([...(held.get(r.node_id) ?? []), ...(held.get(r.street_id) ?? [])]);
    const instructor = r.party_instructor_id ? instructors.get(r.party_instructor_id) : undefined;
    return {
      id: r.node_id,
      name: r.name,
      uscc: r.uscc,
      streetId: r.street_id,
      streetName: r.street_name,
      legalRepresentative: r.legal_representative,
      phone: r.phone,
      address: r.address,
      contractsCurrent: Number(r.contracts_current),
      estatesServed: estates.filter((e) => e.company_id === r.node_id).map((e) => ({ id: e.id, name: e.name })),
      partyOrg: presentOrg(r.party_org_id ? orgs.get(r.party_org_id) : undefined),
      instructor: instructor ? { id: instructor.id, name: instructor.name, since: r.party_instructor_since } : null,
      fullMembers: Number(r.full_members),
      probationaryMembers: Number(r.probationary_members),
      staffCount: Number(r.staff_count),
      // R39
      ...r39(Number(r.full_members), r.party_org_id !== null, r.party_instructor_id !== null),
      actions: actionsOf(perms),
    };
  });
  return { total: Number(totalRow.n), pageSize: PAGE_SIZE, items };
}

async function partyOrgsById(db: Db, ids: (number | null)[]) {
  const wanted = [...new Set(ids.filter((i): i is number => i !== null))];
  if (!wanted.length) return new Map<number, { id: number; name: string; kind: PartyOrgKind }>();
  const rows = await db.selectFrom('party_org').select(['id', 'name', 'kind']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

async function personNamesById(db: Db, ids: (number | null)[]) {
  const wanted = [...new Set(ids.filter((i): i is number => i !== null))];
  if (!wanted.length) return new Map<number, { id: number; name: string }>();
  const rows = await db.selectFrom('person').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** The service contracts of the given companies, with per-project party-building status (R39). */
export async function listContracts(db: Db, companyIds: number[], today = todayInChina()) {
  if (!companyIds.length) return [];
  const rows = await db
    .selectFrom('service_contract as sc')
    .innerJoin('org_node as e', 'e.id', 'sc.estate_id')
    .innerJoin('org_node as c', 'c.id', 'sc.company_id')
    .selectAll('sc')
    .select(['e.name as estate_name', 'c.name as company_name'])
    .select(currentOn(today).as('current'))
    .select(staffCount(sql.ref('sc.company_id'), today, 'any', sql.ref('sc.estate_id')).as('staff_count'))
    .select(staffCount(sql.ref('sc.company_id'), today, 'full', sql.ref('sc.estate_id')).as('full_members'))
    .select(staffCount(sql.ref('sc.company_id'), today, 'probationary', sql.ref('sc.estate_id')).as('probationary_members'))
    .where('sc.company_id', 'in', companyIds)
    .orderBy('sc.started_on', 'desc')
    .orderBy('sc.id', 'desc')
    .execute();
  const [orgs, people] = await Promise.all([
    partyOrgsById(
      db,
      rows.map((r) => r.party_org_id),
    ),
    personNamesById(db, [...rows.map((r) => r.party_instructor_id), ...rows.map((r) => r.project_manager_id)]),
  ]);
  return rows.map((r) => {
    const instructor = r.party_instructor_id ? people.get(r.party_instructor_id) : undefined;
    const manager = r.project_manager_id ? people.get(r.project_manager_id) : undefined;
    return {
      id: r.id,
      companyId: r.company_id,
      companyName: r.company_name,
      estateId: r.estate_id,
      estateName: r.estate_name,
      startedOn: r.started_on,
      endedOn: r.ended_on,
      current: Boolean(r.current),
      projectManager: manager ? { id: manager.id, name: manager.name } : null,
      partyOrg: presentOrg(r.party_org_id ? orgs.get(r.party_org_id) : undefined),
      instructor: instructor ? { id: instructor.id, name: instructor.name, since: null } : null,
      note: r.note,
      fullMembers: Number(r.full_members),
      probationaryMembers: Number(r.probationary_members),
      staffCount: Number(r.staff_count),
      // R39 per project
      ...r39(Number(r.full_members), r.party_org_id !== null, r.party_instructor_id !== null),
    };
  });
}

/** One company with its contracts and current staff (people presented masked). */
export async function getCompanyDetail(db: Db, user: CurrentUser, id: number, today = todayInChina()) {
  const list = await listCompanies(db, user, { ids: [id], limit: 1, offset: 0 }, today);
  const company = list.items[0];
  if (!company) throw notFound('物业企业');
  const [contracts, staff] = await Promise.all([
    listContracts(db, [id], today),
    db
      .selectFrom('post as p')
      .innerJoin('person as pe', 'pe.id', 'p.person_id')
      .leftJoin('org_node as e', 'e.id', 'p.estate_id')
      .selectAll('pe')
      .select(['p.id as post_id', 'p.role', 'p.estate_id', 'p.started_on', 'p.ended_on', 'e.name as estate_name'])
      .where('p.node_id', '=', id)
      .where('p.role', 'in', [...STAFF_ROLES])
      .where(currentOn(today, 'p'))
      .orderBy(sql`case p.role when 'companyHead' then 0 when 'projectManager' then 1 else 2 end`)
      .orderBy('pe.name')
      .orderBy('p.id')
      .execute(),
  ]);
  return {
    ...company,
    contracts: contracts.map(({ companyName: _n, ...c }) => c),
    staff: staff.map((s) => ({
      postId: s.post_id,
      role: s.role as StaffRole,
      roleLabel: POST_ROLES[s.role as StaffRole].label,
      estateId: s.estate_id,
      estateName: s.estate_name,
      startedOn: s.started_on,
      endedOn: s.ended_on,
      person: presentPerson(s),
    })),
  };
}

/** R39 at a glance: companies and projects flagged 应建未建 or still needing an instructor. */
export async function partyBuildingChecks(db: Db, user: CurrentUser, streetId: number | undefined, today = todayInChina()) {
  const { items } = await listCompanies(db, user, { streetId, limit: null, offset: 0 }, today);
  const flagged = new Set(['shouldEstablish', 'needsInstructor']);
  const contracts = (
    await listContracts(
      db,
      items.map((c) => c.id),
      today,
    )
  ).filter((c) => c.current && flagged.has(c.partyBuildingStatus));
  return {
    companies: items
      .filter((c) => flagged.has(c.partyBuildingStatus))
      .map((c) => ({
        id: c.id,
        name: c.name,
        fullMembers: c.fullMembers,
        partyBuildingStatus: c.partyBuildingStatus,
        partyBuildingLabel: c.partyBuildingLabel,
      })),
    projects: contracts.map((c) => ({
      contractId: c.id,
      companyId: c.companyId,
      companyName: c.companyName,
      estateId: c.estateId,
      estateName: c.estateName,
      fullMembers: c.fullMembers,
      partyBuildingStatus: c.partyBuildingStatus,
      partyBuildingLabel: c.partyBuildingLabel,
    })),
  };
}

/**
 * Company nodes in the hierarchy that the street has not registered yet (the demo company, one
 * created before the registry): serving an estate of the street, or serving none.
 */
export async function listUnregistered(db: Db, streetId: number) {
  const rows = await db
    .selectFrom('org_node as n')
    .select(['n.id', 'n.name', 'n.address'])
    .select(
      sql<
        string[]
      >`coalesce((select array_agg(e.name order by e.name) from company_estate ce join org_node e on e.id = ce.estate_id where ce.company_id = n.id), '{}')`.as(
        'estates',
      ),
    )
    .where('n.kind', '=', 'company')
    .where('n.parent_id', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('property_company as pc').select('pc.node_id').whereRef('pc.node_id', '=', 'n.id'))),
    )
    .where(
      sql<boolean>`(not exists (select 1 from company_estate ce where ce.company_id = n.id)
        or exists (select 1 from company_estate ce join org_closure c on c.descendant_id = ce.estate_id
                   where ce.company_id = n.id and c.ancestor_id = ${streetId}))`,
    )
    .orderBy('n.name')
    .execute();
  return { items: rows.map((r) => ({ id: r.id, name: r.name, address: r.address, estates: r.estates })) };
}

/** Who may be a party-building instructor (R39): full party members of the company's street the caller may read. */
export async function instructorCandidates(db: Db, user: CurrentUser, streetId: number, q: string | undefined) {
  let query = db
    .selectFrom('person as pe')
    .innerJoin('org_node as n', 'n.id', 'pe.node_id')
    .select(['pe.id', 'pe.name', 'n.name as node_name'])
    .where('pe.street_id', '=', streetId)
    .where('pe.party_status', '=', 'full')
    .where(inRegistryScope(user, 'registry.read', sql.ref('pe.node_id')))
    .orderBy('pe.name')
    .orderBy('pe.id')
    .limit(50);
  if (q) query = query.where('pe.name', 'ilike', like(q));
  const rows = await query.execute();
  return { items: rows.map((r) => ({ id: r.id, name: r.name, nodeName: r.node_name })) };
}
