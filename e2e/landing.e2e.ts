import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchBrowser, logIn, newPage, screenshot, startServer, type RunningServer } from './support.js';

/**
 * Issue 13, "trust in what exists": every demo role logs in and lands on its work, with real
 * content — the grid worker on the roll of his grid's estate (units listed), the 业主共同决定 menu
 * reaching the paper-ballot form, the governance page with the street's plan, notices listed; the
 * property staff on their company with its estates; the district admin on the calendar they alone
 * keep — and at 1440 and 1366 px every governance row's 启动组建 is on screen without scrolling sideways.
 */
describe('landing of every role in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const json = async (page: Page, url: string) => (await page.request.get(`${server.url}${url}`)).json();
  /** Logs in and waits for the landing page's path. */
  async function land(username: string, path: RegExp, viewport = DESKTOP) {
    const { context, page } = await newPage(browser, viewport);
    await logIn(page, server.url, username);
    await page.getByTestId('user-name').first().waitFor();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(path);
    return { context, page };
  }
  const pageWidth = (page: Page) =>
    page.evaluate(
      () => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth,
    );

  it('grid worker: the roll of his estate with its units; the picker lists his estates', async () => {
    const { context, page } = await land('wangge', /^\/roll\/\d+$/);
    const estateId = Number(new URL(page.url()).pathname.split('/')[2]);
    const roll = await json(page, `/api/roll?estateId=${estateId}`);
    expect(roll.counts.units).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('roll-title').textContent()).toContain(roll.estate.name);
    await expect.poll(() => page.locator('[data-testid="roll-table"] tbody tr.ant-table-row').count()).toBeGreaterThan(5);
    // buildings in natural order: 2号楼 before 10号楼
    const buildings = (roll.items as { buildingName: string }[]).map((u) => Number.parseInt(u.buildingName, 10));
    expect(buildings).toEqual([...buildings].sort((a, b) => a - b));
    await screenshot(page, 'grid-worker-landing-roll');
    // the estate picker is not empty: every estate his grid's buildings belong to
    await page.getByTestId('roll-estate').click();
    const options = await page.locator('.ant-select-item-option').allTextContents();
    expect(options.length).toBeGreaterThanOrEqual(2);
    expect(options).toContain(roll.estate.name);
    await screenshot(page, 'grid-worker-roll-estates');
    await page.keyboard.press('Escape');
    await context.close();
  });

  it('grid worker: the 业主共同决定 menu reaches the paper-ballot form of a decision in voting', async () => {
    const { context, page } = await land('wangge', /^\/roll/);
    await page.getByTestId('nav-decisions').click();
    await page.getByTestId('decisions-paper-hint').waitFor();
    const voting = ((await json(page, '/api/decisions')).items as { id: number; state: string }[]).find((d) => d.state === 'voting')!;
    expect(voting).toBeDefined();
    await screenshot(page, 'grid-worker-decisions');
    await page.getByTestId(`decision-paper-${voting.id}`).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/decisions/${voting.id}`);
    const form = page.getByTestId('paper-form');
    await form.waitFor();
    await expect.poll(() => form.isVisible()).toBe(true);
    // the form is scrolled into view: its top is on screen
    await expect.poll(async () => (await form.boundingBox())!.y).toBeLessThan(DESKTOP.height);
    await page.getByTestId('paper-form-unit').waitFor();
    await screenshot(page, 'grid-worker-paper-form');
    await context.close();
  });

  it('grid worker: governance shows the street plan and the estates of his grid; notices are listed', async () => {
    const { context, page } = await land('wangge', /^\/roll/);
    await page.getByTestId('nav-governance').click();
    await expect.poll(() => page.getByTestId('governance-plan').textContent()).toContain('实施方案（演示）');
    expect(await page.getByTestId('governance-plan').textContent()).not.toContain('尚未制定实施方案');
    await expect.poll(() => page.locator('[data-testid^="governance-estate-"]').count()).toBeGreaterThan(0);
    await screenshot(page, 'grid-worker-governance');
    await page.getByTestId('nav-notices').click();
    await page.getByTestId('notice-list').waitFor();
    const notices = (await json(page, '/api/notices')).items as { id: number; title: string }[];
    expect(notices.length).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-testid^="notice-link-"]').count()).toBe(Math.min(notices.length, 20));
    await expect.poll(() => page.getByTestId('notice-list').textContent()).toContain(notices[0]!.title);
    await screenshot(page, 'grid-worker-notices');
    await context.close();
  });

  it('property staff: their company with the estates it serves and its staff', async () => {
    const { context, page } = await land('wuye', /^\/companies\/\d+$/);
    const company = await json(page, `/api/companies/${new URL(page.url()).pathname.split('/')[2]}`);
    await page.getByTestId('company-detail').waitFor();
    await expect.poll(() => page.getByTestId('company-detail').textContent()).toContain(company.name);
    expect(company.estatesServed.length).toBeGreaterThan(0);
    const text = await page.getByTestId('company-detail').textContent();
    for (const e of company.estatesServed as { name: string }[]) expect(text).toContain(e.name);
    expect(await page.locator('[data-testid^="staff-row-"]').count()).toBeGreaterThan(0);
    await screenshot(page, 'property-staff-landing-company');
    await context.close();
  });

  it('every other role lands on its work with real content', async () => {
    for (const [username, path, ready] of [
      // issue 18: the street, the community and the district land on the overview of their scope
      ['jiedao', /^\/overview$/, 'figure-value-'],
      ['dangqun', /^\/overview$/, 'figure-value-'],
      ['shequ', /^\/overview$/, 'figure-value-'],
      ['quzhujian', /^\/coordination$/, 'task-state-'],
      ['zhuren', /^\/decisions$/, 'decision-row-'],
      ['weiyuan', /^\/decisions$/, 'decision-row-'],
      ['yezhu', /^\/home$/, 'owner-home'],
      ['quguanli', /^\/overview$/, 'figure-value-'],
    ] as const) {
      const { context, page } = await land(username, path);
      await expect.poll(() => page.locator(`[data-testid^="${ready}"]`).count(), { message: username }).toBeGreaterThan(0);
      await screenshot(page, `landing-${username}`);
      await context.close();
    }
  });

  it('the calendar is the district admin’s: the street admin reads it, told who keeps it', async () => {
    const district = await land('quguanli', /^\/overview$/);
    await district.page.getByTestId('nav-calendar').click();
    await expect.poll(() => district.page.getByTestId('calendar-keeper').textContent()).toContain('区级管理员');
    await expect.poll(() => district.page.locator('[data-testid^="calendar-year-mark-"]').count()).toBeGreaterThan(0);
    await district.context.close();
    const { context, page } = await land('jiedao', /^\/overview$/);
    await page.getByTestId('nav-calendar').click();
    await page.getByTestId('calendar-grid').waitFor();
    await expect.poll(() => page.getByTestId('calendar-keeper').textContent()).toContain('由区级管理员维护');
    expect(await page.getByTestId('calendar-keeper').textContent()).not.toContain('街道管理员');
    expect(await page.locator('[data-testid^="calendar-year-mark-"]').count()).toBe(0);
    const reminder = page.getByTestId('calendar-reminder');
    if (await reminder.count()) expect(await reminder.textContent()).not.toContain('请街道管理员');
    await screenshot(page, 'street-admin-calendar-read-only');
    await context.close();
  });

  it('governance at 1440 and 1366 px: 启动组建 on screen without scrolling sideways; a running committee reads 已成立', async () => {
    for (const width of [1440, 1366]) {
      const viewport = { width, height: 900 };
      const { context, page } = await newPage(browser, viewport);
      await logIn(page, server.url, 'jiedao');
      await page.getByTestId('user-name').first().waitFor();
      await page.goto(`${server.url}/governance`);
      const gov = await json(page, '/api/governance');
      const startable = (gov.estates as { id: number; actions: string[] }[]).filter((e) => e.actions.includes('startCase'));
      expect(startable.length).toBeGreaterThan(0);
      const button = page.getByTestId(`governance-start-${startable[0]!.id}`);
      await button.waitFor();
      // No scrolling (a scroll into view would also scroll the table sideways): where it is laid out,
      // the button lies inside the page's width and inside the estates card, not in the hidden part
      // of a table wider than its area.
      const box = (await button.boundingBox())!;
      const card = (await page.getByTestId('governance-estates').boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(card.x);
      expect(box.x + box.width).toBeLessThanOrEqual(Math.min(width, card.x + card.width));
      expect(await pageWidth(page)).toBeLessThanOrEqual(width);
      const running = (gov.estates as { id: number; status: string }[]).find((e) => e.status === 'pmcRunning')!;
      await expect.poll(() => page.getByTestId(`governance-progress-${running.id}`).textContent()).toContain('已成立');
      await screenshot(page, `governance-${width}`);
      await context.close();
    }
  });
});
