import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, launchBrowser, logIn, newPage, screenshot, startServer, type RunningServer } from './support.js';

/** A raw action code such as `decision.publish` or `ballot.paper.first`: never what a person reads. */
const RAW_CODE = /^[a-z]+(\.[a-zA-Z]+)+$/;

/** Every piece of text on the page, one per element that holds text of its own. */
const texts = (page: Page, selector: string) =>
  page.$$eval(selector, (roots) =>
    roots.flatMap((root) =>
      [root, ...root.querySelectorAll('*')].flatMap((el) =>
        [...el.childNodes].filter((n) => n.nodeType === 3 /* a text node */).map((n) => (n.textContent ?? '').trim()),
      ),
    ),
  );

/**
 * The demo street admin reads the audit log (issue 13): every action in Chinese, none as a code;
 * the filter offers the actions that used to have no label, and an entry's object opens its page.
 */
describe('audit log in Chromium', () => {
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

  it('street admin: labels only, filter by a formerly unlabelled action, open its decision', async () => {
    const { page } = await newPage(browser, DESKTOP);
    await logIn(page, server.url, 'jiedao');
    await page.getByTestId('user-name').waitFor();
    await page.getByTestId('nav-audit').click();
    await page.getByTestId('audit-table').waitFor();
    await page.locator('[data-testid="audit-table"] .ant-table-row').first().waitFor();

    const shown = (await texts(page, '[data-testid="audit-table"]')).filter(Boolean);
    expect(shown.length).toBeGreaterThan(20);
    expect(shown.filter((t) => RAW_CODE.test(t))).toEqual([]);
    // the demo's entries are there in words: loading the demo, closing a vote, publishing its result (decision.publish)
    expect(shown).toEqual(expect.arrayContaining(['载入演示数据', '截止表决', '公布表决结果']));
    await screenshot(page, 'audit-log');

    // the filter: grouped by capability, every option in Chinese; 录入纸质表决票 (ballot.paper.first) used to be missing
    await page.getByTestId('audit-action-filter').click();
    await page.locator('.ant-select-item-group', { hasText: '业主共同决定' }).first().waitFor();
    expect((await texts(page, '.ant-select-dropdown')).filter((t) => RAW_CODE.test(t))).toEqual([]);
    await page.keyboard.type('纸质表决票');
    await page.locator('.ant-select-item-option', { hasText: '录入纸质表决票' }).first().click();
    await expect
      .poll(async () => new Set(await page.locator('[data-testid="audit-table"] .ant-table-row td:nth-child(5)').allTextContents()))
      .toEqual(new Set(['录入纸质表决票']));
    await screenshot(page, 'audit-filtered-paper-ballots');

    // the entry names its object and links to it: the decision the ballot belongs to
    const link = page.locator('[data-testid^="audit-object-"]').first();
    expect(await link.textContent()).toMatch(/^《.+》.+的纸质表决票$/);
    await link.click();
    await page.waitForURL(/\/decisions\/\d+$/);
    await page.getByTestId('decision-state').waitFor();
    await screenshot(page, 'audit-object-decision');
  });

  it('on a phone the entries read the same: no codes', async () => {
    const { page } = await newPage(browser, PHONE);
    await logIn(page, server.url, 'jiedao');
    await page.getByTestId('nav-toggle').waitFor();
    await page.goto(`${server.url}/audit`);
    await page.locator('[data-testid="audit-table"] .ant-table-row').first().waitFor();
    const shown = (await texts(page, '[data-testid="audit-table"]')).filter(Boolean);
    expect(shown.filter((t) => RAW_CODE.test(t))).toEqual([]);
    await screenshot(page, 'audit-log-phone');
  });
});
