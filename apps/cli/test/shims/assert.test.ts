import nodeAssert from 'node:assert';
import { AssertionError, equal, notStrictEqual, strictEqual } from '../../src/shims/assert';

/** The error node's own assert throws for the same call, to compare against. */
function nodeError(call: () => void): Error {
  try {
    call();
  } catch (error) {
    return error as Error;
  }
  throw new Error('node assert did not throw');
}

describe('the assert shim bundled for yargs, signal-exit and graceful-fs', () => {
  it.each([
    ['strictEqual', () => strictEqual(1, '1', 'one'), () => nodeAssert.strictEqual(1, '1', 'one')],
    ['notStrictEqual', () => notStrictEqual('a', 'a', 'same'), () => nodeAssert.notStrictEqual('a', 'a', 'same')],
    ['equal', () => equal(typeof 1, 'function', 'a callback must be provided'), () => nodeAssert.equal(typeof 1, 'function', 'a callback must be provided')],
  ])('%s fails like node: same name and code, the caller\'s message', (_name, shimmed, original) => {
    const expected = nodeError(original) as Error & { code: string };
    const actual = nodeError(shimmed) as Error & { code: string };
    expect(actual).toBeInstanceOf(AssertionError);
    expect([actual.name, actual.code]).toEqual([expected.name, expected.code]);
    expect(expected.message.startsWith(actual.message)).toBe(true);
  });

  it('passes where node passes', () => {
    expect(() => strictEqual(NaN, NaN)).not.toThrow();
    expect(() => notStrictEqual(1, 2)).not.toThrow();
    expect(() => equal(1, '1')).not.toThrow();
    expect(() => equal(NaN, NaN)).not.toThrow();
  });

  it('throws an Error given as the message itself', () => {
    const reason = new TypeError('bad argument');
    expect(() => strictEqual(1, 2, reason)).toThrow(reason);
  });
});
