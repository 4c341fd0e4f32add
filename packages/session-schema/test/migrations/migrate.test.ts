import { isGenieError, type GenieError } from '@genie/errors';
import { migrate } from '@genie/session-schema';
import { deepFreeze } from '../helpers/deep-freeze';

function thrown(run: () => unknown): GenieError {
  try {
    run();
  } catch (error) {
    if (isGenieError(error)) return error;
    throw error;
  }
  throw new Error('expected a GenieError');
}

describe('migrate', () => {
  it.each([null, undefined, [], 'text', 3, true])('refuses %p as STORE_CORRUPT', (data) => {
    const error = thrown(() => migrate(data));
    expect(error.code).toBe('STORE_CORRUPT');
    expect(error.details.problems).toEqual(['(root): must be object']);
  });

  it('refuses an object with none of the store keys', () => {
    const error = thrown(() => migrate({ foo: 1 }));
    expect(error.code).toBe('STORE_CORRUPT');
    expect(error.details.problems).toEqual(['(root): has none of the keys "version", "sessions" or "agents"']);
  });

  it('refuses a version that is not a positive integer', () => {
    const error = thrown(() => migrate({ version: '2', sessions: {} }));
    expect(error.code).toBe('STORE_CORRUPT');
    expect(error.details.problems).toEqual(['/version: must be a positive integer (found "2")']);
  });

  it('refuses a V1 file whose migrated entries would be invalid, and says so', () => {
    const error = thrown(() => migrate({ version: 1, agents: { impl: { sessionId: 'a', runnerPid: '12' } } }));
    expect(error.code).toBe('STORE_CORRUPT');
    expect(error.message).toContain('after migrating it from version 1');
    expect(error.details.problems).toEqual(['/sessions/a/runnerPid: must be integer or null']);
  });

  it('refuses a V2 store whose key differs from its sessionId', () => {
    const error = thrown(() => migrate({ version: 2, sessions: { a: { sessionId: 'b', agent: 'x' } } }));
    expect(error.details.problems).toEqual(['/sessions/a/sessionId: must equal its key "a" (found "b")']);
  });

  it('refuses every version above the current one, never touching the input', () => {
    for (const version of [3, 4, 99]) {
      const input = deepFreeze({ version, sessions: {} });
      const error = thrown(() => migrate(input));
      expect(error.code).toBe('STORE_VERSION_UNSUPPORTED');
      expect(error.message).toContain(`version ${version}`);
    }
  });

  it('records the version of a sessions map that had none', () => {
    expect(migrate({ sessions: { a: { sessionId: 'a', agent: 'x' } } })).toEqual({
      store: { version: 2, sessions: { a: { sessionId: 'a', agent: 'x' } } },
      fromVersion: 2,
      migrated: true,
      warnings: ['the session store had no version; recorded it as version 2'],
    });
  });

  it('returns a store that shares nothing with a frozen input', () => {
    const input = deepFreeze({ version: 2, sessions: { a: { sessionId: 'a', agent: 'x', usage: { inputTokens: 1 } } } });
    const { store } = migrate(input);
    const entry = store.sessions.a;
    if (!entry?.usage) throw new Error('entry lost');
    entry.usage.inputTokens = 2;
    expect(input.sessions.a.usage.inputTokens).toBe(1);
  });
});
