import { migrate } from '@genie/session-schema';
import { deepFreeze } from '../helpers/deep-freeze';

/**
 * The predecessor turned every value of a V1 `agents` map into a session, its dirty keys
 * included: `{ ...value, agent: key, sessionId: \`legacy-${key}-${Date.now()}\` }`. What
 * that left in real V2 files:
 */
const LEFTOVERS = {
  'legacy-version-1760715012000': { agent: 'version', sessionId: 'legacy-version-1760715012000' },
  'legacy-executor-1760715012001': { 0: 'c', 1: 'l', 2: 'a', 3: 'u', 4: 'd', 5: 'e', agent: 'executor', sessionId: 'legacy-executor-1760715012001' },
  'legacy-sessions-1760715012002': { agent: 'sessions', sessionId: 'legacy-sessions-1760715012002' },
};
const REAL = {
  '4d4c76a7-e58a-487a-b66f-7ff408dafb37': { sessionId: '4d4c76a7-e58a-487a-b66f-7ff408dafb37', agent: 'prompt', status: 'completed' },
  // A real V1 session without an id, converted by the predecessor: it has a record's fields.
  'legacy-qa-1760715012003': { agent: 'qa', sessionId: 'legacy-qa-1760715012003', created: '2025-10-11T10:00:00.000Z', status: 'stopped' },
};

describe('migrate with dropPredecessorLeftovers', () => {
  it('drops the entries the predecessor made of leaked settings, with a notice each, and keeps every real session', () => {
    const input = deepFreeze({ version: 2, sessions: { ...LEFTOVERS, ...REAL } });
    const result = migrate(input, { dropPredecessorLeftovers: true });
    expect(Object.keys(result.store.sessions).sort()).toEqual(Object.keys(REAL).sort());
    expect(result.migrated).toBe(true);
    for (const key of Object.keys(LEFTOVERS)) {
      expect(result.warnings).toContainEqual(expect.stringMatching(new RegExp(`^session "${key}" skipped: .*not a session`)));
    }
  });

  it('moves the sessions of a leaked sessions map into the store instead of dropping them', () => {
    const nested = { sessionId: 'c5a1e9d2-0f4b-4e6a-8c3d-9b7a6f5e4d3c', agent: 'implementor', status: 'failed' };
    const result = migrate(
      { version: 2, sessions: { 'legacy-sessions-1760715012002': { agent: 'sessions', sessionId: 'legacy-sessions-1760715012002', [nested.sessionId]: nested } } },
      { dropPredecessorLeftovers: true },
    );
    expect(result.store.sessions).toEqual({ [nested.sessionId]: nested });
  });

  it('keeps them, as before, when not asked to drop them', () => {
    const result = migrate({ version: 2, sessions: { ...LEFTOVERS, ...REAL } });
    expect(Object.keys(result.store.sessions)).toHaveLength(5);
  });
});
