import { deepStrictEqual, fail, strictEqual } from 'node:assert/strict';
import { isGenieError, type ErrorCode } from '@genie/errors';

/** Awaits `promise` and checks it failed with a GenieError of `code`. */
export async function assertRejectsWithCode(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  const outcome = await promise.then(
    () => ({ failed: false as const }),
    (error: unknown) => ({ failed: true as const, error }),
  );
  if (!outcome.failed) fail(`expected a ${code} error, but the operation succeeded`);
  strictEqual(isGenieError(outcome.error) ? outcome.error.code : outcome.error, code);
}

/** Awaits `promise` and checks it failed with an error whose message includes `text`. */
export async function assertRejectsWithMessage(promise: Promise<unknown>, text: string): Promise<void> {
  const outcome = await promise.then(
    () => ({ failed: false as const, message: '' }),
    (error: unknown) => ({ failed: true as const, message: String((error as Error)?.message ?? error) }),
  );
  if (!outcome.failed) fail(`expected an error with "${text}", but the operation succeeded`);
  if (!outcome.message.includes(text)) fail(`expected an error with "${text}", got "${outcome.message}"`);
}

/** Every field of `expected` is deeply equal in `actual` (other fields of `actual` are not checked). */
export function assertHasFields(actual: unknown, expected: Record<string, unknown>): void {
  if (actual === null || typeof actual !== 'object') fail(`expected an object with ${JSON.stringify(expected)}, got ${String(actual)}`);
  const picked: Record<string, unknown> = {};
  for (const key of Object.keys(expected)) picked[key] = (actual as Record<string, unknown>)[key];
  deepStrictEqual(picked, expected);
}

export function assertThrowsTypeError(action: () => unknown): void {
  try {
    action();
  } catch (error) {
    if (error instanceof TypeError) return;
    throw error;
  }
  fail('expected a TypeError (the record should be frozen)');
}
