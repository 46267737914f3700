import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchBrowser, logIn, newPage, screenshot, startServer, type RunningServer } from './support.js';

/**
 * 调查摸底 and 分类管理 in Chromium (issue 18 §1): the community login opens the classification page
 * from the navigation, picks an estate waiting for a PMC (待组建), opens its survey from the
 * organisation page, confirms the prefilled form with a running, complete owners' committee, and
 * sees the estate's governance status (R26) and class change on screen, the survey in its history;
 * the street sees the new class on the classification page with its reason, moves the estate to
 * another class with a reason (街道调整), names it a pilot and edits a class's measures.
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
      (e: { status: string; classCode: string; overridden: boolean; pilot: boolean }) =>
        e.status === 'pending' && e.classCode === 'toForm' && !e.overridden && !e.pilot,
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
    await street.page
      .locator('.ant-select-dropdown:visible')
      .getByTitle(/^业委会规范运行（/)
      .click();
    expect(await street.page.getByTestId(`class-tag-${estate.id}`).textContent()).toBe('业委会规范运行');
    expect(await street.page.getByTestId('pilots').textContent()).toContain('试点小区（2）');
    await screenshot(street.page, 'survey-classification-street');

    // the street moves the estate to 问题小区 with a reason, names it a pilot, and edits a class's measures
    const sp = street.page;
    await sp.getByTestId(`class-override-${estate.id}`).click();
    await sp.getByTestId('override-class').click();
    await sp.locator('.ant-select-dropdown:visible').getByTitle('问题小区', { exact: true }).click();
    await sp.getByTestId('override-reason').fill('业主反映物业服务纠纷集中，按问题小区跟踪');
    await sp.getByTestId('override-form-submit').click();
    await sp.getByTestId('override-form-submit').waitFor({ state: 'detached' });
    await sp.getByTestId('class-filter').click();
    await sp
      .locator('.ant-select-dropdown:visible')
      .getByTitle(/^全部小区（/)
      .click();
    await expect.poll(() => sp.getByTestId(`class-tag-${estate.id}`).textContent()).toBe('问题小区');
    expect(await sp.getByTestId(`class-tag-${estate.id}-overridden`).textContent()).toBe('街道调整');
    expect(await sp.getByTestId(`class-tag-${estate.id}-reason`).textContent()).toBe('街道调整：业主反映物业服务纠纷集中，按问题小区跟踪');
    await sp.getByTestId(`class-pilot-${estate.id}`).click();
    await sp.getByTestId('pilot-reason').fill('业委会新成立，打造规范运行示范');
    await sp.getByTestId('pilot-form-submit').click();
    await expect.poll(() => sp.getByTestId('pilots').textContent()).toContain('试点小区（3）');
    expect(await sp.getByTestId(`pilot-${estate.id}`).textContent()).toContain('业委会新成立，打造规范运行示范');
    await sp.getByTestId('classes-edit').click();
    await sp.getByTestId('classes-measures-3').fill('列入联席会议议题，明确责任单位和整改期限，社区每周跟踪。');
    await sp.getByTestId('classes-form-submit').click();
    await expect.poll(() => sp.getByTestId('class-problem').textContent()).toContain('社区每周跟踪');
    await screenshot(sp, 'survey-classification-street-after');
  });
});
