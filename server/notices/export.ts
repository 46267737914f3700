import { newWorkbook } from '../documents/spreadsheet.js';
import { PUBLICITY_STATE_LABEL } from '../../core/notices.js';
import type { listNotices } from './queries.js';

/** The notice list the user sees, as an .xlsx a street office can file or forward. */
export async function noticesWorkbook(items: Awaited<ReturnType<typeof listNotices>>['items']): Promise<Buffer> {
  const wb = await newWorkbook();
  const ws = wb.addWorksheet('公告');
  ws.columns = [
    { header: '编号', key: 'id', width: 8 },
    { header: '张贴范围', key: 'nodeName', width: 18 },
    { header: '类型', key: 'kindLabel', width: 16 },
    { header: '标题', key: 'title', width: 40 },
    { header: '状态', key: 'stateLabel', width: 10 },
    { header: '张贴日期', key: 'publishDate', width: 12 },
    { header: '公示期', key: 'periodText', width: 12 },
    { header: '届满日期', key: 'endDate', width: 12 },
    { header: '接受异议', key: 'acceptsObjections', width: 10 },
    { header: '日历提示', key: 'calendarWarning', width: 30 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const n of items) {
    ws.addRow({
      ...n,
      stateLabel: PUBLICITY_STATE_LABEL[n.state as keyof typeof PUBLICITY_STATE_LABEL] ?? n.stateLabel,
      acceptsObjections: n.acceptsObjections ? '是' : '否',
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
