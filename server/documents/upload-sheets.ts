import type ExcelJS from 'exceljs';
import { Worker } from 'node:worker_threads';
import { AppError, badRequest } from '../http/errors.js';
import { SHEET_WORKER_SOURCE } from './sheet-worker-source.js';

/**
 * Uploaded spreadsheets are read off the event loop (issue 20 §3): a 14.6 MB .xlsx of a million
 * rows used to freeze the whole server for 28 s and take 2 GB, and ballots stalled. Each file is
 * read by a worker thread that first counts its rows and cells as a stream and stops at the first
 * cap passed (413, nothing read further, nothing changed), then loads the sheets and hands them
 * back as grids of plain values. At most UPLOAD_PARSERS files (default 1) are read at a time, so
 * that reading never takes both cores from the server; a few more wait their turn.
 */

export interface SheetCaps {
  /** Rows over all worksheets. */
  rows: number;
  /** Cells (<c> tags) over all worksheets. */
  cells: number;
  /** Bytes of the worksheets and shared strings once inflated (a zip bomb stops here). */
  bytes: number;
}

/** One worksheet as it was read: rows by their Excel number, cells from column 1. */
export class SheetGrid {
  private readonly byRow: Map<number, ExcelJS.CellValue[]>;
  constructor(
    readonly name: string,
    readonly rowCount: number,
    readonly columnCount: number,
    rows: [number, ExcelJS.CellValue[]][],
  ) {
    this.byRow = new Map(rows);
  }
  /** How many cells row `r` holds (as exceljs' Row.cellCount). */
  cellCount(r: number): number {
    return this.byRow.get(r)?.length ?? 0;
  }
  /** The value of a cell (a merged cell reads as its master); null when empty. */
  value(r: number, c: number): ExcelJS.CellValue {
    return this.byRow.get(r)?.[c - 1] ?? null;
  }
  hasValues(r: number): boolean {
    return (this.byRow.get(r) ?? []).some((v) => v !== null && v !== undefined);
  }
}

const SPLIT_HINT = '请删除多余的工作表、空行和列后另存，或把内容拆成几个文件分别上传';
const TIME_LIMIT_MS = 60_000;
const MAX_WAITING = 8;
const PARSERS = Math.max(1, Number(process.env.UPLOAD_PARSERS) || 1);

interface SheetRead {
  name: string;
  rowCount: number;
  columnCount: number;
  rows: [number, ExcelJS.CellValue[]][];
}
type WorkerResult = { sheets: SheetRead[] } | { refused: 'rows' | 'cells' | 'bytes' | 'corrupt' };
type WorkerMessage =
  | { sheet: Omit<SheetRead, 'rows'> }
  | { rows: [number, ExcelJS.CellValue[]][] }
  | { done: true }
  | { refused: 'rows' | 'cells' | 'bytes' | 'corrupt' };

let running = 0;
const waiting: (() => void)[] = [];

async function turn(): Promise<() => void> {
  if (running >= PARSERS) {
    if (waiting.length >= MAX_WAITING) {
      throw new AppError(503, 'UPLOADS_BUSY', '正在读取的上传文件较多，请稍等一两分钟后重新上传');
    }
    // woken by a release, which hands its slot over: `running` stays as it is
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else running++;
  return () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
}

function runWorker(content: Buffer, caps: SheetCaps): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(SHEET_WORKER_SOURCE, {
      eval: true,
      workerData: { base: import.meta.url, content, caps },
      // a file that passes the caps but still needs more than this is refused, never the server's memory
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
    });
    let done = false;
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(
      () =>
        finish(() => reject(new AppError(413, 'FILE_TOO_COMPLEX', `文件在${TIME_LIMIT_MS / 1000}秒内未能读完，无法导入：${SPLIT_HINT}`))),
      TIME_LIMIT_MS,
    );
    const sheets: SheetRead[] = [];
    worker.on('message', (m: WorkerMessage) => {
      if ('refused' in m) finish(() => resolve(m));
      else if ('sheet' in m) sheets.push({ ...m.sheet, rows: [] });
      else if ('rows' in m) sheets.at(-1)!.rows.push(...m.rows);
      else finish(() => resolve({ sheets }));
    });
    worker.once('error', (err: Error & { code?: string }) =>
      finish(() =>
        reject(
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new AppError(413, 'FILE_TOO_COMPLEX', `文件内容过于复杂，读取所需内存超过上限，无法导入：${SPLIT_HINT}`)
            : err,
        ),
      ),
    );
    worker.once('exit', () => finish(() => reject(new Error('读取Excel的工作线程意外退出'))));
  });
}

/**
 * The worksheets of an uploaded .xlsx (already checked to be a zip), read in a worker thread.
 * Over a cap: 413 saying the cap; not an .xlsx exceljs can read: 400 with `corruptMessage`.
 */
export async function readUploadedSheets(content: Buffer, caps: SheetCaps, corruptMessage: string): Promise<SheetGrid[]> {
  const release = await turn();
  let result: WorkerResult;
  try {
    result = await runWorker(content, caps);
  } finally {
    release();
  }
  if ('sheets' in result) return result.sheets.map((s) => new SheetGrid(s.name, s.rowCount, s.columnCount, s.rows));
  switch (result.refused) {
    case 'rows':
      throw new AppError(413, 'TOO_MANY_ROWS', `文件的行数超过上限：每个文件最多${caps.rows.toLocaleString('zh-CN')}行。${SPLIT_HINT}`);
    case 'cells':
      throw new AppError(
        413,
        'TOO_MANY_CELLS',
        `文件的单元格数超过上限：每个文件最多${caps.cells.toLocaleString('zh-CN')}个单元格。${SPLIT_HINT}`,
      );
    case 'bytes':
      throw new AppError(
        413,
        'FILE_TOO_LARGE',
        `文件解压后的内容超过上限（${Math.round(caps.bytes / 2 ** 20)} MB），无法读取。${SPLIT_HINT}`,
      );
    default:
      throw badRequest(corruptMessage);
  }
}

/** Files being read and files waiting their turn (for /metrics). */
export const uploadQueue = () => ({ reading: running, waiting: waiting.length });
