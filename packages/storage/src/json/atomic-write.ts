import { closeSync, copyFileSync, fsyncSync, linkSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { StorePaths } from './store-paths';

/*
 * Synchronous on purpose: these run while the store lock is held, and a dozen small
 * steps each waiting for a thread-pool round trip kept the lock (and a short-lived CLI)
 * several times longer than the disk work itself.
 */

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

/** Durably writes `bytes` to `path` (which must not be visible to readers yet). */
function writeDurably(path: string, bytes: Buffer): void {
  const fd = openSync(path, 'w');
  try {
    for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a rename in `dir` durable. Platforms that cannot open a directory skip it. */
function syncDirectory(dir: string): void {
  let fd;
  try {
    fd = openSync(dir, 'r');
  } catch (error) {
    if (errorCode(error) === 'EISDIR' || errorCode(error) === 'EPERM') return;
    throw error;
  }
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Removes a file that may not exist. Not rmSync: its first call loads node's rimraf
 * module, which costs the first write of every process ~0.2 ms.
 */
function removeIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
}

/**
 * Points `sessions.json.bak` at the current file. A hard link costs no copy and the current
 * file is never written in place, so the link keeps that version's bytes for good.
 */
function refreshBackup(paths: StorePaths): void {
  removeIfPresent(paths.stagingBackup);
  try {
    linkSync(paths.file, paths.stagingBackup);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    if (errorCode(error) !== 'EPERM' && errorCode(error) !== 'ENOTSUP' && errorCode(error) !== 'EXDEV') throw error;
    copyFileSync(paths.file, paths.stagingBackup);
  }
  renameSync(paths.stagingBackup, paths.backup);
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
export function replaceStoreFile(paths: StorePaths, bytes: Buffer, options: ReplaceOptions): void {
  try {
    writeDurably(paths.stagingFile, bytes);
    if (options.keepBackup) refreshBackup(paths);
    renameSync(paths.stagingFile, paths.file);
  } catch (error) {
    // A write that failed (a full disk, most often) leaves no partial copy taking up space.
    removeQuietly(paths.stagingFile);
    removeQuietly(paths.stagingBackup);
    throw error;
  }
  syncDirectory(dirname(paths.file));
}

function removeQuietly(path: string): void {
  try {
    removeIfPresent(path);
  } catch {
    // The error being reported is the write's; a staging file that cannot go is overwritten next time.
  }
}

/**
 * Writes a file that must never be overwritten once it exists; false when it already did.
 * Linking a complete temp file into place means a crash never leaves a partial copy behind.
 */
export function writeFileOnce(path: string, bytes: Buffer): boolean {
  const staging = `${path}.tmp`;
  try {
    writeDurably(staging, bytes);
    linkSync(staging, path);
    syncDirectory(dirname(path));
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  } finally {
    removeIfPresent(staging);
  }
}
