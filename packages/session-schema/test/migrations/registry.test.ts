import { CURRENT_STORE_VERSION, MIGRATIONS, emptyStore, migrate, type SessionStore } from '@genie/session-schema';

// Fails to compile when a new step moves the current version but SessionStore still
// describes the previous one: the types must follow the registry.
const currentVersionIsTheStoreType: SessionStore['version'] = CURRENT_STORE_VERSION;

describe('MIGRATIONS', () => {
  it('forms one unbroken chain from version 1 to the current version', () => {
    expect(MIGRATIONS.map((step) => [step.from, step.to])).toEqual(
      Array.from({ length: CURRENT_STORE_VERSION - 1 }, (_, index) => [index + 1, index + 2]),
    );
  });

  it('ends where the current version is: the registry decides it', () => {
    expect(CURRENT_STORE_VERSION).toBe(MIGRATIONS[MIGRATIONS.length - 1]?.to);
    expect(currentVersionIsTheStoreType).toBe(CURRENT_STORE_VERSION);
    expect(emptyStore().version).toBe(CURRENT_STORE_VERSION);
    expect(migrate({ agents: {} }).store.version).toBe(CURRENT_STORE_VERSION);
  });
});
