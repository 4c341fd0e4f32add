import { closeSync, fstatSync, openSync, readFileSync, statSync } from 'node:fs';

/**
 * Identifies one version of the file. Every write renames a new inode into place, so an
 * unchanged key means unchanged content and the parsed copy can be reused.
 */
export interface FileKey {
  ino: number;
  size: number;
  mtimeMs: number;
}

export function sameFileKey(a: FileKey | null, b: FileKey | null): boolean {
  if (a === null || b === null) return a === b;
  return a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

export function fileKeyOf(stats: { ino: number; size: number; mtimeMs: number }): FileKey {
  return { ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs };
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/** The key of the file as it is now; null when it does not exist. */
export function statStoreFile(file: string): FileKey | null {
  try {
    return fileKeyOf(statSync(file));
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

/**
 * The bytes and the key of one and the same version of the file (read through one
 * descriptor). Synchronous, like the writes (see atomic-write.ts): the asynchronous read
 * costs a thread-pool round trip per step, which short-lived commands feel most.
 */
export function readStoreFile(file: string): { bytes: Buffer; key: FileKey } | null {
  let fd;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
  try {
    const key = fileKeyOf(fstatSync(fd));
    return { bytes: readFileSync(fd), key };
  } finally {
    closeSync(fd);
  }
}
