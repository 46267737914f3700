import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { migrations } from '../db/migrations/index.js';

/**
 * Issue 13: an instance whose streets were roots gets a district (区) above them, and every scope
 * follows: the district reaches each street's communities, grids, estates, buildings, and the
 * estates its companies serve.
 */
describe('migration: streets move under a district', () => {
  let h: DbHandle;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    h = await openDatabase({ memory: true });
    const names = Object.keys(migrations);
    const before = Object.fromEntries(names.slice(0, names.indexOf('20261128_0020_district_root')).map((n) => [n, migrations[n]!]));
    const migrator = new Migrator({
      db: h.db,
      provider: { getMigrations: async () => before },
      migrationTableName: 'schema_migration',
      migrationLockTableName: 'schema_migration_lock',
    });
    const { error } = await migrator.migrateToLatest();
    if (error) throw error;
    const node = async (key: string, kind: string, parent: string | null, grid: string | null = null) => {
      const r = await sql<{ id: number }>`insert into org_node (kind, name, parent_id, grid_id)
        values (${kind}, ${key}, ${parent ? ids[parent]! : null}, ${grid ? ids[grid]! : null}) returning id`.execute(h.db);
      ids[key] = r.rows[0]!.id;
    };
    for (const s of ['甲', '乙']) {
      await node(`${s}街道`, 'street', null);
      await node(`${s}社区`, 'community', `${s}街道`);
      await node(`${s}网格`, 'grid', `${s}社区`);
      await node(`${s}小区`, 'estate', `${s}社区`);
      await node(`${s}1号楼`, 'building', `${s}小区`, `${s}网格`);
    }
    await node('物业公司', 'company', null);
    await sql`insert into company_estate (company_id, estate_id) values (${ids['物业公司']!}, ${ids['甲小区']!})`.execute(h.db);
    // the closure as the code before this migration kept it: streets at the top
    await sql`insert into org_closure (ancestor_id, descendant_id, depth)
      select a.id, a.id, 0 from org_node a`.execute(h.db);
    await migrateToLatest(h.db);
  });
  afterAll(() => h.close());

  it('one district above both streets; companies stay roots', async () => {
    const districts = await h.db.selectFrom('org_node').select(['id', 'name', 'parent_id']).where('kind', '=', 'district').execute();
    expect(districts).toHaveLength(1);
    expect(districts[0]).toMatchObject({ name: '本区', parent_id: null });
    const streets = await h.db.selectFrom('org_node').select(['parent_id']).where('kind', '=', 'street').execute();
    expect(streets.map((s) => s.parent_id)).toEqual([districts[0]!.id, districts[0]!.id]);
    const company = await h.db.selectFrom('org_node').select('parent_id').where('id', '=', ids['物业公司']!).executeTakeFirstOrThrow();
    expect(company.parent_id).toBeNull();
  });

  it('the closure is rebuilt: the district reaches every building; a grid and a company still reach theirs', async () => {
    const d = (await h.db.selectFrom('org_node').select('id').where('kind', '=', 'district').executeTakeFirstOrThrow()).id;
    const depth = async (a: number, b: number) =>
      (await h.db.selectFrom('org_closure').select('depth').where('ancestor_id', '=', a).where('descendant_id', '=', b).executeTakeFirst())
        ?.depth;
    expect(await depth(d, ids['甲1号楼']!)).toBe(4); // the shortest way: district → street → community → grid → building
    expect(await depth(d, ids['乙1号楼']!)).toBe(4);
    expect(await depth(ids['甲街道']!, ids['甲1号楼']!)).toBe(3);
    expect(await depth(ids['甲网格']!, ids['甲1号楼']!)).toBe(1);
    expect(await depth(ids['物业公司']!, ids['甲1号楼']!)).toBe(2);
    expect(await depth(ids['甲街道']!, ids['乙1号楼']!)).toBeUndefined();
    expect(await depth(d, d)).toBe(0);
  });

  it('a fresh database gets no district until its first street comes', async () => {
    const fresh = await openDatabase({ memory: true });
    try {
      await migrateToLatest(fresh.db);
      expect(await fresh.db.selectFrom('org_node').select('id').execute()).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});
