import { isGenieError } from '@genie/errors';
import fc from 'fast-check';
import { migrate, validate } from '@genie/session-schema';

/** Either a valid current store or a GenieError: never a TypeError, never a half answer. */
function migrateOutcome(data: unknown): 'migrated' | 'refused' {
  try {
    const { store } = migrate(data);
    expect(validate(store)).toEqual([]);
    return 'migrated';
  } catch (error) {
    if (!isGenieError(error)) throw error;
    expect(['STORE_CORRUPT', 'STORE_VERSION_UNSUPPORTED']).toContain(error.code);
    return 'refused';
  }
}

const storeish = fc.record(
  {
    version: fc.oneof(fc.constantFrom(1, 2, 3), fc.anything()),
    agents: fc.oneof(fc.dictionary(fc.string(), fc.anything()), fc.anything()),
    sessions: fc.oneof(fc.dictionary(fc.string(), fc.anything()), fc.anything()),
  },
  { requiredKeys: [] },
);

describe('migrate on arbitrary input', () => {
  it('returns a valid store or throws a GenieError, for any value', () => {
    const anything = fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withTypedArray: true });
    fc.assert(fc.property(anything, (data) => void migrateOutcome(data)), { numRuns: 500 });
  });

  it('returns a valid store or throws a GenieError, for store-shaped values', () => {
    fc.assert(fc.property(storeish, (data) => void migrateOutcome(data)), { numRuns: 1000 });
  });

  it('returns a valid store or throws a GenieError, for V1 records of any content', () => {
    const record = fc.dictionary(
      fc.oneof(fc.constantFrom('sessionId', 'agent', 'name', 'executor', 'mode', 'preset', 'created', 'runnerPid'), fc.string()),
      fc.anything({ withNullPrototype: true, withBoxedValues: true, withBigInt: true, withMap: true, withSet: true }),
    );
    fc.assert(fc.property(fc.dictionary(fc.string(), record), (agents) => void migrateOutcome({ version: 1, agents })), {
      numRuns: 500,
    });
  });
});
