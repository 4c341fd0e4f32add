import { closeSync, fstatSync, openSync, readSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { sameFileKey, type FileKey } from './store-file';
import { StoreListing } from './store-listing';

/** Enough bytes for any listing's first line, which names the store version it was made from. */
const HEADER_PROBE_BYTES = 512;

function readFully(fd: number, length: number): Buffer {
  const bytes = Buffer.allocUnsafe(length);
  let read = 0;
  while (read < length) {
    const count = readSync(fd, bytes, read, length - read, read);
    if (count === 0) break;
    read += count;
  }
  return read === length ? bytes : bytes.subarray(0, read);
}

/**
 * The listing at `path` when it was made from the store version `store`; null when it is
 * missing, damaged, unreadable or made from another version (only its first line is read then).
 */
export function readListing(path: string, store: FileKey | null): StoreListing | null {
  if (store === null) return null;
  let fd;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const size = fstatSync(fd).size;
    const probe = readFully(fd, Math.min(size, HEADER_PROBE_BYTES));
    const headerEnd = probe.indexOf(0x0a);
    if (headerEnd === -1) return null;
    const made = (JSON.parse(probe.toString('utf8', 0, headerEnd)) as { store?: FileKey }).store ?? null;
    if (!sameFileKey(made, store)) return null;
    const listing = StoreListing.parse(size <= probe.length ? probe : readFully(fd, size));
    return listing?.madeFrom(store) ? listing : null;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/**
 * Puts a listing in place whole (written beside it, then renamed over it), or leaves the
 * old one, which names an older store version and so is ignored. Never fsynced: a listing
 * lost in a crash is made again from the store.
 */
export function writeListing(path: string, staging: string, bytes: Buffer): void {
  try {
    writeFileSync(staging, bytes);
    renameSync(staging, path);
  } catch {
    try {
      unlinkSync(staging);
    } catch {
      // Never written, or already gone.
    }
  }
}
