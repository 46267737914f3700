import type ExcelJS from 'exceljs';
import { newWorkbook } from '../documents/spreadsheet.js';
import { COLUMNS, IMPORT_KIND_LABEL, type ImportKind } from './columns.js';
import type { RowError } from './importer.js';

/**
 * The downloadable templates (Chinese headers, one example row, a 说明 sheet, text-formatted code
 * columns) and the error report of a checked file.
 */

const TEXT_FORMAT = '@';
const REQUIRED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE9D9' } };

export async function templateWorkbook(kind: ImportKind): Promise<Buffer> {
  const columns = COLUMNS[kind];
  const wb = await newWorkbook();
  const ws = wb.addWorksheet(IMPORT_KIND_LABEL[kind]);
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? Math.max(12, c.header.length * 2 + 2) }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  columns.forEach((c, i) => {
    if (c.headerRequired && c.required.startsWith('必填')) header.getCell(i + 1).fill = REQUIRED_FILL;
    if (c.allowed) header.getCell(i + 1).note = `可填：${c.allowed.join('、')}`;
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  // Codes, ID numbers and room numbers as text: Excel would otherwise make 18-digit IDs numbers and lose digits.
  columns.forEach((c, i) => {
    if (c.text) ws.getColumn(i + 1).numFmt = TEXT_FORMAT;
  });
  const example = ws.addRow(Object.fromEntries(columns.map((c) => [c.key, c.example === '' ? null : c.example])));
  // Shown for the format only: a row repeating it, or its ID number, is refused (exampleRowError, issue 13).
  example.font = { color: { argb: 'FF808080' }, italic: true };
  example.getCell(1).note = '示例行：只说明格式，不会被导入。请删除本行，或在本行填写真实数据';
  // Drop-downs for the columns with allowed values, over the first 1,000 data rows.
  columns.forEach((c, i) => {
    if (!c.allowed) return;
    const letter = ws.getColumn(i + 1).letter;
    for (let r = 2; r <= 1001; r++) {
      ws.getCell(`${letter}${r}`).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${c.allowed.join(',')}"`],
        showErrorMessage: c.key !== 'tags',
        errorTitle: '不在可选范围内',
        error: `请从下拉列表中选择：${c.allowed.join('、')}`,
      };
    }
  });

  const help = wb.addWorksheet('说明');
  help.columns = [
    { header: '列名', key: 'header', width: 24 },
    { header: '是否必填', key: 'required', width: 30 },
    { header: '格式', key: 'format', width: 60 },
    { header: '可填的值', key: 'allowed', width: 50 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of columns) help.addRow({ header: c.header, required: c.required, format: c.format, allowed: c.allowed?.join('、') ?? '' });
  help.addRow({});
  for (const line of NOTES[kind]) help.addRow({ header: line });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const NOTES: Record<ImportKind, string[]> = {
  roll: [
    '填写说明：',
    '1. 每行是一套房屋的一名业主；共有房屋每名共有人一行，房屋信息（楼栋、单元、房号、面积等）须相同，并指定一名表决人（R4）。',
    '2. 只有房屋信息、业主姓名为空的行，只登记房屋。',
    '3. 同一小区按“楼栋+单元+房号”识别房屋，按证件号码识别业主；重复导入同一文件不会产生变化。',
    '4. 某房屋原有的业主不在本文件该房屋的行中时，其产权在新业主的取得日期结束（过户，历史保留）；导入前系统会逐户列出将结束和新登记的产权，须核对确认后才能导入。',
    '5. 证件号码列请保持文本格式，否则Excel会把18位号码存为数字并丢失末几位。',
    '6. 第2行（灰色）是示例，不会被导入：请删除或改为真实数据；示例中的证件号码不能用于任何一行。',
  ],
  people: [
    '填写说明：',
    '1. 按证件号码识别人员，已登记的人员会更新其信息。',
    '2. 第2行（灰色）是示例，不会被导入：请删除或改为真实数据；示例中的证件号码不能用于任何一行。',
  ],
  companies: [
    '填写说明：',
    '1. 按统一社会信用代码识别企业，本街道已登记的企业会更新其信息。',
    '2. 第2行（灰色）是示例，不会被导入：请删除或改为真实数据；示例中的统一社会信用代码不能用于任何一行。',
  ],
};

/** 行号, 列, 问题 + the original row's values, one line per problem. */
export async function reportWorkbook(input: {
  headers: string[];
  errors: RowError[];
  warnings: RowError[];
  rowValues: Record<string, string[]>;
}): Promise<Buffer> {
  const wb = await newWorkbook();
  const ws = wb.addWorksheet('错误报告');
  ws.columns = [
    { header: '行号', key: 'row', width: 8 },
    { header: '列', key: 'column', width: 18 },
    { header: '类型', key: 'type', width: 8 },
    { header: '问题', key: 'message', width: 60 },
    ...input.headers.map((h, i) => ({ header: `原值：${h}`, key: `v${i}`, width: 16, style: { numFmt: TEXT_FORMAT } })),
  ];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const add = (e: RowError, type: string) => {
    const values = input.rowValues[String(e.row)] ?? [];
    ws.addRow({
      row: e.row || '',
      column: e.column,
      type,
      message: e.message,
      ...Object.fromEntries(values.map((v, i) => [`v${i}`, v])),
    });
  };
  for (const e of input.errors) add(e, '错误');
  for (const w of input.warnings) add(w, '提示');
  if (input.errors.length + input.warnings.length === 0) ws.addRow({ message: '文件检查通过，没有发现问题' });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
