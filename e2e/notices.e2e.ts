import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, launchBrowser, logIn, newPage, screenshot, startServer, type RunningServer } from './support.js';

/**
 * A notice's life in the browser (R27, R30): community staff draft and publish it, an owner objects
 * from a phone, the street admin verifies, and the estate's public board shows both without login.
 */
describe('notices and objections in Chromium', () => {
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

  it('draft → publish → objection → verification → public board', async () => {
    // the owner's estate
    const owner = await newPage(browser, PHONE);
    await logIn(owner.page, server.url, 'yezhu');
    await owner.page.getByTestId('owner-home').waitFor();
    const estateId = (await json(owner.page, '/api/auth/me')).roles[0].nodeId as number;

    const staff = await newPage(browser, DESKTOP);
    await logIn(staff.page, server.url, 'shequ');
    await staff.page.getByTestId('user-name').waitFor();
    await staff.page.goto(`${server.url}/notices?nodeId=${estateId}`);
    await staff.page.getByTestId('notice-create').click();
    // no kind is assumed: saving without one is refused, the template asks for one first
    await staff.page.getByTestId('notice-form-title').fill('题'.repeat(201));
    await staff.page.getByTestId('notice-form-submit').click();
    await staff.page.getByText('请选择公告类型').first().waitFor();
    // beyond the limit the counter shows it and the form refuses — the text is not cut
    await staff.page.getByText('标题不能超过 200 个字').first().waitFor();
    expect(await staff.page.getByTestId('notice-form-title').inputValue()).toHaveLength(201);
    await staff.page.getByText('201 / 200').waitFor();
    await staff.page.getByTestId('notice-form-kind').click();
    await staff.page.locator('.ant-select-item-option', { hasText: '组建公告' }).first().click();
    await staff.page.getByTestId('notice-form-title').fill('');
    // the template fills in the estate's name and the member conditions of the seed (R22–R24, R27)
    await staff.page.getByTestId('notice-form-template').click();
    await expect.poll(() => staff.page.getByTestId('notice-form-body').inputValue()).toContain('七人以上单数');
    await staff.page.getByTestId('notice-form-title').fill('关于组建物业管理委员会的公告');
    await staff.page.getByTestId('notice-form-accepts-objections').check();
    await screenshot(staff.page, 'notice-draft-form');
    await staff.page.getByTestId('notice-form-submit').click();
    await staff.page.getByTestId('notice-publish').waitFor();
    const noticeId = Number(staff.page.url().match(/\/notices\/(\d+)/)![1]);
    // a scanned attachment, uploaded to the draft
    await staff.page
      .locator('[data-testid="notice-attachments"] input[type=file]')
      .setInputFiles({ name: '报名表.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await expect.poll(async () => (await json(staff.page, `/api/notices/${noticeId}`)).attachments.length).toBe(1);
    await staff.page.getByTestId('notice-publish').click();
    await staff.page.getByTestId('notice-publish-submit').click();
    // publishing freezes the content: it is asked for once more
    await staff.page.getByTestId('confirm-ok').click();
    await expect.poll(async () => (await json(staff.page, `/api/notices/${noticeId}`)).status).toBe('published');
    const published = await json(staff.page, `/api/notices/${noticeId}`);
    // R27: five working days from the posting day, computed by the server's calendar
    expect((await json(staff.page, `/api/calendar/workdays/add?from=${published.publishDate}&days=5`)).date).toBe(published.endDate);
    await expect.poll(() => staff.page.getByTestId('notice-end-date').textContent()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    await screenshot(staff.page, 'notice-published');

    // the owner objects online, from a phone
    await owner.page.goto(`${server.url}/notices/${noticeId}`);
    await owner.page.getByTestId('notice-file-objection').click();
    await owner.page.getByTestId('objection-form-content').fill('候选人条件中应写明不得欠缴物业费。');
    await owner.page.getByTestId('objection-form-submit').click();
    await expect.poll(async () => (await json(owner.page, `/api/notices/${noticeId}`)).objections.length).toBe(1);
    await screenshot(owner.page, 'notice-owner-objected');
    const objection = (await json(owner.page, `/api/notices/${noticeId}`)).objections[0];

    // the street office verifies (R30) and the result is published
    const admin = await newPage(browser, DESKTOP);
    await logIn(admin.page, server.url, 'jiedao');
    await admin.page.getByTestId('user-name').waitFor();
    await admin.page.goto(`${server.url}/notices/${noticeId}`);
    await admin.page.getByTestId(`objection-verify-${objection.id}`).click();
    await admin.page.getByTestId('verify-form-outcome-upheld').click();
    await admin.page.getByTestId('verify-form-finding').fill('经核查，异议成立，将在委员条件中补充写明。');
    await admin.page.getByTestId('verify-form-submit').click();
    await expect.poll(async () => (await json(admin.page, `/api/notices/${noticeId}`)).objections[0].status).toBe('upheld');
    await screenshot(admin.page, 'notice-verified');

    // the owner's bell tells the outcome
    await owner.page.reload();
    await owner.page.getByTestId('notification-bell').click();
    await expect.poll(() => owner.page.getByTestId('notification-list').textContent()).toContain('异议核查结果：异议成立');
    await owner.page.waitForTimeout(400); // let the popover finish its opening animation before the screenshot
    await screenshot(owner.page, 'owner-bell');
    await owner.page.getByTestId('notification-read-all').click();
    await expect.poll(async () => (await json(owner.page, '/api/notifications')).unread).toBe(0);

    // the public board, as anyone (a fresh browser context, no login)
    const visitor = await newPage(browser, PHONE);
    await visitor.page.goto(`${server.url}/public/estates/${estateId}`);
    await visitor.page.getByTestId('public-estate-name').waitFor();
    await expect.poll(() => visitor.page.getByTestId('public-current').textContent()).toContain('关于组建物业管理委员会的公告');
    await expect.poll(() => visitor.page.getByTestId('public-current').textContent()).toContain('异议核查结果');
    expect(await visitor.page.getByTestId('public-current').textContent()).not.toContain('吴敏');
    expect(await visitor.page.locator('[data-testid^="public-attachment-"]').first().textContent()).toContain('报名表.pdf');
    await screenshot(visitor.page, 'public-board');
    const poster = await visitor.page.request.get(`${server.url}/api/public/estates/${estateId}/poster`);
    expect(poster.status()).toBe(200);
    expect(await poster.text()).toContain('<svg');

    for (const c of [owner, staff, admin, visitor]) await c.context.close();
  });

  it('the calendar page shows the 2025 National Day holidays and the make-up working day', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await logIn(page, server.url, 'jiedao');
    await page.getByTestId('nav-calendar').click();
    await page.getByTestId('calendar-grid').waitFor();
    await expect.poll(() => page.getByTestId('calendar-reminder').textContent()).toMatch(/年度节假日安排尚未录入/);
    await page.getByTestId('deadline-from').click();
    await page.getByTestId('deadline-from').fill('2025-09-26');
    await page.getByTestId('deadline-from').press('Enter');
    await page.getByTestId('deadline-days').fill('5');
    await page.getByTestId('deadline-submit').click();
    await expect.poll(() => page.getByTestId('deadline-result-date').textContent()).toContain('2025年10月10日');
    await page.getByTestId('deadline-show').click();
    await expect.poll(() => page.getByTestId('calendar-day-2025-10-01').getAttribute('data-kind')).toBe('holiday');
    expect(await page.getByTestId('calendar-day-2025-10-11').getAttribute('data-kind')).toBe('makeUpWorkday');
    await screenshot(page, 'calendar-deadline');
    await context.close();
  });
});
