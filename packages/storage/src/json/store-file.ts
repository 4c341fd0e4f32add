import { readFileSync } from 'node:fs';

/**
 * The bytes of the store file; null when it does not exist. Synchronous, like the writes
 * (see atomic-write.ts): the asynchronous read costs a thread-pool round trip per step,
 * which short-lived commands feel most.
 */
export function readStoreFile(file: string): Buffer | null {
  try {
    return readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
