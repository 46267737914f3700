import type ExcelJS from 'exceljs';

/**
 * exceljs, loaded on first use: importing it takes ~0.3 s and ~22 MiB that start-up should not pay
 * (bench/startup.mjs: the server must answer within 3 s and idle under 300 MiB).
 */
export async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

/** A new workbook for a file the platform hands out. */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'gongzhi';
  return wb;
}

export interface SheetColumn<T> {
  header: string;
  width?: number;
  value: (row: T) => string | number | null | undefined;
}

/**
 * A list view as an .xlsx: bold frozen header, one row per item, text cells for codes (so Excel
 * does not turn a room number or an ID mask into a number). Every export of a list the user can
 * see goes through here, fed by the same scope-filtered query as the page.
 */
export async function listWorkbook<T>(sheetName: string, columns: SheetColumn<T>[], rows: Iterable<T>): Promise<Buffer> {
  const wb = await newWorkbook();
  const ws = wb.addWorksheet(sheetName);
  ws.columns = columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width ?? 14 }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) {
    const values: Record<string, string | number | null> = {};
    columns.forEach((c, i) => (values[`c${i}`] = c.value(r) ?? null));
    ws.addRow(values);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Content-Disposition for a Chinese file name (RFC 6266 / 5987). */
export function attachmentDisposition(fileName: string): string {
  return `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
