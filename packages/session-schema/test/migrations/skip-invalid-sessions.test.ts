import { isGenieError } from '@genie/errors';
import { migrate } from '@genie/session-schema';
import { deepFreeze } from '../helpers/deep-freeze';

const GOOD = { sessionId: 'good-1', agent: 'prompt', name: 'prompt-1', status: 'completed' };
const BAD = { sessionId: 'bad-1', agent: 'implementor', name: 'implementor-1', runnerPid: '48211' };

describe('migrate with skipInvalidSessions (importing a predecessor file)', () => {
  it('keeps every valid session and names each skipped one with what is wrong', () => {
    const input = deepFreeze({ version: 2, sessions: { 'good-1': GOOD, 'bad-1': BAD } });
    const result = migrate(input, { skipInvalidSessions: true });
    expect(Object.keys(result.store.sessions)).toEqual(['good-1']);
    expect(result.skipped).toEqual([{ key: 'bad-1', name: 'implementor-1', agent: 'implementor', problems: ['runnerPid: must be integer or null'] }]);
    expect(result.migrated).toBe(true);
    expect(result.warnings).toContainEqual(expect.stringContaining('session "bad-1" (name "implementor-1", agent "implementor") skipped: runnerPid: must be integer or null'));
  });

  it('skips an entry that is not an object, and one whose key differs from its id, in a V1 file too', () => {
    const v2 = migrate({ version: 2, sessions: { a: { sessionId: 'a', agent: 'x' }, b: 'junk', c: { sessionId: 'd', agent: 'y' } } }, { skipInvalidSessions: true });
    expect(Object.keys(v2.store.sessions)).toEqual(['a']);
    expect(v2.skipped?.map((skipped) => skipped.key)).toEqual(['b', 'c']);
    const v1 = migrate({ version: 1, agents: { impl: { sessionId: 'a', runnerPid: '12' }, qa: { sessionId: 'q', agent: 'qa' } } }, { skipInvalidSessions: true });
    expect(Object.keys(v1.store.sessions)).toEqual(['q']);
    expect(v1.skipped).toEqual([{ key: 'a', name: 'impl', agent: 'impl', problems: ['runnerPid: must be integer or null'] }]);
  });

  it('still refuses a store none of whose sessions is valid, and one whose sessions are not a map', () => {
    let error: unknown;
    try {
      migrate({ version: 2, sessions: { 'bad-1': BAD } }, { skipInvalidSessions: true });
    } catch (caught) {
      error = caught;
    }
    expect(isGenieError(error, 'STORE_CORRUPT')).toBe(true);
    expect((error as Error).message).toContain('not valid');
    expect(() => migrate({ version: 2, sessions: [] }, { skipInvalidSessions: true })).toThrow(/not valid/);
  });

  it('refuses one bad entry as before when not asked to skip', () => {
    expect(() => migrate({ version: 2, sessions: { 'good-1': GOOD, 'bad-1': BAD } })).toThrow(/not valid/);
  });
});
