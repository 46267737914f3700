import fs from 'node:fs';

/** Below this much free space on the data folder's disk, writes are about to fail: health says `full`. */
export const DISK_FULL_BYTES = 64 * 2 ** 20;
/** Below this, health says `low`: time to make room. */
export const DISK_LOW_BYTES = 1024 * 2 ** 20;
/** After a write failed for lack of space, health says `full` for this long (or until space is back). */
export const DISK_FULL_HOLD_MS = 5 * 60_000;

export type DiskStatus = 'ok' | 'low' | 'full';

/**
 * The data folder's disk (issue 20: a full disk answered writes with a generic 500 while health said
 * ok). Free space from statfs on the folder; and a write that failed for lack of space — on the
 * embedded database or a PostgreSQL server whose disk we cannot see — marks the disk full for a while.
 */
export class DiskWatch {
  private failedAt: number | null = null;
  constructor(
    private readonly freeBytes: () => number | null,
    private readonly now: () => number = Date.now,
  ) {}

  static forFolder(dir: string | null | undefined): DiskWatch {
    return new DiskWatch(() => {
      if (!dir) return null;
      try {
        const s = fs.statfsSync(dir);
        return s.bavail * s.bsize;
      } catch {
        return null;
      }
    });
  }

  markFull(): void {
    this.failedAt = this.now();
  }

  status(): { status: DiskStatus; freeMiB: number | null } {
    const free = this.freeBytes();
    const freeMiB = free === null ? null : Math.floor(free / 2 ** 20);
    const recentFailure = this.failedAt !== null && this.now() - this.failedAt < DISK_FULL_HOLD_MS;
    // space made since the failure clears it at once
    if (recentFailure && (free === null || free < DISK_LOW_BYTES)) return { status: 'full', freeMiB };
    if (free !== null && free < DISK_FULL_BYTES) return { status: 'full', freeMiB };
    if (free !== null && free < DISK_LOW_BYTES) return { status: 'low', freeMiB };
    return { status: 'ok', freeMiB };
  }
}

/** A database or file write that failed because the disk is full (PostgreSQL 53100, ENOSPC). */
export function isDiskFull(err: { code?: unknown; message?: unknown }): boolean {
  return err.code === '53100' || err.code === 'ENOSPC' || /No space left on device|could not extend file/i.test(String(err.message ?? ''));
}
