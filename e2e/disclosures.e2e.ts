import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, launchBrowser, logIn, newPage, screenshot, startServer, type RunningServer } from './support.js';

/**
 * 物业监督台 "十公开" in Chromium (issue 15): the property company fills the missing and stale items
 * of its demo estate and adds a 公共收益 row; eleven days pass (the server restarted with the clock
 * moved on, its jobs on) and 服务内容 goes stale — flagged on the public page and the company
 * reminded; the owner asks about it on a 390 px phone, the company answers, the answer is public
 * without the owner's name; the public page shows all ten with their state; the street's roll-up
 * and a company's explained grade agree with the API.
 */
describe('十公开 in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    // the disclosure job runs at start (and hourly): it reminds once the clock has moved on
    server = await startServer({ JOBS: '1' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const json = async (page: Page, url: string) => (await page.request.get(`${server.url}${url}`)).json();
  const status = (page: Page, key: string) => page.getByTestId(`item-status-${key}`).textContent();

  it('company fills → an item goes stale with the clock, flagged and reminded → owner asks on the phone → answered and public → roll-up and grade', async () => {
    // ── the company's estate: 有偿服务内容 missing, 收费标准 stale (the demo's mix)
    const company = await newPage(browser, DESKTOP);
    await logIn(company.page, server.url, 'wuye');
    await company.page.getByTestId('user-name').first().waitFor();
    const mine = (await json(company.page, '/api/disclosures/my-estates')).items.sort(
      (a: { id: number }, b: { id: number }) => a.id - b.id,
    );
    const estateId = mine[0].id as number;
    await company.page.goto(`${server.url}/disclosures/${estateId}`);
    await company.page.getByTestId('estate-board-page').waitFor();
    expect(await status(company.page, 'paidServices')).toBe('未公开');
    expect(await status(company.page, 'feeStandard')).toBe('待更新');
    expect(await status(company.page, 'serviceContent')).toBe('已更新');
    // the committee's items have no edit button for the company
    expect(await company.page.getByTestId('edit-partyPledges').count()).toBe(0);

    await company.page.getByTestId('edit-paidServices').click();
    await company.page.getByTestId('item-form-body').fill('上门维修人工费 30 元/次；开锁 50 元/次；家政保洁 40 元/小时。');
    await company.page.getByTestId('item-form-submit').click();
    await expect.poll(() => status(company.page, 'paidServices')).toBe('已更新');
    await company.page.getByTestId('edit-feeStandard').click();
    await company.page.getByTestId('item-form-body').fill('住宅 1.20 元/㎡·月，商业 2.00 元/㎡·月（本年度复核无变化）。');
    await company.page.getByTestId('item-form-submit').click();
    await expect.poll(() => status(company.page, 'feeStandard')).toBe('已更新');
    // 公共收益支出: one more row; the balance is exact to the fen
    const before = (await json(company.page, `/api/public/estates/${estateId}/disclosures`)).items.find(
      (i: { key: string }) => i.key === 'publicIncome',
    );
    await company.page.getByTestId('edit-publicIncome').click();
    await company.page.getByTestId('income-form-title').fill('废品回收收入');
    await company.page.getByTestId('income-form-amount').fill('0.07');
    await company.page.getByTestId('income-form-add').click();
    const balance = ((before.income.balanceFen as number) + 7) / 100;
    await expect
      .poll(() => company.page.getByTestId('income-form-balance').textContent())
      .toContain(balance.toLocaleString('en-US', { minimumFractionDigits: 2 }));
    await company.page.getByTestId('income-form-submit').click();
    await company.page.getByTestId('income-form-submit').waitFor({ state: 'detached' });
    const after = (await json(company.page, `/api/public/estates/${estateId}/disclosures`)).items.find(
      (i: { key: string }) => i.key === 'publicIncome',
    );
    expect(after.version).toBe(before.version + 1);
    expect(after.income.balanceFen).toBe(before.income.balanceFen + 7);
    const history = await json(company.page, `/api/public/estates/${estateId}/disclosures/publicIncome/history`);
    expect(history.versions.map((v: { version: number }) => v.version)).toEqual([after.version, before.version, before.version - 1]);
    await screenshot(company.page, 'disclosures-company-board');

    // ── eleven days pass: 服务内容 (due in ten days in the demo) goes stale; the job reminds the company
    await server.restart(11);
    await expect
      .poll(
        async () =>
          (await json(company.page, '/api/notifications')).items.filter(
            (n: { title: string; body: string }) => n.title === '十公开事项已逾期未更新' && n.body.includes(`${mine[0].name}的“服务内容”`),
          ).length,
        { timeout: 90_000, interval: 2000 },
      )
      .toBe(1);
    await company.page.goto(`${server.url}/disclosures/${estateId}`);
    await expect.poll(() => status(company.page, 'serviceContent')).toBe('待更新');
    // what the company just renewed stays current
    expect(await status(company.page, 'paidServices')).toBe('已更新');

    // ── the owner, on a 390 px phone, opens the estate's public page and asks about the stale item
    const owner = await newPage(browser, PHONE);
    await logIn(owner.page, server.url, 'yezhu');
    await owner.page.waitForURL(/\/home/);
    // from the owner's home, the link to the estate's supervision board
    await owner.page.getByTestId(`home-disclosures-${estateId}`).click();
    await owner.page.getByTestId('public-disclosures').waitFor();
    await expect.poll(() => owner.page.getByTestId('disclosure-status-serviceContent').textContent()).toBe('待更新');
    await owner.page.getByTestId('ask-serviceContent').click();
    await owner.page.getByTestId('ask-text-serviceContent').fill('服务内容一年没有更新，保洁和绿化是否有变化？');
    await owner.page.getByTestId('ask-submit-serviceContent').click();
    await owner.page.getByText('服务内容一年没有更新，保洁和绿化是否有变化？').waitFor();
    expect(await owner.page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await screenshot(owner.page, 'disclosures-owner-asks-phone');
    const asked = (await json(owner.page, `/api/public/estates/${estateId}/disclosures`)).items
      .find((i: { key: string }) => i.key === 'serviceContent')
      .questions.find((q: { mine: boolean }) => q.mine);
    expect(asked.answer).toBeNull();

    // ── the company answers; the answer is public at once, without the owner's name
    await company.page.goto(`${server.url}/disclosures/${estateId}`);
    await company.page.getByTestId(`answer-${asked.id}`).click();
    await company.page.getByTestId('answer-form-text').fill('服务内容无变化，已按年度复核重新公开。');
    await company.page.getByTestId('answer-form-submit').click();
    await company.page.getByTestId('confirm-ok').click();
    await company.page.getByTestId(`staff-question-${asked.id}`).getByText('服务内容无变化').waitFor();

    const visitor = await newPage(browser, PHONE);
    await visitor.page.goto(`${server.url}/public/estates/${estateId}`);
    await visitor.page.getByTestId(`answer-${asked.id}`).waitFor();
    expect(await visitor.page.getByTestId(`answer-${asked.id}`).textContent()).toContain('服务内容无变化，已按年度复核重新公开。');
    // all ten, each with its state
    const tags = visitor.page.locator('[data-testid^="disclosure-status-"]');
    expect(await tags.count()).toBe(10);
    const board = await json(visitor.page, `/api/public/estates/${estateId}/disclosures`);
    expect(board.items.map((i: { item: string }) => i.item)).toEqual([
      '服务标准',
      '服务内容',
      '收费标准',
      '物业合同',
      '公共收益支出',
      '有偿服务内容',
      '物业监督电话',
      '业委会（物管会）成员',
      '物业服务人员',
      '小区党员承诺',
    ]);
    for (const [k, i] of board.items.entries()) expect(await tags.nth(k).textContent()).toBe(i.statusLabel);
    const page = await visitor.page.locator('[data-testid="public-disclosures"]').textContent();
    expect(page).not.toContain('吴敏');
    expect(page).toContain('0535-6218800');
    expect(await visitor.page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await screenshot(visitor.page, 'disclosures-public-phone');

    // ── the street's roll-up: the chart and the table agree with the estate's board
    const street = await newPage(browser, DESKTOP);
    await logIn(street.page, server.url, 'jiedao');
    await street.page.getByTestId('user-name').first().waitFor();
    await street.page.goto(`${server.url}/disclosures?tab=rollup`);
    await street.page.getByTestId('rollup-chart').locator('canvas').waitFor();
    const rollup = await json(street.page, '/api/disclosures/rollup');
    const row = rollup.estates.find((e: { id: number }) => e.id === estateId);
    const count = (s: string) => board.items.filter((i: { status: string }) => i.status === s).length;
    expect(row).toMatchObject({ current: count('current'), stale: count('stale'), missing: count('missing') });
    expect(row.staleItems.map((i: { item: string }) => i.item)).toContain('服务内容');
    const rendered = await street.page.getByTestId(`rollup-estate-${estateId}`).textContent();
    expect(rendered).toContain('服务内容');
    expect(rollup.total.stale).toBe(rollup.estates.reduce((a: number, e: { stale: number }) => a + e.stale, 0));
    await screenshot(street.page, 'disclosures-rollup');

    // ── the district department reads the company's grade, explained item by item
    const dept = await newPage(browser, DESKTOP);
    await logIn(dept.page, server.url, 'quzhujian');
    await dept.page.getByTestId('user-name').first().waitFor();
    await dept.page.goto(`${server.url}/credit`);
    const credit = await json(dept.page, '/api/credit/companies');
    const c = credit.items.find((x: { estates: string[] }) => x.estates.includes(board.estate.name));
    expect(c).toBeTruthy();
    const used = c.inputs.filter((i: { score: number | null }) => i.score !== null);
    const w = used.reduce((a: number, i: { weight: number }) => a + i.weight, 0);
    expect(c.score).toBe(
      Math.round((used.reduce((a: number, i: { score: number; weight: number }) => a + i.score * i.weight, 0) / w) * 10) / 10,
    );
    expect(await dept.page.getByTestId(`credit-grade-${c.id}`).textContent()).toBe(c.grade);
    expect(await dept.page.getByTestId(`credit-explanation-${c.id}`).textContent()).toContain(`${c.grade} 档`);
    expect(await dept.page.getByTestId(`credit-explained-${c.id}`).textContent()).toContain('十公开完整及时');
    const xlsx = await dept.page.request.get(`${server.url}/api/credit/companies.xlsx`);
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
    await screenshot(dept.page, 'disclosures-credit');
  }, 300_000);
});
