import type { Role } from '../../core/access.js';
import { hashPassword } from '../auth/password.js';
import type { Db } from '../db/connect.js';
import { inTransaction } from '../db/transaction.js';
import { rebuildClosure } from '../org/closure.js';
import { TEST_PASSWORD } from './harness.js';

let passwordHash: Promise<string> | undefined;
let seq = 0;

/**
 * Builds a street of its own for one test file, under a district of its own (区, the root that keeps
 * the working-day calendar, issue 13): 2 communities, each with 2 grids and 2 estates of
 * 2 buildings with 4 units; a company serving the first estate; and one account per role. Names
 * carry a unique suffix so several streets can live in one database.
 */
export async function makeStreet(db: Db, label = `S${++seq}`) {
  const hash = await (passwordHash ??= hashPassword(TEST_PASSWORD));
  return inTransaction(db, async (trx) => {
    const node = async (
      kind: 'district' | 'street' | 'community' | 'grid' | 'estate' | 'building' | 'company',
      name: string,
      parent_id: number | null,
      grid_id: number | null = null,
    ) => (await trx.insertInto('org_node').values({ kind, name, parent_id, grid_id }).returning('id').executeTakeFirstOrThrow()).id;
    const district = await node('district', `${label}区`, null);
    const street = await node('street', `${label}街道`, district);
    const communities: { id: number; grids: number[]; estates: { id: number; buildings: number[] }[] }[] = [];
    for (let c = 0; c < 2; c++) {
      const community = await node('community', `${label}社区${c + 1}`, street);
      const grids = [
        await node('grid', `${label}社区${c + 1}网格1`, community),
        await node('grid', `${label}社区${c + 1}网格2`, community),
      ];
      const estates: { id: number; buildings: number[] }[] = [];
      for (let e = 0; e < 2; e++) {
        const estate = await node('estate', `${label}小区${c + 1}-${e + 1}`, community);
        const buildings = [await node('building', '1号楼', estate, grids[e]!), await node('building', '2号楼', estate, grids[e]!)];
        for (const b of buildings) {
          await trx
            .insertInto('unit')
            .values(
              [101, 102, 201, 202].map((n) => ({
                estate_id: estate,
                building_id: b,
                entrance: '1单元',
                floor: Math.floor(n / 100),
                number: String(n),
                kind: 'residential' as const,
                area_centi: 8937,
                area_source: 'registered' as const,
              })),
            )
            .execute();
        }
        estates.push({ id: estate, buildings });
      }
      communities.push({ id: community, grids, estates });
    }
    const company = await node('company', `${label}物业公司`, null);
    await trx.insertInto('company_estate').values({ company_id: company, estate_id: communities[0]!.estates[0]!.id }).execute();
    const all = await trx.selectFrom('org_node').select('id').where('id', '>=', district).execute();
    await rebuildClosure(
      trx,
      all.map((r) => r.id),
    );

    const c1 = communities[0]!;
    const accounts: Record<string, { id: number; username: string }> = {};
    const account = async (key: string, role: Role, nodeId: number) => {
      const username = `${key}_${label}`.toLowerCase().replace(/[^a-z0-9_]/g, '');
      const { id } = await trx
        .insertInto('account')
        .values({ username, display_name: `${key}`, password_hash: hash, mobile: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('role_assignment').values({ account_id: id, role, node_id: nodeId }).execute();
      accounts[key] = { id, username };
    };
    await account('districtAdmin', 'districtAdmin', district);
    await account('admin', 'streetAdmin', street);
    await account('party', 'partyOffice', street);
    await account('staff1', 'communityStaff', c1.id);
    await account('staff2', 'communityStaff', communities[1]!.id);
    await account('grid', 'gridWorker', c1.grids[0]!);
    await account('member', 'committeeMember', c1.estates[0]!.id);
    await account('director', 'committeeDirector', c1.estates[0]!.id);
    await account('company', 'propertyStaff', company);
    await account('owner', 'owner', c1.estates[0]!.id);
    await account('district', 'districtDepartment', street);
    return { district, street, communities, company, accounts };
  });
}

export type TestStreet = Awaited<ReturnType<typeof makeStreet>>;

export async function auditCount(db: Db): Promise<number> {
  const r = await db
    .selectFrom('audit_entry')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return r.n;
}
