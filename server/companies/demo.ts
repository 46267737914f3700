import { idCheckChar, usccCheckChar } from '../../core/identity.js';
import type { PartyStatus } from '../../core/registry.js';
import type { Trx } from '../db/transaction.js';
import { rebuildClosure } from '../org/closure.js';
import type { IdentityKeys } from '../people/identity.js';
import { insertPerson } from '../people/person-store.js';
import type { StaffRole } from './schema.js';

const STARTED = '2024-01-01';
const uscc = (first17: string) => `${first17}${usccCheckChar(first17)}`;
/** A fictitious but valid 身份证号 (region 370602, the given birth date and sequence). */
const idNumber = (birth: string, seq: string) => `370602${birth}${seq}${idCheckChar(`370602${birth}${seq}`)}`;

interface DemoStaff {
  name: string;
  birth: string;
  seq: string;
  partyStatus: PartyStatus;
  role: StaffRole;
  /** index into the company's served estates; null for the company as a whole */
  project: number | null;
}

/**
 * Demo property companies for one street (issue 3, R39): the demo company already linked to the
 * street's estates is registered with contracts for them; a second company is registered serving
 * two other estates. Staff lists make the first company 应建未建 (3 full members, no organisation)
 * with one project under a party-building instructor, and give the second a party branch.
 * Deterministic; does nothing when the street has no unregistered company.
 */
export async function loadDemoCompanies(trx: Trx, keys: IdentityKeys, streetId: number): Promise<void> {
  const underStreet = trx.selectFrom('org_closure').select('descendant_id').where('ancestor_id', '=', streetId);
  const first = await trx
    .selectFrom('org_node as n')
    .select(['n.id', 'n.name'])
    .where('n.kind', '=', 'company')
    .where('n.parent_id', 'is', null)
    .where('n.id', 'not in', trx.selectFrom('property_company').select('node_id'))
    .where('n.id', 'in', trx.selectFrom('company_estate').select('company_id').where('estate_id', 'in', underStreet))
    .orderBy('n.id')
    .executeTakeFirst();
  if (!first) return;

  const servedA = (
    await trx
      .selectFrom('company_estate')
      .select('estate_id')
      .where('company_id', '=', first.id)
      .where('estate_id', 'in', underStreet)
      .orderBy('estate_id')
      .execute()
  ).map((r) => r.estate_id);
  await trx
    .insertInto('property_company')
    .values({
      node_id: first.id,
      street_id: streetId,
      uscc: uscc('91370602MA3C4K7P8'),
      legal_representative: '刘建国',
      phone: '0535-6218800',
    })
    .execute();
  await trx.updateTable('org_node').set({ address: '芝罘区南大街168号' }).where('id', '=', first.id).where('address', 'is', null).execute();
  const contractsA = await addContracts(trx, first.id, servedA);

  // The second company serves two estates of the street that nobody serves yet.
  const free = (
    await trx
      .selectFrom('org_node')
      .select('id')
      .where('kind', '=', 'estate')
      .where('id', 'in', underStreet)
      .where('id', 'not in', trx.selectFrom('company_estate').select('estate_id'))
      .orderBy('id')
      .limit(2)
      .execute()
  ).map((r) => r.id);
  let second: { id: number; estates: number[]; contracts: number[] } | null = null;
  if (free.length > 0) {
    const node = await trx
      .insertInto('org_node')
      .values({ kind: 'company', name: '鑫诚物业管理有限公司（演示）', parent_id: null, address: '莱山区港城东大街55号' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('property_company')
      .values({
        node_id: node.id,
        street_id: streetId,
        uscc: uscc('91370613MA94RL2C5'),
        legal_representative: '张伟',
        phone: '0535-6901234',
      })
      .execute();
    await trx
      .insertInto('company_estate')
      .values(free.map((estate_id) => ({ company_id: node.id, estate_id })))
      .execute();
    await rebuildClosure(trx, [node.id, ...free]);
    second = { id: node.id, estates: free, contracts: await addContracts(trx, node.id, free) };
  }

  // First company: 3 full members and no organisation → 应建未建 (R39).
  const staffA: DemoStaff[] = [
    { name: '刘建国', birth: '19720315', seq: '011', partyStatus: 'full', role: 'companyHead', project: null },
    { name: '周洁', birth: '19850622', seq: '024', partyStatus: 'full', role: 'projectManager', project: 0 },
    { name: '陈刚', birth: '19900908', seq: '031', partyStatus: 'probationary', role: 'companyStaff', project: 0 },
    { name: '孙丽', birth: '19881112', seq: '046', partyStatus: 'full', role: 'projectManager', project: 1 },
    { name: '赵强', birth: '19950130', seq: '053', partyStatus: 'none', role: 'companyStaff', project: 1 },
    { name: '李明', birth: '19930417', seq: '078', partyStatus: 'none', role: 'companyStaff', project: 2 },
  ];
  const managersA = await addStaff(trx, keys, streetId, first.id, servedA, staffA);
  for (const [i, contractId] of contractsA.entries()) {
    const manager = managersA.get(i);
    if (manager) await trx.updateTable('service_contract').set({ project_manager_id: manager }).where('id', '=', contractId).execute();
  }
  // The first project has 1 full member: a party-building instructor from the street is assigned.
  if (contractsA.length > 0) {
    const instructor = await insertPerson(trx, keys, {
      streetId,
      nodeId: streetId,
      name: '王红',
      idNumber: idNumber('19780705', '062'),
      partyStatus: 'full',
      occupation: '街道党群办干部',
    });
    await trx.updateTable('service_contract').set({ party_instructor_id: instructor.id }).where('id', '=', contractsA[0]!).execute();
  }

  if (!second) return;
  // Second company: a party branch established.
  const staffB: DemoStaff[] = [
    { name: '张伟', birth: '19700220', seq: '015', partyStatus: 'full', role: 'companyHead', project: null },
    { name: '何敏', birth: '19830509', seq: '028', partyStatus: 'full', role: 'projectManager', project: 0 },
    { name: '吴涛', birth: '19911019', seq: '037', partyStatus: 'full', role: 'companyStaff', project: 0 },
    { name: '郑芳', birth: '19960826', seq: '042', partyStatus: 'probationary', role: 'companyStaff', project: second.estates.length - 1 },
  ];
  const managersB = await addStaff(trx, keys, streetId, second.id, second.estates, staffB);
  const manager = managersB.get(0);
  if (manager)
    await trx.updateTable('service_contract').set({ project_manager_id: manager }).where('id', '=', second.contracts[0]!).execute();
  const branch = await trx
    .insertInto('party_org')
    .values({ street_id: streetId, parent_id: null, kind: 'branch', name: '鑫诚物业管理有限公司党支部（演示）', node_id: second.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.updateTable('property_company').set({ party_org_id: branch.id }).where('node_id', '=', second.id).execute();
}

async function addContracts(trx: Trx, companyId: number, estates: number[]): Promise<number[]> {
  if (estates.length === 0) return [];
  const rows = await trx
    .insertInto('service_contract')
    .values(estates.map((estate_id) => ({ company_id: companyId, estate_id, started_on: STARTED })))
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Registers the staff and their posts; returns the project manager of each project index. */
async function addStaff(trx: Trx, keys: IdentityKeys, streetId: number, companyId: number, estates: number[], staff: DemoStaff[]) {
  const managers = new Map<number, number>();
  for (const s of staff) {
    const estateId = s.project === null ? null : (estates[s.project] ?? null);
    // A project the street does not have (fewer estates): the person works at the company level.
    const role: StaffRole = s.project !== null && estateId === null && s.role === 'projectManager' ? 'companyStaff' : s.role;
    const person = await insertPerson(trx, keys, {
      streetId,
      nodeId: companyId,
      name: s.name,
      idNumber: idNumber(s.birth, s.seq),
      partyStatus: s.partyStatus,
      occupation: role === 'companyHead' ? '企业负责人' : role === 'projectManager' ? '项目经理' : '物业从业人员',
    });
    await trx
      .insertInto('post')
      .values({ person_id: person.id, role, node_id: companyId, estate_id: estateId, started_on: STARTED })
      .execute();
    if (role === 'projectManager' && s.project !== null) managers.set(s.project, person.id);
  }
  return managers;
}
