import { statfsSync, statSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname } from 'node:path';
import type { SqliteConnection, SqliteDriver } from './sqlite-driver';

/**
 * Below this much free space the disk counts as full: SQLite needs its `-shm` file (32 KiB)
 * and the first pages of its `-wal` file to open a database in WAL mode, and a disk that
 * cannot give those refuses the open with an I/O error rather than SQLITE_FULL.
 */
const ROOM_TO_OPEN_BYTES = 1024 * 1024;

/** Whether the file system holding `file` has (next to) no space left for this user. */
export function outOfSpace(file: string): boolean {
  try {
    const stats = statfsSync(dirname(file));
    return stats.bavail * stats.bsize < ROOM_TO_OPEN_BYTES;
  } catch {
    return false;
  }
}

/**
 * The error of a write refused for want of space, in the file system's own form (ENOSPC),
 * so that callers that answer read-only through a full disk recognise it.
 */
export function noSpaceError(file: string, cause?: unknown): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOSPC: no space left on device, open '${file}'`, cause === undefined ? undefined : { cause }), {
    code: 'ENOSPC',
    errno: -constants.errno.ENOSPC,
    syscall: 'open',
    path: file,
  });
}

/** Whether the write-ahead log holds nothing the main file lacks: it is absent, or empty. */
function walIsEmpty(file: string): boolean {
  try {
    return statSync(`${file}-wal`).size === 0;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/**
 * A read-only view of the database for a disk with no room to open it normally, or null
 * when there is none to give: the disk is not full (the failure is something else), or the
 * write-ahead log holds changes the main file lacks (a view of the main file alone would
 * be stale), or this Node's driver cannot open one. When no genie process has the database
 * open, the last one to close it has moved every change into the main file and removed the
 * log, which is when a normal open needs new space and this view is exact.
 */
export function openDiskFullSnapshot(driver: SqliteDriver, file: string): SqliteConnection | null {
  if (!outOfSpace(file) || !walIsEmpty(file)) return null;
  try {
    return driver.openSnapshot(file);
  } catch {
    return null;
  }
}
