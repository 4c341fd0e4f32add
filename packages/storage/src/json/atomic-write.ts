import { copyFile, link, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileKeyOf, type FileKey } from './store-file';
import type { StorePaths } from './store-paths';

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

/** Durably writes `bytes` to `path` (which must not be visible to readers yet). */
async function writeDurably(path: string, bytes: Buffer): Promise<FileKey> {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
    return fileKeyOf(await handle.stat());
  } finally {
    await handle.close();
  }
}

/** Makes a rename in `dir` durable. Platforms that cannot open a directory skip it. */
async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
  } catch (error) {
    if (errorCode(error) === 'EISDIR' || errorCode(error) === 'EPERM') return;
    throw error;
  }
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Points `sessions.json.bak` at the current file. A hard link costs no copy and the current
 * file is never written in place, so the link keeps that version's bytes for good.
 */
async function refreshBackup(paths: StorePaths): Promise<void> {
  await rm(paths.stagingBackup, { force: true });
  try {
    await link(paths.file, paths.stagingBackup);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    if (errorCode(error) !== 'EPERM' && errorCode(error) !== 'ENOTSUP' && errorCode(error) !== 'EXDEV') throw error;
    await copyFile(paths.file, paths.stagingBackup);
  }
  await rename(paths.stagingBackup, paths.backup);
}

export interface ReplaceOptions {
  /** Keep the current file as `.bak` first; only when the current file is known to be good. */
  keepBackup: boolean;
}

/**
 * Replaces the store file so that readers and crashes see either the old or the new
 * version, never a mix: temp file, fsync, rename over, fsync the directory. Callers hold
 * the store lock, which is what makes the fixed staging names safe.
 */
export async function replaceStoreFile(paths: StorePaths, bytes: Buffer, options: ReplaceOptions): Promise<FileKey> {
  const key = await writeDurably(paths.stagingFile, bytes);
  if (options.keepBackup) await refreshBackup(paths);
  await rename(paths.stagingFile, paths.file);
  await syncDirectory(dirname(paths.file));
  return key;
}

/**
 * Writes a file that must never be overwritten once it exists; false when it already did.
 * Linking a complete temp file into place means a crash never leaves a partial copy behind.
 */
export async function writeFileOnce(path: string, bytes: Buffer): Promise<boolean> {
  const staging = `${path}.tmp`;
  await writeDurably(staging, bytes);
  try {
    await link(staging, path);
    await syncDirectory(dirname(path));
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(staging, { force: true });
  }
}
