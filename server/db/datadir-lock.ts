import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { AppError } from '../http/errors.js';

/**
 * Two processes can open one PGlite folder without any error and then corrupt it, so a process holds
 * a lock on the folder while it has it open.
 *
 * On Linux the lock is a listening socket in the abstract namespace, named after the folder's real
 * path (issue 20): binding it is atomic in the kernel — of any number of processes taking over at
 * the same moment exactly one succeeds — and the kernel releases it when the process ends, however
 * it ends (kill -9 included), so there is no stale lock to take over and no PID to be fooled by. The
 * file `gongzhi.lock` beside it only tells the holder's PID, for the message; it decides nothing.
 * (Processes in different network namespaces — containers — do not see each other's socket: give
 * each container its own data folder.)
 *
 * Elsewhere (macOS, Windows: development machines) the file is the lock, created exclusively and
 * taken over when its PID is gone: good enough for one developer, not for takeover races.
 */
const heldByThisProcess = new Set<string>();

export async function lockDataDir(dataDir: string): Promise<() => void> {
  fs.mkdirSync(dataDir, { recursive: true });
  const real = fs.realpathSync(dataDir);
  const lockPath = path.join(real, 'gongzhi.lock');
  if (process.platform !== 'linux') return pidFileLock(dataDir, lockPath);

  const name = `\0gongzhi-datadir-${crypto.createHash('sha256').update(real).digest('hex').slice(0, 40)}`;
  const server = net.createServer((socket) => socket.destroy());
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ path: name, exclusive: true }, () => resolve());
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    throw locked(dataDir, readHolder(lockPath));
  }
  server.unref(); // the lock must not keep the process alive
  fs.writeFileSync(lockPath, String(process.pid));
  let released = false;
  return () => {
    if (released) return;
    released = true;
    try {
      if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
    } catch {
      /* already gone */
    }
    server.close();
  };
}

function readHolder(lockPath: string): number | null {
  try {
    const pid = Number(fs.readFileSync(lockPath, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function pidFileLock(dataDir: string, lockPath: string): () => void {
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
      const holder = readHolder(lockPath);
      if (holder && holder !== process.pid && isAlive(holder)) throw locked(dataDir, holder);
      fs.unlinkSync(lockPath); // stale: its process is gone
    }
  }
  throw new AppError(500, 'DATA_DIR_LOCKED', `无法锁定数据目录 ${dataDir}`);
}

function locked(dataDir: string, holder: number | null) {
  return new AppError(
    500,
    'DATA_DIR_LOCKED',
    `数据目录 ${dataDir} 已被另一个进程${holder ? `（PID ${holder}）` : ''}使用。内嵌数据库只能由一个进程打开；` +
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
