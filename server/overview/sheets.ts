import { FIGURE_INFO, type FigureCode } from '../../core/overview.js';
import { newWorkbook } from '../documents/spreadsheet.js';
import type { figureList, overview } from './queries.js';

type Overview = Awaited<ReturnType<typeof overview>>;
type FigureList = Awaited<ReturnType<typeof figureList>>;

const rate = (r: number | null) => (r === null ? '无数据' : r);
const where = (o: { node: { name: string } | null }) => o.node?.name ?? '我的范围';

/**
 * The dashboard as a workbook (issue 18 §2): a sheet of every figure per child — the tables under
 * the charts — and the coverage over time; the same numbers the screen shows.
 */
export async function overviewWorkbook(o: Overview): Promise<Buffer> {
  const wb = await newWorkbook();
  const ws = wb.addWorksheet('总览');
  ws.addRow([`${where(o)} 总览（${o.year}年，截至${o.today}）`]).font = { bold: true, size: 14 };
  const header = ['指标', '依据', ...o.children.map((c) => c.name), '合计'];
  ws.addRow(header).font = { bold: true };
  ws.columns = header.map((_h, i) => ({ width: i === 0 ? 22 : i === 1 ? 12 : 14 }));
  for (const f of o.figures) {
    const cell = (t: { value: number; of: number; rate: number | null }) =>
      f.kind === 'rate' ? `${t.value}/${t.of}（${t.rate === null ? '无数据' : `${t.rate}%`}）` : t.value;
    ws.addRow([f.label, f.rule ?? '', ...f.byChild.map(cell), cell(f)]);
  }
  const cs = wb.addWorksheet('组建覆盖进度');
  cs.addRow(['月份', '已成立物管会', '需组建物管会的小区', '覆盖率（%）']).font = { bold: true };
  for (const p of o.coverage.points) cs.addRow([p.month, p.value, p.of, rate(p.rate)]);
  const fs = wb.addWorksheet('组建漏斗');
  fs.addRow(['组建阶段', '案件数']).font = { bold: true };
  fs.columns = [{ width: 28 }, { width: 10 }];
  for (const f of o.funnel) fs.addRow([f.label, f.count]);
  const ks = wb.addWorksheet('分类管理');
  ks.addRow(['分类', ...o.children.map((c) => c.name), '合计']).font = { bold: true };
  for (const k of o.classes) ks.addRow([k.label, ...k.byChild.map((c) => c.estates), k.estates]);
  ks.addRow([]);
  ks.addRow(['试点小区', '分类']).font = { bold: true };
  for (const p of o.pilots) ks.addRow([p.name, p.classLabel]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** One chart's table (per child) and its list, as a workbook. */
export async function figureWorkbook(code: FigureCode, l: FigureList): Promise<Buffer> {
  const info = FIGURE_INFO[code];
  const wb = await newWorkbook();
  const t = wb.addWorksheet('分布');
  t.addRow([`${where(l)} ${info.label}${info.rule ? `（${info.rule}）` : ''}，${l.year}年`]).font = { bold: true, size: 14 };
  t.addRow(['范围', info.valueLabel, info.ofLabel, '比例（%）']).font = { bold: true };
  t.columns = [{ width: 24 }, { width: 16 }, { width: 20 }, { width: 12 }];
  for (const c of l.figure.byChild) t.addRow([c.name, c.value, c.of, rate(c.rate)]);
  t.addRow(['合计', l.figure.value, l.figure.of, rate(l.figure.rate)]).font = { bold: true };
  const s = wb.addWorksheet('明细');
  s.addRow([info.rowLabel, '所在', info.valueLabel, info.ofLabel, '说明']).font = { bold: true };
  s.columns = [{ width: 30 }, { width: 20 }, { width: 12 }, { width: 12 }, { width: 60 }];
  for (const r of l.items) s.addRow([r.name, r.place, r.value, r.of, r.note]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
