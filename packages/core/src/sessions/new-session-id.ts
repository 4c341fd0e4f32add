import { closeSync, openSync, readSync } from 'node:fs';

const RANDOM_SOURCE = '/dev/urandom';

function randomBytesFrom(source: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(source, 'r');
  } catch {
    return undefined;
  }
  try {
    const bytes = Buffer.alloc(16);
    return readSync(fd, bytes, 0, 16, null) === 16 ? bytes : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * A random (version 4) UUID for a new session, from the kernel's random source.
 *
 * node:crypto's `randomUUID` gives the same, but loading node:crypto costs each
 * `genie run` about 2 ms of start-up, a tenth of all it does before returning. Where there
 * is no `/dev/urandom` to read (Windows), node:crypto is used after all.
 *
 * @param source where the random bytes come from (tests name one that does not exist)
 */
export function newSessionId(source: string = RANDOM_SOURCE): string {
  const bytes = randomBytesFrom(source);
  if (!bytes) return (require('node:crypto') as typeof import('node:crypto')).randomUUID();
  // RFC 9562: the version (4) in the high nibble of byte 6, the variant (0b10) in the top bits of byte 8.
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
