import { validate, validateEntry, validateV1 } from '@genie/session-schema';
import fc from 'fast-check';
import { loadFixture } from '../helpers/fixtures';

const entry = (fields: Record<string, unknown> = {}) => ({ sessionId: 'abc', agent: 'implementor', ...fields });

describe('validate (version-2 store)', () => {
  it('accepts a store written by the predecessor after its names are unique', () => {
    const store = loadFixture('v2-predecessor') as { sessions: Record<string, { name?: string }> };
    const third = store.sessions['c5a1e9d2-0f4b-4e6a-8c3d-9b7a6f5e4d3c'];
    if (third) third.name = 'implementor-2510171530-2';
    expect(validate(store)).toEqual([]);
  });

  it('accepts the smallest store and entries carrying unknown fields', () => {
    expect(validate({ version: 2, sessions: {} })).toEqual([]);
    expect(validate({ version: 2, sessions: { abc: entry({ customTag: { a: [1] } }) }, extra: true })).toEqual([]);
  });

  it('reports every problem with its JSON path', () => {
    const store = {
      version: 2,
      sessions: {
        abc: entry({ turns: 1.5, runnerPid: '12', usage: { costUsd: -1 }, status: '' }),
        def: { agent: 7 },
      },
    };
    expect(validate(store)).toEqual([
      '/sessions/abc/status: must NOT have fewer than 1 characters',
      '/sessions/abc/runnerPid: must be integer or null',
      '/sessions/abc/turns: must be integer',
      '/sessions/abc/usage/costUsd: must be >= 0',
      "/sessions/def: must have required property 'sessionId'",
      '/sessions/def/agent: must be string',
    ]);
  });

  it('reports a wrong version with the expected value', () => {
    expect(validate({ version: 1, sessions: {} })).toEqual(['/version: must be equal to constant 2']);
    expect(validate({ sessions: {} })).toEqual(["(root): must have required property 'version'"]);
  });

  it('reports a key that differs from its sessionId', () => {
    expect(validate({ version: 2, sessions: { abc: entry({ sessionId: 'xyz' }) } })).toEqual([
      '/sessions/abc/sessionId: must equal its key "abc" (found "xyz")',
    ]);
  });

  it('reports a friendly name used twice, naming the first holder', () => {
    const store = {
      version: 2,
      sessions: { a: entry({ sessionId: 'a', name: 'fix' }), b: entry({ sessionId: 'b', name: 'fix' }) },
    };
    expect(validate(store)).toEqual(['/sessions/b/name: "fix" is also the name of session "a"; names must be unique']);
  });

  it('escapes keys in paths as JSON Pointer does', () => {
    expect(validate({ version: 2, sessions: { 'a/b~c': entry({ sessionId: 'a/b~c', turns: 'x' }) } })).toEqual([
      "/sessions/a~1b~0c/sessionId: must be letters, digits, '.', '_' and '-' starting with a letter or digit (it names the session's log file)",
      '/sessions/a~1b~0c/turns: must be integer',
    ]);
  });

  it('accepts status words outside SESSION_STATUSES, which older files hold', () => {
    expect(validate({ version: 2, sessions: { abc: entry({ status: 'pending' }) } })).toEqual([]);
  });

  it.each([null, undefined, [], 'store', 42, true])('answers %p with a problem instead of throwing', (data) => {
    expect(validate(data)).toEqual(['(root): must be object']);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withBigInt: true, withMap: true, withBoxedValues: true }), (data) => {
        expect(Array.isArray(validate(data))).toBe(true);
        expect(Array.isArray(validateEntry(data))).toBe(true);
        expect(Array.isArray(validateV1(data))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on store-shaped data with random sessions either', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.anything()), (sessions) => {
        expect(Array.isArray(validate({ version: 2, sessions }))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('validateEntry', () => {
  it('accepts a full entry as genie writes it', () => {
    expect(
      validateEntry(
        entry({
          name: 'implementor-1',
          executor: 'claude',
          executorSessionId: null,
          mode: 'default',
          preset: 'default',
          status: 'running',
          background: true,
          created: '2026-01-01T00:00:00.000Z',
          lastUsed: '2026-01-01T00:00:00.000Z',
          startTime: '2026-01-01T00:00:00.000Z',
          runnerPid: 10,
          runnerStartTime: '12345',
          executorPid: null,
          host: 'box',
          cwd: '/tmp',
          exitCode: null,
          signal: 'SIGTERM',
          error: null,
          logFile: 'a.log',
          lastPrompt: 'hi',
          lastAnswer: null,
          turns: 0,
          usage: { inputTokens: 1, outputTokens: 2, cachedInputTokens: 0, cacheCreationInputTokens: 0, costUsd: 0.5, durationMs: 9 },
        }),
      ),
    ).toEqual([]);
  });

  it('requires sessionId (non-empty) and agent', () => {
    expect(validateEntry({ sessionId: '' })).toEqual([
      "(root): must have required property 'agent'",
      "/sessionId: must be letters, digits, '.', '_' and '-' starting with a letter or digit (it names the session's log file)",
    ]);
  });

  it('reports nulls where the type does not allow them', () => {
    expect(validateEntry(entry({ name: null, turns: null }))).toEqual([
      '/name: must be string',
      '/turns: must be integer',
    ]);
  });
});

describe('validateV1', () => {
  it('accepts clean and dirty predecessor V1 files', () => {
    expect(validateV1(loadFixture('v1-clean'))).toEqual([]);
    expect(validateV1(loadFixture('v1-dirty'))).toEqual([]);
  });

  it('reports a missing or misshapen agents map', () => {
    expect(validateV1({ version: 1 })).toEqual(["(root): must have required property 'agents'"]);
    expect(validateV1({ version: 1, agents: [] })).toEqual(['/agents: must be object']);
  });
});
