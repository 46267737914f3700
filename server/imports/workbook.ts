import type ExcelJS from 'exceljs';
import { readUploadedSheets, type SheetCaps, type SheetGrid } from '../documents/upload-sheets.js';
import { normaliseText } from '../../core/identity.js';
import { badRequest } from '../http/errors.js';
import { stripForbidden } from '../http/text-hygiene.js';
import { headerKey, IMPORT_KIND_LABEL, type ColumnSpec, type ImportKind } from './columns.js';

/**
 * Reading an uploaded sheet the way street offices really send them: the right sheet is the one
 * whose first rows hold the required headers (a title row and grouped, merged header cells above
 * them are fine), merged cells read as their master's value, and every value keeps its raw type
 * so that an ID number Excel turned into a number can be recognised.
 */

export type RawValue = string | number | boolean | Date | null;

export interface SheetRow {
  /** The row number Excel shows. */
  row: number;
  values: Record<string, RawValue>;
  /** The cells as text, in template column order, for the error report. */
  display: string[];
}

export interface ParsedSheet {
  sheetName: string;
  headerRow: number;
  /** Template columns found, in template order. */
  columns: ColumnSpec[];
  rows: SheetRow[];
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/** Refuses what is not an .xlsx before exceljs sees it. */
export function checkFileType(content: Buffer): void {
  if (content.length === 0) throw badRequest('上传的文件是空的，请选择填写好的Excel(.xlsx)文件');
  if (content.subarray(0, 4).equals(OLE_MAGIC)) {
    throw badRequest(
      '文件已设置打开密码，或是旧版Excel(.xls)格式，无法读取：请在Excel中取消密码（文件→信息→保护工作簿→用密码进行加密，清空密码），并“另存为”Excel工作簿(.xlsx)后重新上传',
    );
  }
  if (!content.subarray(0, 4).equals(ZIP_MAGIC)) {
    throw badRequest('不是有效的Excel(.xlsx)文件，请下载模板填写后，以“Excel工作簿(.xlsx)”格式保存再上传');
  }
}

/**
 * The caps of an import file (issue 20 §3), checked while the file is scanned, before it is read:
 * a street's roll of 20,000 units with co-owners is about 22,000 rows and 400,000 cells.
 */
export const IMPORT_CAPS: SheetCaps = { rows: 50_000, cells: 1_000_000, bytes: 200 * 2 ** 20 };

/**
 * A long sheet is read and validated in turns of TURN_ROWS rows: between them the server answers its
 * other requests (ballots, pages) — a 40,000-row roll's validation alone held the thread 0.4 s.
 */
export const TURN_ROWS = 2000;
export const giveTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

const CORRUPT = '不是有效的Excel(.xlsx)文件（文件已损坏或不是Excel工作簿），请在Excel中打开并“另存为”.xlsx后重新上传';

/** A cell's value as read (a merged slave already reads as its master): formulas as their result, rich text as text. */
function plain(v: ExcelJS.CellValue): RawValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return plain(v.result as ExcelJS.CellValue);
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('error' in v) return null;
  }
  return null;
}

export function displayValue(v: RawValue): string {
  if (v === null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

/** Loads the workbook and finds the sheet and header row of `kind`; 400 with a clear reason otherwise. */
export async function readSheet(content: Buffer, kind: ImportKind, columns: ColumnSpec[]): Promise<ParsedSheet> {
  checkFileType(content);
  const sheets = await readUploadedSheets(content, IMPORT_CAPS, CORRUPT);
  if (sheets.length === 0) throw badRequest('Excel文件中没有工作表，请使用模板填写后上传');

  const wanted = columns.map((c) => ({ spec: c, keys: new Set([c.header, ...(c.aliases ?? [])].map(headerKey)) }));
  let best: { missing: string[]; sheet: string } | null = null;
  for (const ws of sheets) {
    const last = Math.min(ws.rowCount, 10);
    for (let r = 1; r <= last; r++) {
      const found = new Map<string, number>();
      const width = Math.max(ws.cellCount(r), ws.columnCount);
      for (let c = 1; c <= width; c++) {
        const v = plain(ws.value(r, c));
        if (v === null) continue;
        const key = headerKey(String(v));
        const hit = wanted.find((w) => w.keys.has(key));
        if (hit && !found.has(hit.spec.key)) found.set(hit.spec.key, c);
      }
      const missing = columns.filter((c) => c.headerRequired && !found.has(c.key)).map((c) => c.header);
      if (missing.length === 0) return await readRows(ws, r, columns, found);
      if (found.size > 0 && (!best || missing.length < best.missing.length)) best = { missing, sheet: ws.name };
    }
  }
  const template = `请下载“${IMPORT_KIND_LABEL[kind]}”导入模板，按模板的表头填写`;
  if (best) throw badRequest(`工作表“${best.sheet}”缺少必需的列：${best.missing.join('、')}。${template}`);
  throw badRequest(
    `在各工作表的前10行中没有找到${IMPORT_KIND_LABEL[kind]}的表头（必需的列：${columns
      .filter((c) => c.headerRequired)
      .map((c) => c.header)
      .join('、')}），可能选错了文件或工作表。${template}`,
  );
}

async function readRows(ws: SheetGrid, headerRow: number, columns: ColumnSpec[], found: Map<string, number>): Promise<ParsedSheet> {
  const present = columns.filter((c) => found.has(c.key));
  const rows: SheetRow[] = [];
  const last = ws.rowCount;
  for (let r = headerRow + 1; r <= last; r++) {
    if ((r - headerRow) % TURN_ROWS === 0) await giveTurn();
    if (!ws.hasValues(r)) continue;
    const values: Record<string, RawValue> = {};
    const display: string[] = [];
    let any = false;
    for (const c of columns) {
      const idx = found.get(c.key);
      let v: RawValue = idx === undefined ? null : plain(ws.value(r, idx));
      if (typeof v === 'string') {
        // cells copied from elsewhere carry zero-width and bidi characters: dropped, never stored
        v = normaliseText(stripForbidden(v));
        if (v === '') v = null;
      }
      if (v !== null) any = true;
      values[c.key] = v;
      display.push(displayValue(v));
    }
    if (any) rows.push({ row: r, values, display });
  }
  if (rows.length === 0) {
    throw badRequest(`工作表“${ws.name}”在表头（第${headerRow}行）以下没有数据行，请填写后重新上传`);
  }
  return { sheetName: ws.name, headerRow, columns: present, rows };
}

// ── Cell conversions shared by the kinds ─────────────────────────────────────────────────────

export type Conv<T> = { ok: true; value: T } | { ok: false; message: string };

/** A cell as text; strings are already normalised by readRows (full-width folded, spaces collapsed). */
export function text(v: RawValue): string | null {
  if (v === null) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'string') return v || null;
  return String(v);
}

function ymd(y: number, m: number, d: number): Conv<string> {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2100 || dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) {
    return { ok: false, message: '日期不存在，请核对' };
  }
  return { ok: true, value: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

/** Excel dates, Excel serial numbers and text 2024-01-05 / 2024/1/5 / 2024.1.5 / 2024年1月5日. */
export function toDate(v: RawValue): Conv<string> {
  if (v instanceof Date) return ymd(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 1 || v > 80000) return { ok: false, message: '日期格式不正确，应为 2024-01-05 这样的日期' };
    const dt = new Date(Date.UTC(1899, 11, 30) + v * 86_400_000);
    return ymd(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
  }
  const t = text(v) ?? '';
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) return { ok: false, message: '日期格式不正确，应为 2024-01-05、2024/1/5 或 2024年1月5日' };
  return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** 是/否 (also Y/N, true/false, 1/0 as Excel stores ticks). */
export function toYesNo(v: RawValue): Conv<boolean> {
  if (typeof v === 'boolean') return { ok: true, value: v };
  const t = (text(v) ?? '').toUpperCase();
  if (['是', 'Y', 'YES', 'TRUE', '1', '√'].includes(t)) return { ok: true, value: true };
  if (['否', 'N', 'NO', 'FALSE', '0', '×'].includes(t)) return { ok: true, value: false };
  return { ok: false, message: '应填“是”或“否”' };
}

/** A money amount in yuan (元) with at most two decimals → fen. */
export function toFen(v: RawValue): Conv<number> {
  const t = (typeof v === 'number' ? String(v) : (text(v) ?? '')).replace(/[,，]/g, '').replace(/\s*元$/, '');
  if (t.startsWith('-')) return { ok: false, message: '金额不能为负数' };
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) {
    if (/^\d+\.\d{3,}$/.test(t)) return { ok: false, message: '金额最多保留两位小数' };
    return { ok: false, message: '金额格式不正确，应为数字，如 1200.50' };
  }
  return { ok: true, value: Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) };
}

/** An ID number or USCC cell: a number means Excel already destroyed it. */
export function idText(v: RawValue): Conv<string> {
  if (typeof v === 'number') {
    return { ok: false, message: '证件号码被Excel存为数字，末几位已丢失，请将该列设为文本格式后重新填写' };
  }
  const t = text(v) ?? '';
  if (/^\d(\.\d+)?E\+\d+$/i.test(t)) {
    return { ok: false, message: '证件号码被Excel存为数字（科学计数法），末几位已丢失，请将该列设为文本格式后重新填写' };
  }
  return { ok: true, value: t.replace(/\s/g, '') };
}
