/** errno codes that mean the disk takes no more writes now, though reads still work. */
const UNWRITABLE = new Set(['ENOSPC', 'EDQUOT', 'EROFS']);

/**
 * True when `error`, or an error it was caused by (a store error wraps the fs error),
 * says the disk is full, over quota or read-only: a state to wait out or to answer
 * read-only through, not a fault.
 */
export function isUnwritableDisk(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && UNWRITABLE.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
