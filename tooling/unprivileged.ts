// Shared by the packages' tests that check permission errors (they run as root in CI).
import fs from 'node:fs';
import path from 'node:path';

const NOBODY = 65534;

/**
 * Runs synchronous `fn` as a user that file permissions apply to: root reads everything,
 * so under root the effective uid is dropped for the call and restored after it.
 */
export function asUnprivileged<T>(fn: () => T): T {
  if (process.getuid?.() !== 0 || !process.seteuid) return fn();
  process.seteuid(NOBODY);
  try {
    return fn();
  } finally {
    process.seteuid(0);
  }
}

/** Lets any user walk down to `dir` from `root` (temp dirs are private to their creator). */
export function openPathTo(root: string, dir: string): void {
  for (let current = dir; ; current = path.dirname(current)) {
    fs.chmodSync(current, 0o755);
    if (current === root || path.dirname(current) === current) return;
  }
}
