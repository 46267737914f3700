import type ExcelJS from 'exceljs';
import { formatYuan } from '../../core/money.js';
import { INCOME_KIND_LABEL, quarterLabel, type IncomeKind, type IncomeRow } from '../../core/disclosures.js';
import { newWorkbook } from '../documents/spreadsheet.js';
import { readUploadedSheets, type SheetCaps, type SheetGrid } from '../documents/upload-sheets.js';
import { badRequest } from '../http/errors.js';
import { checkFileType, displayValue, text, toDate, toFen, type RawValue } from '../imports/workbook.js';
import type { IncomeStatement } from './board.js';

/** The columns of a 公共收益支出 sheet, in order: the export writes them, the import reads them by header. */
const HEADERS = { kind: '收支', date: '日期', title: '项目', amount: '金额（元）', note: '备注' } as const;
const KIND_BY_TEXT: Record<string, IncomeKind> = { 收入: 'income', 收益: 'income', 支出: 'expense' };

export interface RowError {
  row: number;
  column: string;
  value: string;
  message: string;
}

/** A statement is a few hundred lines a year: the caps are checked before the file is read (issue 20 §3). */
export const INCOME_CAPS: SheetCaps = { rows: 5_000, cells: 100_000, bytes: 20 * 2 ** 20 };

function cellValue(v: ExcelJS.CellValue): RawValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object' && 'result' in v) return (v.result as RawValue) ?? null;
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return null;
}

/**
 * Reads a 公共收益支出 sheet (the exported layout: 收支, 日期, 项目, 金额（元）, 备注): every row checked,
 * every error reported with its row and column, the amounts in exact fen. Nothing is saved here: the
 * editor shows the rows, or the errors to fix in Excel.
 */
export async function readIncomeSheet(content: Buffer): Promise<{ rows: IncomeRow[]; errors: RowError[] }> {
  checkFileType(content);
  const sheets = await readUploadedSheets(content, INCOME_CAPS, '不是有效的Excel(.xlsx)文件，请在Excel中打开并“另存为”.xlsx后重新上传');
  for (const ws of sheets) {
    for (let r = 1; r <= Math.min(ws.rowCount, 10); r++) {
      const cols = new Map<string, number>();
      for (let c = 1; c <= ws.cellCount(r); c++) {
        const v = String(cellValue(ws.value(r, c)) ?? '').replace(/\s/g, '');
        for (const [key, h] of Object.entries(HEADERS)) if (v === h || (key === 'amount' && /^金额/.test(v))) cols.set(key, c);
      }
      if (['kind', 'date', 'title', 'amount'].every((k) => cols.has(k))) return readRows(ws, r, cols);
    }
  }
  throw badRequest(`没有找到公共收益收支表的表头（需要：${Object.values(HEADERS).slice(0, 4).join('、')}），请导出表格作为模板填写`);
}

function readRows(ws: SheetGrid, header: number, cols: Map<string, number>) {
  const rows: IncomeRow[] = [];
  const errors: RowError[] = [];
  for (let r = header + 1; r <= ws.rowCount; r++) {
    const get = (k: string) => (cols.has(k) ? cellValue(ws.value(r, cols.get(k)!)) : null);
    const raw = { kind: get('kind'), date: get('date'), title: get('title'), amount: get('amount'), note: get('note') };
    if (Object.values(raw).every((v) => v === null)) continue;
    // the exported sheet ends with its totals: skip them
    if (typeof raw.kind === 'string' && /合计|结余/.test(raw.kind)) continue;
    const err = (column: keyof typeof HEADERS, value: RawValue, message: string) =>
      errors.push({ row: r, column: HEADERS[column], value: displayValue(value), message });
    const kind = KIND_BY_TEXT[text(raw.kind) ?? ''];
    if (!kind) err('kind', raw.kind, '应填“收入”或“支出”');
    const date = toDate(raw.date);
    if (!date.ok) err('date', raw.date, date.message);
    const title = text(raw.title);
    if (!title) err('title', raw.title, '请填写收支项目，如“电梯广告收入”');
    else if (title.length > 100) err('title', raw.title, '项目名称不超过100字');
    const amount = raw.amount === null ? ({ ok: false, message: '请填写金额' } as const) : toFen(raw.amount);
    if (!amount.ok) err('amount', raw.amount, amount.message);
    else if (amount.value > 2_147_483_647) err('amount', raw.amount, '金额超出范围，请核对');
    if (kind && date.ok && title && title.length <= 100 && amount.ok && amount.value <= 2_147_483_647)
      rows.push({ kind, date: date.value, title, amountFen: amount.value, note: text(raw.note)?.slice(0, 200) ?? null });
  }
  if (rows.length === 0 && errors.length === 0) throw badRequest('表头以下没有收支行，请填写后重新上传');
  return { rows, errors };
}

/** A statement as .xlsx: one row per line, amounts in yuan with two decimals, the exact totals at the end. */
export async function incomeWorkbook(estateName: string, s: IncomeStatement): Promise<Buffer> {
  const wb = await newWorkbook();
  const ws = wb.addWorksheet('公共收益收支');
  ws.addRow([`${estateName} 公共收益收支${s.periodLabel ? `（${s.periodLabel}）` : ''}`]).font = { bold: true };
  const head = ws.addRow(Object.values(HEADERS));
  head.font = { bold: true };
  ws.columns = [{ width: 8 }, { width: 12 }, { width: 30 }, { width: 14 }, { width: 24 }];
  for (const r of s.rows) ws.addRow([INCOME_KIND_LABEL[r.kind], r.date, r.title, formatYuan(r.amountFen), r.note ?? '']);
  ws.addRow(['收入合计', '', '', formatYuan(s.incomeFen), '']);
  ws.addRow(['支出合计', '', '', formatYuan(s.expenseFen), '']);
  ws.addRow(['结余', '', '', formatYuan(s.balanceFen), '']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const incomeFileName = (estateName: string, period: string | null) =>
  `${estateName}公共收益收支${period ? quarterLabel(period) : ''}.xlsx`;
