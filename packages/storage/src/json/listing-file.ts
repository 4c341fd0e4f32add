import { closeSync, fstatSync, openSync, readSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { sameFileKey, type FileKey } from './store-file';
import { listingHeader, StoreListing } from './store-listing';

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
 * The bytes and session count of the listing at `path` when its first line says it was made
 * from the store version `store` (only that line is read otherwise); undefined when it is
 * missing, unreadable or made from another version. Its lines are not checked here.
 */
export function readListingBytes(path: string, store: FileKey | null): { bytes: Buffer; sessions: number } | undefined {
  if (store === null) return undefined;
  let fd;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const size = fstatSync(fd).size;
    const probe = readFully(fd, Math.min(size, HEADER_PROBE_BYTES));
    const probed = listingHeader(probe, probe.length === size);
    if (probed === undefined || !sameFileKey(probed.store, store)) return undefined;
    const bytes = size <= probe.length ? probe : readFully(fd, size);
    const header = listingHeader(bytes);
    return header === undefined ? undefined : { bytes, sessions: header.sessions };
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** The listing at `path`, checked line by line, when it was made from the store version `store`; null otherwise. */
export function readListing(path: string, store: FileKey | null): StoreListing | null {
  const read = readListingBytes(path, store);
  const listing = read && StoreListing.parse(read.bytes);
  return listing?.madeFrom(store) ? listing : null;
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
