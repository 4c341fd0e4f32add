import { isGenieError, type GenieError } from '@genie/errors';
import { migrate, validate } from '@genie/session-schema';
import { deepFreeze } from '../helpers/deep-freeze';
import { loadFixture } from '../helpers/fixtures';

function migrateError(data: unknown): GenieError {
  try {
    migrate(data);
  } catch (error) {
    if (isGenieError(error)) return error;
    throw error;
  }
  throw new Error('migrate did not throw');
}

describe('migrate on real-shaped files', () => {
  it('moves a clean V1 store to V2 keyed by sessionId, keeping every field', () => {
    const result = migrate(loadFixture('v1-clean'));
    expect(result.fromVersion).toBe(1);
    expect(result.migrated).toBe(true);
    expect(result.warnings).toEqual([]);
    expect(result.store).toEqual({
      version: 2,
      sessions: {
        '4d4c76a7-e58a-487a-b66f-7ff408dafb37': {
          sessionId: '4d4c76a7-e58a-487a-b66f-7ff408dafb37',
          agent: 'implementor',
          name: 'implementor',
          created: '2025-10-15T09:12:03.120Z',
          lastUsed: '2025-10-15T09:40:51.004Z',
          preset: 'default',
          mode: 'default',
          executor: 'claude',
          status: 'completed',
          background: true,
          logFile: '.genie/state/agents/logs/implementor-1760519523120.log',
          lastPrompt: 'Implement the retry policy described in the wish',
          runnerPid: 48211,
          executorPid: 48230,
        },
        '0199e6c2-5b1a-7c3e-9f00-2a4b6c8d0e1f': {
          sessionId: '0199e6c2-5b1a-7c3e-9f00-2a4b6c8d0e1f',
          agent: 'reviewer',
          name: 'reviewer',
          created: '2025-10-16T14:02:00.000Z',
          lastUsed: '2025-10-16T14:05:10.000Z',
          mode: 'review',
          preset: 'review',
          executor: 'codex',
          status: 'running',
          logFile: '.genie/state/agents/logs/reviewer-1760623320000.log',
        },
      },
    });
    expect(validate(result.store)).toEqual([]);
  });

  it('sorts out a dirty V1 store: skips leaked keys, gives id-less entries stable ids', () => {
    const result = migrate(loadFixture('v1-dirty'));
    expect(Object.keys(result.store.sessions)).toEqual([
      'abc-123',
      'legacy-qa-201e4499967c',
      'legacy-polish-1c958cb5f563',
      'legacy-neurons-forge-fd695faec36a',
      'legacy-twin-a13bae36f8b7',
      'legacy-twin-f897f44ad127',
    ]);
    expect(result.store.sessions['abc-123']).toEqual({
      sessionId: 'abc-123',
      agent: 'implementor',
      name: 'implementor',
      created: '2025-10-10T08:00:00.000Z',
      preset: 'careful',
      mode: 'careful',
      customTag: 'keep-me',
      executor: 'claude',
    });
    expect(result.store.sessions['legacy-qa-201e4499967c']).toEqual({
      sessionId: 'legacy-qa-201e4499967c',
      agent: 'qa',
      name: 'qa',
      created: '2025-10-11T10:00:00.000Z',
      status: 'stopped',
      logFile: '.genie/state/agents/logs/qa-1760176800000.log',
      executor: 'claude',
    });
    expect(result.store.sessions['legacy-polish-1c958cb5f563']).toEqual({
      sessionId: 'legacy-polish-1c958cb5f563',
      agent: 'polish',
      name: 'polish',
      created: '2025-10-12T11:30:00.000Z',
      mode: 'fast',
      preset: 'fast',
      notes: ['first pass', { done: false }],
      executor: 'claude',
    });
    expect(result.store.sessions['legacy-neurons-forge-fd695faec36a']?.agent).toBe('neurons/forge');
    expect(Object.values(result.store.sessions).map((entry) => entry.name)).toEqual([
      'implementor',
      'qa',
      'polish',
      'neurons-forge',
      'twin-a',
      'twin-b',
    ]);
    expect(result.warnings).toEqual([
      '/agents/version: skipped, a number that is not a session record',
      '/agents/executor: skipped, a string that is not a session record',
      '/agents/sessions: skipped, an object that is not a session record',
      '/agents/leftover: skipped, a string that is not a session record',
      '/agents/qa: had no usable sessionId; stored as "legacy-qa-201e4499967c"',
      '/agents/polish: had no usable sessionId; stored as "legacy-polish-1c958cb5f563"',
      '/agents/neurons~1forge: had no usable sessionId; stored as "legacy-neurons-forge-fd695faec36a"',
      '/agents/twin-a: had no usable sessionId; stored as "legacy-twin-a13bae36f8b7"',
      '/agents/twin-b: had no usable sessionId; stored as "legacy-twin-f897f44ad127"',
    ]);
    expect(validate(result.store)).toEqual([]);
  });

  it('gives the same ids to the same dirty file on every run', () => {
    expect(migrate(loadFixture('v1-dirty'))).toEqual(migrate(loadFixture('v1-dirty')));
  });

  it('keeps a predecessor V2 store as written, extra fields included, and only de-duplicates names', () => {
    const input = loadFixture('v2-predecessor') as { sessions: Record<string, Record<string, unknown>> };
    const result = migrate(input);
    expect(result.fromVersion).toBe(2);
    expect(result.migrated).toBe(true);
    expect(result.warnings).toEqual([
      'session "c5a1e9d2-0f4b-4e6a-8c3d-9b7a6f5e4d3c": name "implementor-2510171530" was already taken, renamed to "implementor-2510171530-2"',
    ]);
    expect(result.store).toEqual({
      ...input,
      sessions: {
        ...input.sessions,
        'c5a1e9d2-0f4b-4e6a-8c3d-9b7a6f5e4d3c': {
          ...input.sessions['c5a1e9d2-0f4b-4e6a-8c3d-9b7a6f5e4d3c'],
          name: 'implementor-2510171530-2',
        },
      },
    });
    const first = result.store.sessions['4d4c76a7-e58a-487a-b66f-7ff408dafb37'];
    expect(first?.customTag).toEqual({ owner: 'felipe', labels: ['bug-66'] });
    expect(first?.runnerPid).toBe(91234);
    expect(first?.exitCode).toBe(0);
    expect(result.store.lastCleanup).toBe('2025-10-17T00:00:00.000Z');
  });

  it('returns a valid V2 store unchanged and unflagged, as a copy', () => {
    const once = migrate(loadFixture('v2-predecessor')).store;
    const again = migrate(deepFreeze(once));
    expect(again).toEqual({ store: once, fromVersion: 2, migrated: false, warnings: [] });
    expect(again.store).not.toBe(once);
    expect(again.store.sessions).not.toBe(once.sessions);
  });

  it('merges a half-migrated file: both sets kept, the V2 entry wins an id collision', () => {
    const result = migrate(loadFixture('half-migrated'));
    expect(result.fromVersion).toBe(1);
    expect(result.store).toEqual({
      version: 2,
      sessions: {
        'shared-id-1': {
          sessionId: 'shared-id-1',
          agent: 'implementor',
          created: '2025-10-01T00:00:00.000Z',
          lastPrompt: 'newer copy from v2',
          executor: 'claude',
        },
        'v2-only': { sessionId: 'v2-only', agent: 'analyze', name: 'analyze-2510020000', executor: 'codex' },
        'analyze-only-v1': {
          sessionId: 'analyze-only-v1',
          agent: 'analyze',
          created: '2025-10-02T00:00:00.000Z',
          name: 'analyze-2510020000-2',
          executor: 'claude',
        },
      },
    });
    expect(result.warnings).toEqual([
      '/agents/implementor: session "shared-id-1" (agent "implementor") dropped; the entry with the same id at /sessions/shared-id-1 wins',
      'session "analyze-only-v1": name "analyze-2510020000" was already taken, renamed to "analyze-2510020000-2"',
    ]);
  });

  it('treats a version-2 file that still holds agents as half-migrated too', () => {
    const data = { ...(loadFixture('half-migrated') as object), version: 2 };
    const result = migrate(data);
    expect(result.fromVersion).toBe(1);
    expect(Object.keys(result.store.sessions)).toEqual(['shared-id-1', 'v2-only', 'analyze-only-v1']);
    expect(result.store).not.toHaveProperty('agents');
  });

  it('turns an empty object into an empty V2 store, with a warning', () => {
    expect(migrate(loadFixture('empty'))).toEqual({
      store: { version: 2, sessions: {} },
      fromVersion: 2,
      migrated: true,
      warnings: ['the session store was an empty object; starting an empty version-2 store'],
    });
  });

  it('refuses sessions stored as an array, listing the problem', () => {
    const error = migrateError(loadFixture('wrong-sessions-array'));
    expect(error.code).toBe('STORE_CORRUPT');
    expect(error.details.problems).toEqual(['/sessions: must be object']);
    expect(error.hint).toMatch(/will not overwrite/);
  });

  it('refuses fields of the wrong type, listing every one of them', () => {
    const error = migrateError(loadFixture('wrong-field-types'));
    expect(error.code).toBe('STORE_CORRUPT');
    expect(error.details.problems).toEqual([
      '/sessions/a1/background: must be boolean',
      '/sessions/a1/runnerPid: must be integer or null',
      '/sessions/a1/turns: must be >= 0',
      '/sessions/a1/usage/inputTokens: must be number',
    ]);
  });

  it('refuses a newer store version and tells the user to upgrade', () => {
    const input = deepFreeze(loadFixture('v3'));
    const error = migrateError(input);
    expect(error.code).toBe('STORE_VERSION_UNSUPPORTED');
    expect(error.message).toContain('version 3');
    expect(error.hint).toMatch(/upgrade genie/i);
    expect(error.details).toEqual({ version: 3, supportedVersion: 2 });
  });
});
