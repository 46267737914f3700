import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchBrowser, logIn, newPage, screenshot, startServer, type RunningServer } from './support.js';

/**
 * 调查摸底 and 分类管理 in Chromium (issue 18 §1): the community login opens the classification page
 * from the navigation, picks an estate waiting for a PMC (待组建), opens its survey from the
 * organisation page, confirms the prefilled form with a running, complete owners' committee, and
 * sees the estate's governance status (R26) and class change on screen, the survey in its history;
 * the street sees the new class on the classification page with its reason.
 */
describe('survey and classification in Chromium', () => {
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
  const input = (page: Page, id: string) => page.locator(`input[data-testid=${id}], [data-testid=${id}] input`).first();

  it('a community user fills a survey: the estate becomes 已成立业委会 and 业委会规范运行 on screen', async () => {
    const { page } = await newPage(browser, DESKTOP);
    await logIn(page, server.url, 'shequ');
    await page.getByTestId('nav-survey').click();
    await page.getByTestId('classification-page').waitFor();
    const c = await json(page, '/api/survey/classification');
    const estate = c.estates.find(
      (e: { status: string; classCode: string; overridden: boolean }) =>
        e.status === 'pending' && e.classCode === 'toForm' && !e.overridden,
    );
    expect(estate).toBeTruthy();
    expect(await page.getByTestId(`class-tag-${estate.id}`).textContent()).toBe('待组建');
    expect(await page.getByTestId(`class-tag-${estate.id}-reason`).textContent()).toMatch(/^待组建（R26：/);
    // the community sees no street buttons
    expect(await page.getByTestId(`class-override-${estate.id}`).count()).toBe(0);
    await screenshot(page, 'survey-classification-community');

    // from the estate in the organisation page
    await page.goto(`${server.url}/org/${estate.id}`);
    await page.getByTestId('estate-survey').click();
    await page.getByTestId('survey-page').waitFor();
    expect(await page.getByTestId('survey-status').textContent()).toBe('待组建');
    const historyBefore = (await json(page, `/api/estates/${estate.id}/survey`)).history.length;
    // prefilled from the platform: the grid workers of its buildings
    expect(await page.getByTestId('survey-known').textContent()).toContain('网格员');

    await page.getByTestId('survey-committee').getByText('业委会正常运行', { exact: true }).click();
    await input(page, 'survey-seats').fill('5');
    await input(page, 'survey-members').fill('5');
    await page.getByTestId('survey-assembly-held').getByText('是', { exact: true }).click();
    await page.getByTestId('survey-single-owner').getByText('否', { exact: true }).click();
    await screenshot(page, 'survey-form-filled');
    await page.getByTestId('survey-submit').click();

    await expect.poll(() => page.getByTestId('survey-status').textContent()).toBe('已成立业主大会/业委会');
    expect(await page.getByTestId('survey-class').textContent()).toBe('业委会规范运行');
    expect(await page.getByTestId('survey-class-reason').textContent()).toBe('已成立业主大会/业委会，成员齐全');
    await expect.poll(async () => (await json(page, `/api/estates/${estate.id}/survey`)).history.length).toBe(historyBefore + 1);
    expect(await page.getByTestId('survey-history').textContent()).toContain('社区干部 张丽');
    await screenshot(page, 'survey-after-submit');

    // the street's classification page shows the new class and its reason
    const street = await newPage(browser, DESKTOP);
    await logIn(street.page, server.url, 'jiedao');
    await street.page.getByTestId('user-name').first().waitFor();
    await street.page.goto(`${server.url}/survey`);
    await street.page.getByTestId('classes-card').waitFor();
    await street.page.getByTestId('class-filter').click();
    await street.page.getByTitle(/^业委会规范运行（/).click();
    expect(await street.page.getByTestId(`class-tag-${estate.id}`).textContent()).toBe('业委会规范运行');
    expect(await street.page.getByTestId('pilots').textContent()).toContain('试点小区（2）');
    await screenshot(street.page, 'survey-classification-street');
  });
});
