import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckChar } from '../core/identity.js';
import { DESKTOP, PHONE, launchBrowser, logIn, newPage, screenshot, startServer, type RunningServer } from './support.js';

/**
 * The registry in the browser (issue 3): the owner roll with its R3 counts and a unit's owners,
 * an Excel import with a per-row report, people with an audited reveal, companies with R39 flags,
 * the street page's R40 checks, and an owner's own units on a phone.
 */
describe('registry in Chromium', () => {
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

  it('owner roll: R3 heads next to the unit count; a unit drawer records fee arrears (R37)', async () => {
    const { page } = await newPage(browser, DESKTOP);
    await logIn(page, server.url, 'shequ');
    await page.getByTestId('user-name').waitFor();
    await page.goto(`${server.url}/roll`);
    await page.getByTestId('roll-estate').click();
    await page.locator('.ant-select-item-option').first().click();
    await page.getByTestId('roll-counts').waitFor();
    const estateId = Number(page.url().match(/\/roll\/(\d+)/)![1]);
    const roll = await json(page, `/api/roll?estateId=${estateId}`);
    expect(roll.counts.heads).toBeLessThan(roll.counts.units);
    await expect
      .poll(() => page.getByTestId('roll-heads').textContent())
      .toContain(String(roll.counts.heads).replace(/\B(?=(\d{3})+(?!\d))/g, ','));
    await screenshot(page, 'roll');
    const unit = roll.items.find((u: { feeStatus: string; owners: unknown[] }) => u.feeStatus === 'paidUp' && u.owners.length === 1);
    await page.getByTestId(`roll-row-${unit.id}`).click();
    await page.getByTestId('unit-owners').waitFor();
    // the owner's ID number and mobile are masked in the drawer
    const drawerText = await page.getByTestId('unit-ownership-drawer').textContent();
    expect(drawerText).toMatch(/\d{4}\*{10}[\dX]{4}/);
    expect(drawerText).toMatch(/1\d{2}\*{4}\d{4}/);
    await page.getByTestId('unit-registry-edit').click();
    await page.locator('.ant-modal').getByRole('radio', { name: '欠费' }).check();
    await screenshot(page, 'roll-fee-form');
    const since = page.locator('.ant-modal .ant-picker input').first();
    await since.click();
    await since.fill('2025-07-01');
    // Enter in a form field submits the form (FormModal), with the typed date.
    await since.press('Enter');
    await expect.poll(async () => (await json(page, `/api/roll/units/${unit.id}`)).feeArrearsSince).toBe('2025-07-01');
    await screenshot(page, 'roll-unit-drawer');
  });

  it('import: the check reports each bad row in Chinese; only the valid rows are written', async () => {
    const { page } = await newPage(browser, DESKTOP);
    await logIn(page, server.url, 'shequ');
    await page.getByTestId('user-name').waitFor();
    const me = await json(page, '/api/auth/me');
    const community = me.roles[0].nodeId as number;
    const detail = await json(page, `/api/org/nodes/${community}`);
    const estate = detail.children.find((c: { kind: string }) => c.kind === 'estate');
    // A sheet as a street office would make it: a title row, full-width digits, "㎡", a bad ID.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('业主名册');
    ws.addRow(['导入测试名册']);
    ws.addRow([
      '楼栋',
      '单元',
      '房号',
      '楼层',
      '房屋类型',
      '专有部分面积(㎡)',
      '面积来源',
      '开发商未售或未交付',
      '业主姓名',
      '业主类型',
      '证件号码',
      '手机号',
      '指定表决人',
    ]);
    const id = (n: number) => {
      const first17 = `11010519850101${String(n).padStart(3, '0')}`;
      return first17 + idCheckChar(first17);
    };
    ws.addRow(['导入楼', '１单元', '１０１', 1, '住宅', '89.37㎡', '不动产登记', '否', '导入甲', '个人', id(1), '13912340001', '否']);
    ws.addRow(['导入楼', '1单元', '102', 1, '住宅', '90.12平方米', '实测', '否', '导入乙', '个人', id(2), '13912340002', '否']);
    const bad = id(3).slice(0, 17) + (id(3).endsWith('1') ? '2' : '1');
    ws.addRow(['导入楼', '1单元', '103', 1, '住宅', '88.5', '不动产登记', '否', '导入丙', '个人', bad, '13912340003', '否']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());

    await page.goto(`${server.url}/imports`);
    await page.getByTestId('import-node').click();
    await page.locator('.ant-select-tree-title', { hasText: estate.name }).first().click();
    await page.getByText('点击或拖入Excel(.xlsx)文件').waitFor();
    await page.locator('input[type=file]').setInputFiles({
      name: '名册.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: file,
    });
    await page.getByTestId('import-errors').waitFor();
    const errors = await page.getByTestId('import-errors').textContent();
    expect(errors).toContain('校验位');
    await screenshot(page, 'import-check');
    await page.getByTestId('import-commit-valid').click();
    // 确认导入 is irreversible: it asks once more (issue 13).
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('import-result').waitFor();
    const units = await json(page, `/api/roll?estateId=${estate.id}&q=导入`);
    expect(units.items.map((u: { number: string }) => u.number).sort()).toEqual(['101', '102']);
    await screenshot(page, 'import-result');
  });

  it('people: masked in lists; the street admin reveals an ID number (audited); R40 checks on the street page', async () => {
    const { page } = await newPage(browser, DESKTOP);
    await logIn(page, server.url, 'jiedao');
    await page.getByTestId('user-name').waitFor();
    await page.goto(`${server.url}/people`);
    const people = await json(page, '/api/people?pageSize=5');
    const person = people.items.find((p: { idNumberMasked: string | null }) => p.idNumberMasked);
    await page.getByTestId(`person-row-${person.id}`).waitFor();
    await screenshot(page, 'people');
    await page.getByTestId(`person-open-${person.id}`).click();
    await page.getByTestId('reveal-id').click();
    await expect.poll(() => page.getByTestId('person-id-value').textContent()).toMatch(/^\d{17}[\dX]$/);
    const audit = await json(page, '/api/audit?action=person.reveal');
    expect(JSON.stringify(audit)).toContain('person.reveal');
    await screenshot(page, 'person-revealed');

    const me = await json(page, '/api/auth/me');
    await page.goto(`${server.url}/org/${me.roles[0].nodeId}`);
    await page.getByTestId('registry-checks').waitFor();
    await expect.poll(() => page.getByTestId('registry-checks').textContent()).toContain('R40');
    await screenshot(page, 'street-checks');

    await page.goto(`${server.url}/companies`);
    const companies = await json(page, '/api/companies');
    const flagged = companies.items.find((c: { shouldEstablish: boolean }) => c.shouldEstablish);
    expect(flagged).toBeTruthy();
    await expect.poll(() => page.getByTestId(`company-status-${flagged.id}`).textContent()).toContain('应建未建');
    await screenshot(page, 'companies');
  });

  it('an owner on a phone sees their two units and that they vote for them (R3, R4)', async () => {
    const { page } = await newPage(browser, PHONE);
    await logIn(page, server.url, 'yezhu');
    await page.getByTestId('owner-home').waitFor();
    await page.goto(`${server.url}/my-units`);
    await page.getByTestId('my-units-summary').waitFor();
    const mine = await json(page, '/api/me/units');
    expect(mine.units).toHaveLength(2);
    for (const u of mine.units) await page.getByTestId(`my-unit-${u.id}`).waitFor();
    expect(await page.getByTestId('my-units-summary').textContent()).toContain('2 套');
    await screenshot(page, 'my-units-phone');
  });
});
