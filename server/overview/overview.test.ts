import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { FIGURE_CODES, rateOf, totalsOf } from '../../core/overview.js';
import { DEMO_PASSWORD, ensureDemoData } from '../demo/load-demo.js';
import { createTestApp, login, type Client, type TestApp } from '../test/harness.js';
import { figureRows, forgetFigures, FRESH_MS } from './memo.js';
import { figureContext } from './queries.js';

/**
 * Issue 18 §2: every figure of the dashboard equals the count of the list it summarises, on the demo
 * street — the capability's own list endpoint, not the overview's rows — and its parts per child add
 * up to it.
 */
describe('overview (issue 18)', () => {
  let t: TestApp;
  let street: Client;
  let streetId: number;
  let o: any;
  const fig = (code: string) => o.figures.find((f: any) => f.code === code);
  beforeAll(async () => {
    t = await createTestApp();
    await ensureDemoData(t.db);
    street = await login(t.app, 'jiedao', DEMO_PASSWORD);
    const res = await street.get('/api/overview');
    expect(res.statusCode).toBe(200);
    o = res.json();
    streetId = o.node.id;
  }, 120_000);
  afterAll(() => t.close());

  it('a street lands on its own node, broken down by its communities, with every figure', () => {
    expect(o.node.kind).toBe('street');
    expect(o.children.map((c: any) => c.kind)).toEqual(o.children.map(() => 'community'));
    expect(o.figures.map((f: any) => f.code)).toEqual([...FIGURE_CODES]);
    for (const f of o.figures) {
      // the parts per community add up to the street's figure (every estate lies in one community)
      const sum = totalsOf(f.byChild);
      expect({ code: f.code, value: sum.value, of: sum.of }).toEqual({ code: f.code, value: f.value, of: f.of });
      expect(f.rate).toBe(rateOf(f.value, f.of));
    }
  });

  it('R42 coverage, formation and overdue equal the governance list', async () => {
    const g = (await street.get(`/api/governance?nodeId=${streetId}`)).json();
    const running = g.estates.filter((e: any) => e.status === 'pmcRunning').length;
    const needing = g.estates.filter((e: any) => ['pmcRunning', 'pending', 'committeeExpired', 'formingPmc'].includes(e.status)).length;
    expect(fig('coverage')).toMatchObject({ value: running, of: needing });
    expect(running).toBeGreaterThan(0);
    expect(fig('forming').value).toBe(g.estates.filter((e: any) => e.caseId !== null).length);
    expect(fig('overdue').value).toBe(g.overdue.length);
    expect(o.funnel.reduce((n: number, s: any) => n + s.count, 0)).toBe(fig('forming').value);
    // the coverage line ends on today's figure
    expect(o.coverage.points.at(-1)).toMatchObject({ value: running, of: needing });
  });

  it('分类管理: estates per class and the pilots equal the classification page', async () => {
    const cl = (await street.get(`/api/survey/classification?nodeId=${streetId}`)).json();
    const counted = cl.counts.filter((x: any) => x.estates > 0).map((x: any) => ({ code: x.code, estates: x.estates }));
    expect(o.classes.map((x: any) => ({ code: x.code, estates: x.estates }))).toEqual(counted);
    expect(o.classes.reduce((n: number, x: any) => n + x.estates, 0)).toBe(cl.estates.length);
    for (const x of o.classes) expect(x.byChild.reduce((n: number, k: any) => n + k.estates, 0)).toBe(x.estates);
    expect(o.pilots.map((p: any) => p.estateId).sort()).toEqual(cl.pilots.map((p: any) => p.id ?? p.estateId).sort());
    expect(o.pilots.length).toBeGreaterThan(0);
  });

  it('R22–R25 composition equals the committee list', async () => {
    const list = (await street.get('/api/committees')).json();
    const pmcs = (list.items ?? list).filter((c: any) => c.kind === 'pmc');
    expect(fig('composition')).toMatchObject({ value: pmcs.filter((c: any) => c.nonCompliant).length, of: pmcs.length });
  });

  it('R39 party building equals the company list of the street', async () => {
    const first = (await street.get(`/api/companies?streetId=${streetId}`)).json();
    const items = [...first.items];
    for (let page = 2; items.length < first.total; page++)
      items.push(...(await street.get(`/api/companies?streetId=${streetId}&page=${page}`)).json().items);
    const serving = items.filter((c: any) => c.estatesServed.length > 0);
    const ok = serving.filter((c: any) => ['established', 'instructor'].includes(c.partyBuildingStatus)).length;
    expect(fig('partyBuilding')).toMatchObject({ value: ok, of: serving.length });
    expect(serving.length).toBeGreaterThan(0);
  });

  it('R40 grid staffing and 一人兼 equal the registry checks', async () => {
    const checks = (await street.get(`/api/registry/checks?nodeId=${streetId}`)).json();
    expect(fig('gridStaffing')).toMatchObject({ value: checks.grids.filter((g: any) => g.hasGridWorker).length, of: checks.grids.length });
    expect(fig('oneHoldsAll')).toMatchObject({ value: checks.grids.filter((g: any) => g.oneHoldsAll).length, of: checks.grids.length });
  });

  it('R38 board completeness equals the 十公开 roll-up', async () => {
    const r = (await street.get(`/api/disclosures/rollup?nodeId=${streetId}`)).json();
    expect(fig('board')).toMatchObject({ value: r.total.current + r.total.stale, of: r.total.estates * 10, rate: r.total.completeness });
  });

  it('tickets on time and satisfaction equal the service desk performance', async () => {
    const y = o.year;
    const p = (await street.get(`/api/tickets/performance?groupBy=community&from=${y}-01-01&to=${y}-12-31`)).json();
    const sum = (k: string) => p.rows.reduce((n: number, r: any) => n + r[k], 0);
    expect(fig('ticketsOnTime')).toMatchObject({ value: sum('onTime'), of: sum('finished') });
    expect(fig('ticketSatisfaction')).toMatchObject({ value: sum('satisfied') + sum('basicallySatisfied'), of: sum('rated') });
    expect(sum('raised')).toBeGreaterThan(0);
  });

  it('R41 training equals the training coverage', async () => {
    const c = (await street.get(`/api/trainings?nodeId=${streetId}&year=${o.year}`)).json();
    expect(fig('training')).toMatchObject({ value: c.attended, of: c.required });
  });

  it('R7 turnout equals the turnout of each published decision', async () => {
    const list = (await street.get('/api/decisions')).json();
    const published = (list.items ?? list).filter((d: any) => d.state === 'published' && d.publishedOn?.startsWith(String(o.year)));
    let heads = 0;
    let total = 0;
    for (const d of published) {
      const detail = (await street.get(`/api/decisions/${d.id}`)).json();
      heads += detail.turnout?.heads ?? 0;
      total += detail.turnout?.totalHeads ?? 0;
    }
    expect(fig('votes')).toMatchObject({ value: heads, of: total, rows: published.length });
  });

  it('drills down: a community by its estates, an estate by itself; each list is its figure', async () => {
    const community = o.children[0];
    const c = (await street.get(`/api/overview?nodeId=${community.id}`)).json();
    expect(c.path.map((n: any) => n.id)).toEqual([streetId, community.id]);
    expect(c.children.every((k: any) => k.kind === 'estate')).toBe(true);
    for (const f of c.figures) {
      const mine = fig(f.code).byChild.find((k: any) => k.id === community.id);
      expect({ code: f.code, value: f.value, of: f.of }).toEqual({ code: f.code, value: mine.value, of: mine.of });
    }
    const l = (await street.get(`/api/overview/figures/coverage?nodeId=${community.id}`)).json();
    expect(l.items.length).toBe(l.figure.rows);
    expect(totalsOf(l.items)).toMatchObject({ value: l.figure.value, of: l.figure.of });
    const estate = c.children[0];
    const e = (await street.get(`/api/overview?nodeId=${estate.id}`)).json();
    expect(e.children).toEqual([expect.objectContaining({ id: estate.id })]);
  });

  it('exports the dashboard and a chart table as .xlsx with the same numbers', async () => {
    const res = await street.get(`/api/overview/figures/coverage/export.xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const sheet = wb.getWorksheet('分布')!;
    const total = sheet.getRow(sheet.rowCount).values as unknown[];
    expect(total.slice(1, 4)).toEqual(['合计', fig('coverage').value, fig('coverage').of]);
    const all = await street.get('/api/overview/export.xlsx');
    expect(all.statusCode).toBe(200);
  });

  it('refuses a node outside the scope, a grid, an unknown figure and a role without the overview', async () => {
    const shequ = await login(t.app, 'shequ', DEMO_PASSWORD);
    const mine = (await shequ.get('/api/overview')).json();
    expect(mine.node.kind).toBe('community');
    const other = o.children.find((k: any) => k.id !== mine.node.id);
    expect((await shequ.get(`/api/overview?nodeId=${other.id}`)).statusCode).toBe(404);
    expect((await shequ.get(`/api/overview?nodeId=${streetId}`)).statusCode).toBe(404);
    const grid = await t.db.selectFrom('org_node').select('id').where('kind', '=', 'grid').executeTakeFirstOrThrow();
    const bad = await street.get(`/api/overview?nodeId=${grid.id}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('网格没有总览');
    expect((await street.get('/api/overview/figures/nothing')).statusCode).toBe(400);
    const owner = await login(t.app, 'yezhu', DEMO_PASSWORD);
    expect((await owner.get('/api/overview')).statusCode).toBe(403);
  });

  it('a figure is counted at most once a minute per view and roles (the pre-aggregation), never older', async () => {
    const user = {
      id: 0,
      username: 'x',
      displayName: 'x',
      mustChangePassword: false,
      sessionId: '',
      csrfToken: '',
      roles: [{ role: 'streetAdmin' as const, nodeId: streetId }],
    };
    const c = await figureContext(t.db, user, streetId, undefined);
    forgetFigures();
    const a = figureRows('coverage', c, 1_000_000);
    expect(figureRows('coverage', c, 1_000_000 + FRESH_MS - 1)).toBe(a);
    const b = figureRows('coverage', c, 1_000_000 + FRESH_MS);
    expect(b).not.toBe(a);
    // another scope (a community's staff) is another answer
    const other = { ...user, roles: [{ role: 'communityStaff' as const, nodeId: o.children[0].id }] };
    expect(figureRows('coverage', { ...c, user: other }, 1_000_000 + FRESH_MS)).not.toBe(b);
    expect(await b.rows).toEqual(await a.rows);
  });

  it('the district sees its streets side by side', async () => {
    const d = await login(t.app, 'quguanli', DEMO_PASSWORD);
    const r = (await d.get('/api/overview')).json();
    expect(r.node.kind).toBe('district');
    expect(r.children.map((c: any) => c.id)).toContain(streetId);
    const cov = r.figures.find((f: any) => f.code === 'coverage');
    expect(cov.byChild.find((k: any) => k.id === streetId)).toMatchObject({ value: fig('coverage').value, of: fig('coverage').of });
  });
});
