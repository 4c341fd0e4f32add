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
