import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../cli.js';
import { createTestApp, login, scratchDatabase, type TestApp } from '../test/harness.js';
import { LARGE_OPTIONS } from './generate.js';
import { loadLarge } from './large.js';
import { DEMO_PASSWORD, ensureDemoData } from './load-demo.js';

/** Issue 18 §4: the benchmark district has a login for each role and loads next to the demo street. */
const SMALL = { ...LARGE_OPTIONS, streets: 4, unitsPerEstate: 12 };

interface TreeNode {
  id: number;
  kind: string;
  name: string;
  inScope: boolean;
}
const scopeRoots = (nodes: TreeNode[]) => {
  const ids = new Set(nodes.filter((n) => n.inScope).map((n) => n.id));
  // a grid worker's buildings hang under the grid, not under their (unseen) estate
  return nodes.filter((n) => n.inScope && n.kind !== 'building' && !ids.has((n as unknown as { parentId: number }).parentId));
};

describe('load-large district (small variant)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await loadLarge(t.db, SMALL);
  });
  afterAll(() => t.close());

  it('the demo street still loads on the same empty database, beside the district, with no shared name', async () => {
    expect(await ensureDemoData(t.db)).toEqual({ loaded: true, present: true });
    const streets = await t.db.selectFrom('org_node').select('name').where('kind', '=', 'street').execute();
    const names = streets.map((s) => s.name);
    expect(names).toHaveLength(SMALL.streets + 1);
    expect(new Set(names).size).toBe(names.length);
    const districts = await t.db.selectFrom('org_node').select('name').where('kind', '=', 'district').orderBy('name').execute();
    expect(districts.map((d) => d.name).sort()).toEqual(['基准测试区（演示）', '演示区'].sort());
    // the demo's own logins work and see only the demo street
    const demo = await login(t.app, 'jiedao', DEMO_PASSWORD);
    const tree = (await demo.get('/api/org/tree')).json().nodes as TreeNode[];
    expect(scopeRoots(tree).map((n) => n.name)).toEqual(['和睦街道（演示）']);
  });

  it('a second load is refused and changes nothing', async () => {
    const before = await t.db
      .selectFrom('org_node')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await expect(loadLarge(t.db, SMALL)).rejects.toThrow(/已经载入过/);
    const after = await t.db
      .selectFrom('org_node')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('the district admin sees the whole district, and no demo street', async () => {
    const c = await login(t.app, 'jz_quguanli', DEMO_PASSWORD);
    const nodes = (await c.get('/api/org/tree')).json().nodes as TreeNode[];
    expect(scopeRoots(nodes).map((n) => n.name)).toEqual(['基准测试区（演示）']);
    expect(nodes.filter((n) => n.kind === 'street')).toHaveLength(SMALL.streets);
    expect(nodes.some((n) => n.name === '和睦街道（演示）')).toBe(false);
  });

  it('the district department user is bound to three streets, and sees exactly those', async () => {
    const c = await login(t.app, 'jz_quzhujian', DEMO_PASSWORD);
    const nodes = (await c.get('/api/org/tree')).json().nodes as TreeNode[];
    expect(
      scopeRoots(nodes)
        .map((n) => n.name)
        .sort(),
    ).toEqual(['清源街道（演示）', '长乐街道（演示）', '嘉禾街道（演示）'].sort());
    expect(nodes.filter((n) => n.kind === 'street' && !n.inScope)).toEqual([]);
  });

  it('each street has its admin and party office; a street admin does not see the next street', async () => {
    for (const [i, name] of ['清源街道（演示）', '长乐街道（演示）', '嘉禾街道（演示）', '安澜街道（演示）'].entries()) {
      for (const who of [`jz_jiedao${i + 1}`, `jz_dangqun${i + 1}`]) {
        const c = await login(t.app, who, DEMO_PASSWORD);
        const nodes = (await c.get('/api/org/tree')).json().nodes as TreeNode[];
        expect(
          scopeRoots(nodes).map((n) => n.name),
          who,
        ).toEqual([name]);
      }
    }
    const c = await login(t.app, 'jz_jiedao1', DEMO_PASSWORD);
    const other = await t.db.selectFrom('org_node').select('id').where('name', '=', '长乐街道（演示）').executeTakeFirstOrThrow();
    expect((await c.get(`/api/org/nodes/${other.id}`)).statusCode).toBe(404);
  });

  it('community staff, grid worker, committee, property staff and owner sign in to their own scope', async () => {
    const shequ = await login(t.app, 'jz_shequ2', DEMO_PASSWORD);
    const roots = scopeRoots((await shequ.get('/api/org/tree')).json().nodes);
    expect(roots.map((n) => n.kind)).toEqual(['community']);
    const wangge = await login(t.app, 'jz_wangge1', DEMO_PASSWORD);
    expect(scopeRoots((await wangge.get('/api/org/tree')).json().nodes).map((n) => n.kind)).toEqual(['grid']);
    for (const who of ['jz_zhuren1', 'jz_weiyuan1']) {
      const c = await login(t.app, who, DEMO_PASSWORD);
      expect(scopeRoots((await c.get('/api/org/tree')).json().nodes).map((n) => n.kind)).toEqual(['estate']);
    }
    const wuye = await login(t.app, 'jz_wuye1', DEMO_PASSWORD);
    expect(wuye.me.permissions.length).toBeGreaterThan(0);
    const yezhu = await login(t.app, 'jz_yezhu1', DEMO_PASSWORD);
    const home = await yezhu.get('/api/my/home');
    expect(home.statusCode).toBe(200);
    expect(JSON.stringify(home.json())).toContain('1号楼');
  });
});

describe('npx gongzhi load-large', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-large-'));
  let databaseUrl: string | undefined;
  let dropDb: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    // on PostgreSQL when the tests run there (TEST_DATABASE_URL), else on an embedded database in DATA_DIR
    if (!process.env.TEST_DATABASE_URL) return;
    const scratch = await scratchDatabase(process.env.TEST_DATABASE_URL);
    databaseUrl = scratch.url;
    dropDb = scratch.drop;
  });
  afterAll(async () => {
    await dropDb?.();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const env = () => ({ DATA_DIR: dir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });

  it('loads a scaled-down district and prints its logins like the demo; bad scale and a second load exit 2', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((m: string) => void out.push(m));
    const error = vi.spyOn(console, 'error').mockImplementation((m: string) => void err.push(m));
    try {
      expect(await runCli(['load-large', '--streets', '0'], env())).toBe(2);
      expect(err.join('\n')).toMatch(/--streets 须是 1–12 之间的整数/);
      expect(await runCli(['load-large', '--streets', '2', '--units', '10'], env())).toBe(0);
      const text = out.join('\n');
      expect(text).toMatch(/已载入 2 个街道/);
      expect(text).toContain(`基准区账号（密码均为 ${DEMO_PASSWORD}）`);
      for (const u of ['jz_quguanli', 'jz_quzhujian', 'jz_jiedao1…2', 'jz_dangqun1…2', 'jz_shequ1…2', 'jz_wangge1', 'jz_yezhu1'])
        expect(text).toContain(u);
      expect(await runCli(['load-large', '--streets', '2', '--units', '10'], env())).toBe(2);
      expect(err.join('\n')).toMatch(/已经载入过/);
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  });
});
