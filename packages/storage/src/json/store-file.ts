import { open, stat } from 'node:fs/promises';

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
export async function statStoreFile(file: string): Promise<FileKey | null> {
  try {
    return fileKeyOf(await stat(file));
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

/** The bytes and the key of one and the same version of the file (read through one descriptor). */
export async function readStoreFile(file: string): Promise<{ bytes: Buffer; key: FileKey } | null> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
  try {
    const key = fileKeyOf(await handle.stat());
    return { bytes: await handle.readFile(), key };
  } finally {
    await handle.close();
  }
}
