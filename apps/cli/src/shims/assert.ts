/**
 * The three checks yargs, signal-exit and graceful-fs call of node's `assert`, for the
 * bundle: loading node's module costs every command about 1.3 ms, and these libraries use
 * it only to guard their own invariants. Failures throw like node's (same name and code).
 */
export class AssertionError extends Error {
  override readonly name = 'AssertionError';
  readonly code = 'ERR_ASSERTION';
}

function fail(message: string | Error | undefined, fallback: string): never {
  if (message instanceof Error) throw message;
  throw new AssertionError(message ?? fallback);
}

export function strictEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (!Object.is(actual, expected)) fail(message, `Expected values to be strictly equal: ${String(actual)} !== ${String(expected)}`);
}

export function notStrictEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (Object.is(actual, expected)) fail(message, `Expected "actual" to be strictly unequal to: ${String(expected)}`);
}

export function equal(actual: unknown, expected: unknown, message?: string | Error): void {
  // Loose equality is what node's assert.equal checks.
  if (!(actual == expected || (Number.isNaN(actual) && Number.isNaN(expected)))) fail(message, `${String(actual)} == ${String(expected)}`);
}
