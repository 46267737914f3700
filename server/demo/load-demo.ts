import type { Role } from '../../core/access.js';
import { ROLE_LABEL } from '../../core/access.js';
import { recordAudit } from '../audit/record.js';
import { hashPassword } from '../auth/password.js';
import type { Db } from '../db/connect.js';
import { inTransaction, type Trx } from '../db/transaction.js';
import { rebuildClosure } from '../org/closure.js';
import { loadDemoCompanies } from '../companies/demo.js';
import { loadDemoDecisions } from '../decisions/demo.js';
import { loadDemoCommittees } from '../committees/demo.js';
import { loadDemoCoordination } from '../coordination/demo.js';
import { loadDemoGovernance } from '../formation/demo.js';
import { loadDemoRoll } from '../owners/demo.js';
import { identityKeys } from '../people/identity.js';
import { loadDemoPeople } from '../people/demo.js';
import { loadDemoOwnerMessages } from '../owner-home/demo.js';
import { loadDemoServiceDesk } from '../tickets/demo.js';
import { loadDemoDisclosures } from '../disclosures/demo.js';
import { loadDemoSurveys } from '../survey/demo.js';
import { DEMO_OPTIONS, generate, type GenerateOptions } from './generate.js';

export const DEMO_PASSWORD = 'Gongzhi@2026';

/** The ids of one loaded street: communities, and per community its grids and estates, in generated order. */
export interface LoadedStreet {
  id: number;
  name: string;
  communities: number[];
  grids: number[][];
  estates: number[][];
}
export interface LoadedStreets {
  district: number;
  streets: LoadedStreet[];
}

interface DemoLogin {
  username: string;
  displayName: string;
  mobile: string;
  role: Role;
  /** Which node: 'district' | 'street' | 'community:N' | 'grid:C:G' | 'estate:C:E' | 'company' */
  at: string;
}

const LOGINS: DemoLogin[] = [
  { username: 'jiedao', displayName: '街道管理员 王静', mobile: '13800000001', role: 'streetAdmin', at: 'street' },
  { username: 'dangqun', displayName: '党群办 李明', mobile: '13800000002', role: 'partyOffice', at: 'street' },
  { username: 'shequ', displayName: '社区干部 张丽', mobile: '13800000003', role: 'communityStaff', at: 'community:0' },
  { username: 'shequ2', displayName: '社区干部 赵强', mobile: '13800000004', role: 'communityStaff', at: 'community:1' },
  { username: 'wangge', displayName: '网格员 陈刚', mobile: '13800000005', role: 'gridWorker', at: 'grid:0:0' },
  { username: 'zhuren', displayName: '物管会主任 刘芳', mobile: '13800000006', role: 'committeeDirector', at: 'estate:0:0' },
  { username: 'weiyuan', displayName: '物管会委员 孙伟', mobile: '13800000007', role: 'committeeMember', at: 'estate:0:0' },
  { username: 'wuye', displayName: '物业项目经理 周洁', mobile: '13800000008', role: 'propertyStaff', at: 'company' },
  { username: 'yezhu', displayName: '业主 吴敏', mobile: '13800000009', role: 'owner', at: 'estate:0:0' },
  { username: 'quzhujian', displayName: '区住建委 郑涛', mobile: '13800000010', role: 'districtDepartment', at: 'street' },
  // Issue 13: the district keeps the working-day calendar for all its streets.
  { username: 'quguanli', displayName: '区级管理员 钱红', mobile: '13800000011', role: 'districtAdmin', at: 'district' },
];

export function demoLogins() {
  return LOGINS.map((l) => ({ username: l.username, label: `${ROLE_LABEL[l.role]}（${l.displayName}）` }));
}

/** Whether the demo street was loaded into this database (its accounts have a published password). */
export async function demoState(db: Db): Promise<{ loaded: false; present: boolean }> {
  const marker = await db.selectFrom('app_setting').select('key').where('key', '=', 'demo_loaded').executeTakeFirst();
  return { loaded: false, present: marker !== undefined };
}

/** The app_setting value load-large writes (server/demo/large.ts). */
interface LargeMarker {
  district: number;
  company: number;
}

/** On first start (an empty hierarchy) loads the demo street; later starts leave the data alone. */
export async function ensureDemoData(db: Db): Promise<{ loaded: boolean; present: boolean }> {
  const marker = await db.selectFrom('app_setting').select('key').where('key', '=', 'demo_loaded').executeTakeFirst();
  if (marker) return { loaded: false, present: true };
  // The benchmark district of load-large (issue 18) does not count: the demo loads next to it.
  const large = await db.selectFrom('app_setting').select('value').where('key', '=', 'large_loaded').executeTakeFirst();
  const largeRoots = large ? [(large.value as LargeMarker).district, (large.value as LargeMarker).company] : [];
  const any = await db
    .selectFrom('org_node as n')
    .select('n.id')
    .$if(largeRoots.length > 0, (q) =>
      q.where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('org_closure as c')
              .select('c.depth')
              .whereRef('c.descendant_id', '=', 'n.id')
              .where('c.ancestor_id', 'in', largeRoots),
          ),
        ),
      ),
    )
    .limit(1)
    .executeTakeFirst();
  if (any) return { loaded: false, present: false };
  // Several instances starting together on one empty database: the one that claims it loads the demo.
  const claim = await db
    .insertInto('app_setting')
    .values({ key: 'demo_claimed', value: JSON.stringify({ at: new Date().toISOString() }) })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst();
  if (!claim) return { loaded: false, present: false };
  const { streetId } = await loadStreets(db, DEMO_OPTIONS, { withLogins: true });
  // Issue 16: the service desk and co-building, through their own steps (each its own transaction).
  await loadDemoServiceDesk(db, streetId);
  // Issue 15: the supervision boards (after the pledges of co-building, which one item reads).
  await loadDemoDisclosures(db, streetId);
  return { loaded: true, present: true };
}

/**
 * Writes generated streets, under a district of their own (issue 13), with multi-row inserts in one
 * transaction, then builds the closure in one statement. The demo accounts go with the first street.
 */
export async function loadStreets(
  db: Db,
  opts: GenerateOptions,
  { withLogins, then }: { withLogins: boolean; then?: (trx: Trx, loaded: LoadedStreets) => Promise<void> },
) {
  const streets = generate(opts);
  const passwordHash = withLogins ? await hashPassword(DEMO_PASSWORD) : '';
  // Before the transaction: on PGlite a query outside it would wait for the one connection.
  const keys = withLogins ? await identityKeys(db) : null;
  return inTransaction(db, async (trx) => {
    const district = await insertNode(trx, { kind: 'district', name: opts.district, parent_id: null });
    const refs = { district, street: 0, communities: [] as number[], grids: [] as number[][], estates: [] as number[][], company: 0 };
    const loaded: LoadedStreets = { district, streets: [] };
    let unitCount = 0;
    for (const [si, s] of streets.entries()) {
      const street = await insertNode(trx, { kind: 'street', name: s.name, parent_id: district });
      if (si === 0) refs.street = street;
      const ids: LoadedStreet = { id: street, name: s.name, communities: [], grids: [], estates: [] };
      loaded.streets.push(ids);
      for (const [ci, c] of s.communities.entries()) {
        const community = await insertNode(trx, { kind: 'community', name: c.name, parent_id: street });
        const gridIds: number[] = [];
        for (const g of c.grids) gridIds.push(await insertNode(trx, { kind: 'grid', name: `${c.name}${g}`, parent_id: community }));
        const estateIds: number[] = [];
        for (const e of c.estates) {
          const estate = await insertNode(trx, {
            kind: 'estate',
            name: e.name,
            parent_id: community,
            address: e.address,
            delivered_on: e.deliveredOn,
          });
          estateIds.push(estate);
          const buildingRows = await trx
            .insertInto('org_node')
            .values(
              e.buildings.map((b) => ({ kind: 'building' as const, name: b.name, parent_id: estate, grid_id: gridIds[b.gridIndex]! })),
            )
            .returning('id')
            .execute();
          const units = e.buildings.flatMap((b, i) =>
            b.units.map((u) => ({
              estate_id: estate,
              building_id: buildingRows[i]!.id,
              entrance: u.entrance,
              floor: u.floor,
              number: u.number,
              kind: u.kind,
              area_centi: u.areaCenti,
              area_source: u.areaSource,
            })),
          );
          for (let i = 0; i < units.length; i += 4000)
            await trx
              .insertInto('unit')
              .values(units.slice(i, i + 4000))
              .execute();
          unitCount += units.length;
        }
        ids.communities[ci] = community;
        ids.grids[ci] = gridIds;
        ids.estates[ci] = estateIds;
        if (si === 0) {
          refs.communities[ci] = community;
          refs.grids[ci] = gridIds;
          refs.estates[ci] = estateIds;
        }
      }
    }
    if (withLogins) {
      refs.company = await insertNode(trx, { kind: 'company', name: '安居物业服务有限公司（演示）', parent_id: null });
      await trx
        .insertInto('company_estate')
        .values(refs.estates[0]!.slice(0, 3).map((estate_id) => ({ company_id: refs.company, estate_id })))
        .execute();
    }
    await buildFullClosure(trx);
    if (then) await then(trx, loaded);
    if (withLogins) {
      const accounts = await insertLogins(trx, refs, passwordHash);
      // The registry of the first street (issue 3): people and party organisations, companies, the owner roll.
      await loadDemoPeople(trx, keys!, refs.street);
      await loadDemoCompanies(trx, keys!, refs.street);
      const owner = LOGINS.find((l) => l.role === 'owner')!;
      const { demoOwnerPersonId } = await loadDemoRoll(trx, keys!, refs.street, owner.mobile);
      await loadDemoGovernance(trx, refs.street);
      await loadDemoDecisions(trx, refs.street);
      await loadDemoCoordination(trx, refs.street);
      // The demo owner login is bound to its roll entry, as community staff would after checking the ID.
      if (demoOwnerPersonId)
        await trx
          .insertInto('owner_binding')
          .values({
            account_id: accounts.get(owner.username)!,
            person_id: demoOwnerPersonId,
            method: 'staff',
            verified_by: accounts.get('shequ') ?? null,
          })
          .execute();
      // Issue 14: the demo PMC at work (roster, a year of meetings and resolutions).
      await loadDemoCommittees(trx, refs.street);
      // Issue 18 §1: every estate surveyed (调查摸底), pilots and one class set by the street.
      await loadDemoSurveys(trx, refs.street);
      // Issue 19: the demo owner has been told the current vote is open (its home shows it first).
      await loadDemoOwnerMessages(trx);
    }
    await recordAudit(
      trx,
      { db, actor: null, requestId: null, ip: null },
      {
        action: 'demo.load',
        entityType: 'street',
        entityId: refs.street,
        nodeId: refs.street,
        after: { streets: streets.length, units: unitCount, seed: opts.seed },
      },
    );
    if (withLogins)
      await trx
        .insertInto('app_setting')
        .values({ key: 'demo_loaded', value: JSON.stringify({ seed: opts.seed }) })
        .execute();
    return { streets: streets.length, units: unitCount, streetId: refs.street };
  });
}

async function insertNode(
  trx: Trx,
  v: {
    kind: 'district' | 'street' | 'community' | 'grid' | 'estate' | 'company';
    name: string;
    parent_id: number | null;
    address?: string;
    delivered_on?: string;
  },
) {
  const row = await trx
    .insertInto('org_node')
    .values({ ...v, address: v.address ?? null, delivered_on: v.delivered_on ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function buildFullClosure(trx: Trx) {
  const all = await trx.selectFrom('org_node').select('id').execute();
  await rebuildClosure(
    trx,
    all.map((r) => r.id),
  );
}

async function insertLogins(
  trx: Trx,
  refs: { district: number; street: number; communities: number[]; grids: number[][]; estates: number[][]; company: number },
  passwordHash: string,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const l of LOGINS) {
    const [kind, a, b] = l.at.split(':');
    const nodeId =
      kind === 'district'
        ? refs.district
        : kind === 'street'
          ? refs.street
          : kind === 'community'
            ? refs.communities[Number(a)]!
            : kind === 'grid'
              ? refs.grids[Number(a)]![Number(b)]!
              : kind === 'estate'
                ? refs.estates[Number(a)]![Number(b)]!
                : refs.company;
    const acc = await trx
      .insertInto('account')
      .values({ username: l.username, display_name: l.displayName, mobile: l.mobile, password_hash: passwordHash })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('role_assignment').values({ account_id: acc.id, role: l.role, node_id: nodeId }).execute();
    ids.set(l.username, acc.id);
  }
  return ids;
}
