/**
 * The code of the worker thread that reads an uploaded .xlsx (see upload-sheets.ts). It is plain
 * JavaScript run with `eval: true`, so that the same worker runs from the compiled server and from
 * the TypeScript sources under the tests; it needs exceljs only, resolved from `workerData.base`.
 *
 * 1. Scan: the worksheets' XML is inflated as a stream and its <row> and <c> tags counted; the scan
 *    stops at the first cap passed (rows, cells, inflated bytes), so a million-row sheet is refused
 *    after reading its first rows, never held in memory.
 * 2. Load: only then exceljs loads the workbook, and every sheet goes back as a grid of plain cell
 *    values, merged cells already reading as their master: a message per sheet, then its rows in
 *    batches, then `done`.
 */
export const SHEET_WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { createRequire } = require('node:module');
const load = createRequire(workerData.base);
const ExcelJS = load('exceljs');
const unzipper = createRequire(load.resolve('exceljs'))('unzipper');

const ROW = /<(?:[A-Za-z][\w.-]*:)?row[\s>\/]/g;
const CELL = /<(?:[A-Za-z][\w.-]*:)?c[\s>\/]/g;
const count = (s, re) => { re.lastIndex = 0; let n = 0; while (re.exec(s)) n++; return n; };

async function scan(content, caps) {
  let dir;
  try { dir = await unzipper.Open.buffer(content); } catch { return { refused: 'corrupt' }; }
  let rows = 0, cells = 0, bytes = 0;
  for (const file of dir.files) {
    if (!/^xl\/(worksheets\/[^/]+\.xml|sharedStrings\.xml)$/.test(file.path)) continue;
    const sheet = file.path.startsWith('xl/worksheets/');
    const stream = file.stream();
    let tail = '';
    try {
      for await (const chunk of stream) {
        bytes += chunk.length;
        if (bytes > caps.bytes) { stream.destroy(); return { refused: 'bytes', bytes }; }
        if (!sheet) continue;
        const s = tail + chunk.toString('latin1');
        // a tag cut by the chunk boundary is counted with the next chunk
        const lt = s.lastIndexOf('<');
        const cut = lt >= 0 && s.length - lt < 32 ? lt : s.length;
        const whole = s.slice(0, cut);
        tail = s.slice(cut);
        rows += count(whole, ROW);
        cells += count(whole, CELL);
        if (rows > caps.rows) { stream.destroy(); return { refused: 'rows', rows }; }
        if (cells > caps.cells) { stream.destroy(); return { refused: 'cells', cells }; }
      }
    } catch { return { refused: 'corrupt' }; }
    rows += count(tail, ROW);
    cells += count(tail, CELL);
  }
  if (rows > caps.rows) return { refused: 'rows', rows };
  if (cells > caps.cells) return { refused: 'cells', cells };
  return null;
}

function plain(v) {
  if (v && typeof v === 'object' && Array.isArray(v.richText)) return { richText: v.richText.map((r) => ({ text: r.text })) };
  return v === undefined ? null : v;
}

// rows go back in batches: each message is a short task for the server's thread to take in
const BATCH = 2000;

async function read(content, caps) {
  const refused = await scan(content, caps);
  if (refused) return parentPort.postMessage(refused);
  const wb = new ExcelJS.Workbook();
  try { await wb.xlsx.load(content); } catch { return parentPort.postMessage({ refused: 'corrupt' }); }
  for (const ws of wb.worksheets) {
    parentPort.postMessage({ sheet: { name: ws.name, rowCount: ws.rowCount, columnCount: ws.columnCount } });
    let rows = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.findRow(r);
      if (!row) continue;
      const cells = [];
      for (let c = 1; c <= row.cellCount; c++) {
        const cell = row.findCell(c);
        cells.push(cell ? plain((cell.isMerged && cell.master ? cell.master : cell).value) : null);
      }
      rows.push([r, cells]);
      if (rows.length === BATCH) { parentPort.postMessage({ rows }); rows = []; }
    }
    if (rows.length) parentPort.postMessage({ rows });
  }
  parentPort.postMessage({ done: true });
}

read(Buffer.from(workerData.content.buffer, workerData.content.byteOffset, workerData.content.byteLength), workerData.caps).catch(
  (err) => parentPort.postMessage({ refused: 'corrupt', detail: String(err && err.message) }),
);
`;
