import { spawnSync } from 'node:child_process';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, ROOT, launchBrowser, logIn, newPage, screenshot, startServer, type RunningServer } from './support.js';

/**
 * Issue 18 §2 in Chromium: the street admin lands on the overview, drills street → community →
 * estate, exports a chart's table and finds in it the figure the governance list gives; the district
 * admin sees its streets side by side.
 */
describe('overview in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    // the benchmark district, two small streets, beside the demo: a district with streets side by side
    server = await startServer({}, (dataDir) => {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/gongzhi.js'), 'load-large', '--streets', '2', '--units', '20'], {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: dataDir },
        encoding: 'utf8',
      });
      if (r.status !== 0) throw new Error(`load-large: ${r.stdout}${r.stderr}`);
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  const json = async (page: Page, url: string) => (await page.request.get(`${server.url}${url}`)).json();

  it('street admin: lands on the dashboard, drills to a community and an estate, exports a table that matches the list', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await logIn(page, server.url, 'jiedao');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/overview');
    await page.getByTestId('figure-coverage').waitFor();
    const o = await json(page, '/api/overview');
    expect(o.node.kind).toBe('street');
    // the figure on screen is the governance list's count
    const g = await json(page, `/api/governance?nodeId=${o.node.id}`);
    const running = g.estates.filter((e: { status: string }) => e.status === 'pmcRunning').length;
    const needing = g.estates.filter((e: { status: string }) =>
      ['pmcRunning', 'pending', 'committeeExpired', 'formingPmc'].includes(e.status),
    ).length;
    await expect.poll(() => page.getByTestId('figure-value-coverage').textContent()).toContain(`${running}/${needing}`);
    await page.getByTestId('figure-chart-coverage').waitFor();
    // 分类管理: the counts per class are the classification page's
    const cl = await json(page, `/api/survey/classification?nodeId=${o.node.id}`);
    for (const x of cl.counts.filter((k: { estates: number }) => k.estates > 0))
      await expect.poll(() => page.getByTestId('overview-class-counts').textContent()).toContain(`${x.label} ${x.estates}个`);
    await page.getByTestId('overview-coverage-chart').waitFor();
    await screenshot(page, 'overview-street');

    // the chart's table, exported: its total row is the figure
    const href = await page.getByTestId('figure-export-coverage').getAttribute('href');
    const file = await page.request.get(`${server.url}${href}`);
    expect(file.status()).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await file.body()) as never);
    const sheet = wb.getWorksheet('分布')!;
    expect((sheet.getRow(sheet.rowCount).values as unknown[]).slice(1, 4)).toEqual(['合计', running, needing]);

    // the whole page as a workbook: the coverage line, the funnel and the classes are sheets too
    const whole = await page.request.get(`${server.url}${await page.getByTestId('overview-coverage-export').getAttribute('href')}`);
    const all = new ExcelJS.Workbook();
    await all.xlsx.load((await whole.body()) as never);
    const months = all.getWorksheet('组建覆盖进度')!;
    expect((months.getRow(months.rowCount).values as unknown[]).slice(2, 4)).toEqual([running, needing]);
    const classes = all.getWorksheet('分类管理')!;
    const total = cl.counts.reduce((n: number, k: { estates: number }) => n + k.estates, 0);
    let sheetTotal = 0;
    classes.eachRow((row, i) => {
      const v = row.values as unknown[];
      if (i > 1 && typeof v[v.length - 1] === 'number' && cl.counts.some((k: { label: string }) => k.label === v[1]))
        sheetTotal += v[v.length - 1] as number;
    });
    expect(sheetTotal).toBe(total);
    await page.getByTestId('overview-coverage-mode').getByText('表').click();
    await expect.poll(() => page.getByTestId('overview-coverage-table').textContent()).toContain(o.today.slice(0, 7));
    // A4: printed without the menus and the buttons
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('nav-overview').isVisible()).toBe(false);
    expect(await page.getByTestId('overview-export').isVisible()).toBe(false);
    expect(await page.getByTestId('figure-value-coverage').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    // drill: the table of a figure names the communities; a click opens the community's overview
    const community = o.children[0];
    await page.getByTestId('figure-mode-coverage').getByText('表').click();
    await page.getByTestId(`figure-row-coverage-${community.id}`).click();
    await expect.poll(() => page.getByTestId('overview-title').textContent()).toContain(community.name);
    await expect.poll(() => page.getByTestId('overview-path').textContent()).toContain(o.node.name);
    const c = await json(page, `/api/overview?nodeId=${community.id}`);
    const mine = o.figures.find((f: { code: string }) => f.code === 'coverage').byChild.find((k: { id: number }) => k.id === community.id);
    await expect.poll(() => page.getByTestId('figure-value-coverage').textContent()).toContain(`${mine.value}/${mine.of}`);
    const estate = c.children[0];
    await page.getByTestId('figure-mode-coverage').getByText('表').click();
    await page.getByTestId(`figure-row-coverage-${estate.id}`).click();
    await expect.poll(() => page.getByTestId('overview-title').textContent()).toContain(estate.name);

    // the list behind a figure adds up to it
    await page.getByTestId('figure-list-board').click();
    await page.getByTestId('figure-list-total').waitFor();
    const board = (await json(page, `/api/overview?nodeId=${estate.id}`)).figures.find((f: { code: string }) => f.code === 'board');
    await expect.poll(() => page.getByTestId('figure-list-total').textContent()).toContain(`${board.value}/${board.of}`);
    await screenshot(page, 'overview-estate-list');
    // back up by the breadcrumb
    await page.keyboard.press('Escape');
    await page.getByTestId(`overview-up-${o.node.id}`).click();
    await expect.poll(() => page.getByTestId('overview-title').textContent()).toContain(o.node.name);
    await context.close();
  });

  it('street admin: the community assessment from the figures, its weights changed, the monthly 通报 as .docx', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await logIn(page, server.url, 'jiedao');
    await page.getByTestId('assessment').waitFor();
    const o = await json(page, '/api/overview');
    const first = o.children[0];
    const cov = o.figures.find((f: { code: string }) => f.code === 'coverage').byChild.find((k: { id: number }) => k.id === first.id);
    // every item on coverage only: the score is the coverage rate, to the hundredth
    await page.getByTestId('assessment-settings').click();
    const rows = page.locator('[data-testid^="assessment-weight-"]');
    await expect.poll(() => rows.count()).toBe(7);
    for (let i = 6; i >= 1; i--) await page.getByLabel('删除此项').nth(i).click();
    await page.locator('input[data-testid="assessment-weight-0"], [data-testid="assessment-weight-0"] input').fill('99');
    await expect.poll(() => page.getByTestId('assessment-sum').textContent()).toContain('应为100分');
    await page.getByTestId('assessment-form-submit').click();
    await expect
      .poll(() => page.locator('.ant-message, .ant-form-item-explain-error').first().textContent())
      .toContain('各项分值合计应为100分');
    await page.locator('input[data-testid="assessment-weight-0"], [data-testid="assessment-weight-0"] input').fill('100');
    await page.getByTestId('assessment-form-submit').click();
    const expected = cov.of ? (Math.floor((cov.value * 10000 * 2 + cov.of) / (2 * cov.of)) / 100).toFixed(2) : '0.00';
    await expect.poll(() => page.getByTestId(`assessment-total-${first.id}`).textContent()).toBe(expected);
    await screenshot(page, 'overview-assessment');
    const href = await page.getByTestId('overview-monthly').getAttribute('href');
    const doc = await page.request.get(`${server.url}${href}`);
    expect(doc.status()).toBe(200);
    expect(doc.headers()['content-type']).toContain('wordprocessingml');
    await context.close();
  });

  it('district admin: the streets side by side, each drilled into', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await logIn(page, server.url, 'jz_quguanli');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/overview');
    const o = await json(page, '/api/overview');
    expect(o.node.kind).toBe('district');
    expect(o.children).toHaveLength(2);
    await page.getByTestId('figure-mode-gridStaffing').getByText('表').click();
    const grids = o.figures.find((f: { code: string }) => f.code === 'gridStaffing');
    for (const s of grids.byChild) {
      await expect.poll(() => page.getByTestId('figure-table-gridStaffing').textContent()).toContain(s.name);
      expect(s.of).toBeGreaterThan(0);
    }
    await screenshot(page, 'overview-district');
    await page.getByTestId(`figure-row-gridStaffing-${o.children[1].id}`).click();
    await expect.poll(() => page.getByTestId('overview-title').textContent()).toContain(o.children[1].name);
    await context.close();
  });
});
