import { describe, expect, it } from 'vitest';
import { newWorkbook } from '../documents/spreadsheet.js';
import { PEOPLE_COLUMNS } from './columns.js';
import { readSheet } from './workbook.js';

/**
 * Issue 20: cells copied from web pages and chat apps carry zero-width, bidi and control characters;
 * an import drops them (a spreadsheet is not a form to send back), so no name reaches the roll or an
 * official document with them.
 */
describe('reading an uploaded sheet', () => {
  it('drops zero-width, bidi and control characters from every cell', async () => {
    const wb = await newWorkbook();
    const ws = wb.addWorksheet('人员');
    ws.addRow(PEOPLE_COLUMNS.map((c) => c.header));
    ws.addRow(['\ufeff张\u200b三\u202e', '110101198507150010', '139\u200d0013\u20609000']);
    ws.addRow(['\u2066李\u200c四\u2069\u0007', '110101198507150029']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const sheet = await readSheet(buf, 'people', PEOPLE_COLUMNS);
    expect(sheet.rows.map((r) => r.values.name)).toEqual(['张三', '李四']);
    expect(sheet.rows[0]!.values.mobile).toBe('13900139000');
    // eslint-disable-next-line no-control-regex
    expect(sheet.rows[0]!.display.join('')).not.toMatch(/[\u0000-\u001f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/);
  });
});
