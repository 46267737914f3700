import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../http/errors.js';

/**
 * Two processes can open one PGlite folder without any error and then corrupt it. The first process
 * takes `<dataDir>/gongzhi.lock` holding its pid; a second one is refused while that pid lives. A
 * lock left by a crashed process (pid gone) is taken over.
 */
const heldByThisProcess = new Set<string>();

export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'gongzhi.lock');
  if (heldByThisProcess.has(lockPath)) throw locked(dataDir, process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      heldByThisProcess.add(lockPath);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        heldByThisProcess.delete(lockPath);
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(fs.readFileSync(lockPath, 'utf8').trim());
      // Our own pid in the file (and not in our set) is a previous process's lock whose pid was reused.
      if (holder && holder !== process.pid && isAlive(holder)) throw locked(dataDir, holder);
      fs.unlinkSync(lockPath); // stale: its process is gone
    }
  }
  throw new AppError(500, 'DATA_DIR_LOCKED', `无法锁定数据目录 ${dataDir}`);
}

function locked(dataDir: string, holder: number) {
  return new AppError(
    500,
    'DATA_DIR_LOCKED',
    `数据目录 ${dataDir} 已被另一个进程（PID ${holder}）使用。内嵌数据库只能由一个进程打开；` +
      '请先停止该进程，或为本进程设置另一个 DATA_DIR，或使用 DATABASE_URL 连接 PostgreSQL 服务器以运行多个实例。',
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
