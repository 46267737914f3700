import { CREDIT_INPUT_LABEL, CREDIT_INPUTS } from '../../core/credit.js';
import { newWorkbook } from '../documents/spreadsheet.js';
import type { creditInputs } from './credit.js';

type Row = Awaited<ReturnType<typeof creditInputs>>['items'][number];

/** The district's export: one row per company with each input's score, and a sheet of the explanations. */
export async function creditWorkbook(items: Row[]): Promise<Buffer> {
  const wb = await newWorkbook();
  const ws = wb.addWorksheet('信用评价依据');
  const header = [
    '企业',
    '统一社会信用代码',
    '街道',
    '年度',
    ...CREDIT_INPUTS.map((i) => `${CREDIT_INPUT_LABEL[i]}得分`),
    '加权得分',
    '等级',
  ];
  ws.addRow(header).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.columns = header.map((_h, i) => ({ width: i === 0 ? 24 : i === 1 ? 22 : 12 }));
  for (const c of items)
    ws.addRow([
      c.name,
      c.uscc,
      c.streetName,
      c.year,
      ...c.inputs.map((i) => i.score ?? '无数据'),
      c.score ?? '无数据',
      c.grade ?? '暂不评级',
    ]);
  const ex = wb.addWorksheet('评分说明');
  ex.addRow(['企业', '评价项', '权重', '得分', '计入分', '说明']).font = { bold: true };
  ex.columns = [{ width: 24 }, { width: 18 }, { width: 8 }, { width: 8 }, { width: 8 }, { width: 80 }];
  for (const c of items) {
    for (const i of c.inputs) ex.addRow([c.name, i.label, i.weight, i.score ?? '无数据', i.points ?? '不计入', i.explanation]);
    ex.addRow([c.name, '等级', '', c.score ?? '', '', `${c.grade ?? '暂不评级'}：${c.explanation}`]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
