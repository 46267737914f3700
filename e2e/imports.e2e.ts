import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckChar } from '../core/identity.js';
import { DESKTOP, launchBrowser, logIn, newPage, screenshot, startServer, type RunningServer } from './support.js';

/**
 * Issue 13 in the browser, on the demo street as its community staff (shequ): a roll file that would
 * end a real owner's title shows the change list first (ends in red, starts in green) and is imported
 * only after the list is ticked and the import confirmed; the unchanged template is refused on its
 * example row; the unit form takes "８９．３７㎡" as the import does.
 */

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const AREA_SOURCE: Record<string, string> = { registered: '不动产登记', surveyed: '实测', contract: '合同' };

interface RollUnit {
  id: number;
  buildingId: number;
  buildingName: string;
  entrance: string;
  number: string;
  kind: string;
  area: string;
  areaSource: string;
  developerStock: boolean;
  owners: { person: { name: string; kind: string; idNumberMasked: string }; startedOn: string; endedOn: string | null }[];
}

describe('imports in Chromium (issue 13)', () => {
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

  const json = async (page: Page, url: string) => {
    const res = await page.request.get(`${server.url}${url}`);
    expect(res.status(), url).toBe(200);
    return res.json();
  };

  /** shequ's first estate in the demo street. */
  async function demoEstate(page: Page): Promise<{ id: number; name: string }> {
    const me = await json(page, '/api/auth/me');
    const community = await json(page, `/api/org/nodes/${me.roles[0].nodeId}`);
    return community.children.find((c: { kind: string }) => c.kind === 'estate');
  }

  async function openImports(page: Page, estateName: string) {
    await page.goto(`${server.url}/imports`);
    await page.getByTestId('import-node').click();
    await page.locator('.ant-select-tree-title', { hasText: estateName }).first().click();
    await page.getByText('点击或拖入Excel(.xlsx)文件').waitFor();
  }

  const chooseFile = (page: Page, name: string, buffer: Buffer) =>
    page.locator('input[type=file]').setInputFiles({ name, mimeType: XLSX, buffer });

  it('a roll file ending a real owner’s title: the change list names them, the import waits for the tick and the confirmation', async () => {
    const { page } = await newPage(browser, DESKTOP);
    await logIn(page, server.url, 'shequ');
    await page.getByTestId('user-name').waitFor();
    const estate = await demoEstate(page);
    const roll = await json(page, `/api/roll?estateId=${estate.id}&pageSize=500`);
    // A home with one owner, a person, as the demo has thousands of.
    const unit: RollUnit = roll.items.find(
      (u: RollUnit) => u.owners.length === 1 && u.owners[0]!.person.kind === 'natural' && u.kind === 'residential' && !u.developerStock,
    );
    const old = unit.owners[0]!;

    // The roll's own template, filled in for that home with its new owner (a transfer).
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await (await page.request.get(`${server.url}/api/imports/templates/roll`)).body()) as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    const first17 = '11010519880808001';
    const values: Record<string, string | number | null> = {
      楼栋: unit.buildingName,
      单元: unit.entrance,
      房号: unit.number,
      '专有部分面积(㎡)': `${unit.area}㎡`,
      面积来源: AREA_SOURCE[unit.areaSource]!,
      业主姓名: '导入新业主',
      业主类型: '个人',
      证件号码: first17 + idCheckChar(first17),
      指定表决人: '否',
      取得方式: '不动产登记',
    };
    const headers = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    headers.forEach((h, c) => (ws.getRow(2).getCell(c + 1).value = values[h] ?? null));
    const file = Buffer.from(await wb.xlsx.writeBuffer());

    await openImports(page, estate.name);
    await chooseFile(page, '过户名册.xlsx', file);
    const list = page.getByTestId('import-title-changes');
    await list.waitFor();
    const row = page.getByTestId(`title-unit-${unit.id}`);
    const ended = await row.getByTestId('title-end').textContent();
    expect(ended).toContain(old.person.name);
    expect(ended).toContain(old.person.idNumberMasked);
    expect(ended).toContain(`自${old.startedOn}起`);
    expect(await row.getByTestId('title-start').textContent()).toContain('导入新业主');
    expect(await row.textContent()).toContain(`${unit.buildingName}${unit.entrance}${unit.number}`);
    // ends in red, starts in green
    expect(await row.getByTestId('title-end').getAttribute('class')).toContain('ant-typography-danger');
    expect(await row.getByTestId('title-start').getAttribute('class')).toContain('ant-typography-success');
    await screenshot(page, 'import-title-changes');

    // 确认导入 waits for the tick of that very list…
    const commit = page.getByTestId('import-commit-all');
    expect(await commit.isDisabled()).toBe(true);
    await page.getByTestId('import-confirm-changes').click();
    await expect.poll(() => commit.isDisabled()).toBe(false);
    // …and asks once more: cancelling writes nothing.
    await commit.click();
    await page.locator('.ant-modal-confirm').getByText('导入后不能撤销').waitFor();
    await screenshot(page, 'import-confirm-modal');
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '取消' }).click();
    expect((await json(page, `/api/roll/units/${unit.id}`)).owners.map((o: RollUnit['owners'][number]) => o.person.name)).toEqual([
      old.person.name,
    ]);
    await commit.click();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('import-result').waitFor();
    await screenshot(page, 'import-title-changes-done');

    // The roll changed as listed: the old title ended, the new one started.
    const after = await json(page, `/api/roll/units/${unit.id}`);
    expect(after.owners.map((o: RollUnit['owners'][number]) => o.person.name)).toEqual(['导入新业主']);
    const history = after.history.find((o: RollUnit['owners'][number]) => o.person.name === old.person.name);
    expect(history.endedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('the roll template uploaded unchanged is refused on its example row', async () => {
    const { page } = await newPage(browser, DESKTOP);
    await logIn(page, server.url, 'shequ');
    await page.getByTestId('user-name').waitFor();
    const estate = await demoEstate(page);
    const template = Buffer.from(await (await page.request.get(`${server.url}/api/imports/templates/roll`)).body());
    await openImports(page, estate.name);
    await chooseFile(page, '业主名册导入模板.xlsx', template);
    await page.getByTestId('import-errors').waitFor();
    expect(await page.getByTestId('import-errors').textContent()).toContain('第2行是模板中的示例行，请删除后再导入');
    expect(await page.getByTestId('import-commit-all').isDisabled()).toBe(true);
    expect(await page.getByTestId('import-commit-valid').isDisabled()).toBe(true);
    await screenshot(page, 'import-template-refused');
  });

  it('the unit form reads an area as the import does: "８９．３７㎡" is saved as 89.37', async () => {
    const { page } = await newPage(browser, DESKTOP);
    await logIn(page, server.url, 'shequ');
    await page.getByTestId('user-name').waitFor();
    const estate = await demoEstate(page);
    const detail = await json(page, `/api/org/nodes/${estate.id}`);
    const building = detail.children.find((c: { kind: string }) => c.kind === 'building');
    await page.goto(`${server.url}/estates/${estate.id}/units?buildingId=${building.id}`);
    await page.getByTestId('unit-create').click();
    await page.getByTestId('unit-form-number').fill('9901');
    await page.getByTestId('unit-form-area').fill('８９．３７㎡');
    await screenshot(page, 'unit-form-full-width-area');
    await page.getByTestId('unit-form-submit').click();
    await expect
      .poll(async () => (await json(page, `/api/roll?estateId=${estate.id}&q=9901`)).items.map((u: RollUnit) => u.area))
      .toEqual(['89.37']);
  });
});
