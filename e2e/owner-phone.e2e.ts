import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, contrastFailures, launchBrowser, logIn, newPage, screenshot, startServer, type RunningServer } from './support.js';

/**
 * The owner's phone (issue 19), on a 390 px screen: the owner lands on their home and sees the open
 * vote first; turns large text on and the ballot still fits; votes and sees their choice and receipt;
 * is told in the app when the result is published (the days pass: the server restarts with its
 * calendar moved on); verifies the receipt on the estate's public board against the published tally
 * file. Owner pages load no staff code; hashed assets come compressed and immutable.
 */
describe('the owner’s phone', () => {
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
  const post = async (page: Page, url: string, body: unknown = {}) => {
    const me = await json(page, '/api/auth/me');
    const r = await page.request.post(`${server.url}${url}`, { data: body, headers: { 'x-csrf-token': me.csrfToken } });
    expect(r.status(), await r.text()).toBeLessThan(300);
    return r.json();
  };

  it('home → open vote first → large text → vote → choice and receipt → result message → receipt verified on the public board', async () => {
    const { page } = await newPage(browser, PHONE);
    const scripts: string[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/assets/') && r.url().endsWith('.js')) scripts.push(r.url());
    });
    await logIn(page, server.url, 'yezhu');
    await page.getByTestId('owner-home').waitFor();
    expect(new URL(page.url()).pathname).toBe('/home');
    // no staff menus or hints on the owner's side
    const text = (await page.locator('body').textContent()) ?? '';
    for (const staff of ['组织架构', '工作日历', '草稿', '导出', '请街道管理员']) expect(text).not.toContain(staff);
    // the open vote first, not voted yet, with the days left
    const first = page.locator('[data-testid^="home-vote-"]').first();
    const testId = (await first.getAttribute('data-testid'))!;
    const id = Number(testId.replace('home-vote-', ''));
    expect(await first.textContent()).toMatch(/投票中.*还剩 \d+ 天.*未投票/);
    await screenshot(page, 'owner-home');
    // WCAG AA contrast on the owner's home (适老化)
    expect(await contrastFailures(page)).toEqual([]);
    // the owner's pages load no staff code (antd, icons)
    expect(scripts.filter((s) => /\/(antd|icons)-/.test(s))).toEqual([]);
    // a hashed asset: compressed and cached for good; the HTML revalidated
    const asset = await page.request.get(scripts[0]!, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(asset.headers()['content-encoding']).toBe('br');
    expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await page.request.get(`${server.url}/home`)).headers()['cache-control']).toBe('no-cache');

    // large text on: remembered, body ≥ 18 px, and the ballot still fits the phone
    await first.locator('a').click();
    await page.getByTestId('ballot-form').waitFor();
    await page.getByTestId('large-text-toggle').click();
    await expect
      .poll(async () => parseFloat(String(await page.evaluate("getComputedStyle(document.querySelector('.o-app')).fontSize"))))
      .toBeGreaterThanOrEqual(18);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    const options = await page.locator('.o-option').evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { left: r.left, right: r.right, height: r.height };
      }),
    );
    expect(options.length).toBeGreaterThanOrEqual(6);
    for (const o of options) {
      expect(o.left).toBeGreaterThanOrEqual(0);
      expect(o.right).toBeLessThanOrEqual(PHONE.width);
      expect(o.height).toBeGreaterThanOrEqual(48);
    }
    // every control of the ballot is named for a screen reader: its label, inside its motion's fieldset
    const unnamed = await page
      .locator('[data-testid="ballot-form"] input')
      .evaluateAll(
        (els) =>
          els.filter((e) => !(e.closest('label')?.textContent ?? '').trim() || !e.closest('fieldset')?.querySelector('legend')).length,
      );
    expect(unnamed).toBe(0);
    expect(await page.getByRole('radio', { name: '同意' }).count()).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'owner-ballot-large-text');
    expect(await contrastFailures(page)).toEqual([]);
    await page.reload();
    await page.getByTestId('ballot-form').waitFor();
    expect(await page.evaluate("document.documentElement.classList.contains('large-text')")).toBe(true);

    // vote: every motion, one confirmation; then the owner's own ballot
    await page.getByTestId('vote-m1-yes').click();
    await page.getByTestId('vote-m2-no').click();
    await page.getByTestId('vote-submit').click();
    await page.getByTestId('vote-confirm').click();
    await page.getByTestId('vote-receipt').waitFor();
    const code = (await page.getByTestId('vote-receipt-code').first().textContent())!.replace(/-/g, '').trim();
    expect(code).toMatch(/^[A-Z2-9]{12}$/);
    expect(await page.getByTestId('my-choice-m1').textContent()).toBe('同意');
    expect(await page.getByTestId('my-choice-m2').textContent()).toBe('反对');
    expect(await page.getByTestId('my-ballot-choices').textContent()).toContain('已计入');
    expect(await page.locator('[data-testid="vote-already"]').textContent()).toContain('网络投票');
    await screenshot(page, 'owner-voted');
    await page.goto(`${server.url}/home`);
    await page.getByTestId(`home-vote-voted-${id}`).waitFor();

    // the period ends; the committee closes and publishes; the owner is told in the app
    const decision = await json(page, `/api/my/decisions`);
    const closesOn = decision.items.find((d: { id: number }) => d.id === id).closesOn as string;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const ahead = Math.round((Date.parse(closesOn) - Date.parse(today)) / 86_400_000) + 1;
    await server.restart(ahead);
    const org = await newPage(browser, DESKTOP);
    await logIn(org.page, server.url, 'zhuren');
    await org.page.getByTestId('user-name').waitFor();
    await post(org.page, `/api/decisions/${id}/close`);
    await post(org.page, `/api/decisions/${id}/publish`);
    await page.goto(`${server.url}/home`);
    await page.getByTestId('home-unread').waitFor();
    await page.getByTestId('owner-nav-messages').click();
    await expect.poll(() => page.getByTestId('owner-messages').textContent()).toContain('表决结果已公布');
    await screenshot(page, 'owner-messages');

    // verify the receipt on the public board, against the published tally file
    await page.goto(`${server.url}/vote/${id}`);
    await page.getByTestId(`vote-result-${id}`).waitFor();
    await page.getByTestId('my-ballot-verify').click();
    await page.getByTestId('receipt-verified').waitFor();
    const result = (await page.getByTestId('receipt-result').textContent())!;
    expect(result).toMatch(/已在公开的计票文件中找到这张表决票/);
    expect(await page.getByTestId('receipt-choices').textContent()).toMatch(/同意[\s\S]*反对/);
    expect(await page.getByTestId('receipt-verified').textContent()).toContain('与公布的一致');
    await screenshot(page, 'owner-receipt-verified');
    expect(await contrastFailures(page)).toEqual([]);
    // the file itself carries the tracker, and nothing on the page says whose ballot it is
    const tally = await json(page, `/api/public/decisions/${id}/tally.json`);
    expect(tally.receipts.length).toBeGreaterThan(0);
    const mine = (await json(page, '/api/my/decisions')).items.find((d: { id: number }) => d.id === id);
    expect(mine.units.length).toBeGreaterThan(0);
    for (const u of mine.units as { room: string }[]) expect(result).not.toContain(u.room);
    expect(result).not.toContain('吴敏');
    // a wrong code says so
    await page.getByTestId('receipt-input').fill('ABCD-EFGH-JKMN');
    await page.getByTestId('receipt-submit').click();
    await expect.poll(() => page.getByTestId('receipt-error').textContent()).toContain('没有找到这个回执码');
    // the estate's public board reads to WCAG AA too
    const estateId = (await json(page, '/api/auth/me')).roles[0].nodeId as number;
    await page.goto(`${server.url}/public/estates/${estateId}`);
    await page.getByTestId(`public-decision-${id}`).waitFor();
    expect(await contrastFailures(page)).toEqual([]);
    await org.context.close();
  });
});
