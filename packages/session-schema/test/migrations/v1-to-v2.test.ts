import { isGenieError } from '@genie/errors';
import { MIGRATIONS, migrate, validate } from '@genie/session-schema';
import { v1ToV2 } from '../../src/migrations/v1-to-v2';
import { deepFreeze } from '../helpers/deep-freeze';

const context = { defaultExecutor: 'claude' };

function corruptProblems(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    if (isGenieError(error, 'STORE_CORRUPT')) return error.details.problems;
    throw error;
  }
  throw new Error('expected STORE_CORRUPT');
}

describe('v1ToV2 step', () => {
  it('is the registered step from version 1 to 2', () => {
    expect(v1ToV2.from).toBe(1);
    expect(v1ToV2.to).toBe(2);
    expect(MIGRATIONS).toContain(v1ToV2);
  });

  it('never mutates its input', () => {
    const input = deepFreeze({
      version: 1,
      agents: { a: { created: 't', mode: 'm' }, b: { sessionId: 'b1' }, version: 1 },
      sessions: { s: { sessionId: 's', agent: 'x', name: 'n' } },
      extra: { nested: [1] },
    });
    const before = structuredClone(input);
    v1ToV2.migrate(input, context);
    expect(input).toEqual(before);
  });

  it('keeps unknown top-level keys and consumes agents', () => {
    const { store } = v1ToV2.migrate({ version: 1, agents: {}, lastCleanup: 'x', meta: { a: 1 } }, context);
    expect(store).toEqual({ version: 2, sessions: {}, lastCleanup: 'x', meta: { a: 1 } });
  });

  it('fills agent from the key only when it is missing or empty', () => {
    const { store } = v1ToV2.migrate(
      { agents: { impl: { sessionId: 'a', agent: 'other' }, qa: { sessionId: 'b', agent: '' }, ux: { sessionId: 'c' } } },
      context,
    );
    const sessions = store.sessions as Record<string, { agent: string }>;
    expect([sessions.a?.agent, sessions.b?.agent, sessions.c?.agent]).toEqual(['other', 'qa', 'ux']);
  });

  it('back-fills mode and preset from each other, leaving both absent when neither is set', () => {
    const { store } = v1ToV2.migrate(
      {
        agents: {
          a: { sessionId: 'a', mode: 'm' },
          b: { sessionId: 'b', preset: 'p' },
          c: { sessionId: 'c', mode: 'm', preset: 'p' },
          d: { sessionId: 'd', created: 't' },
        },
      },
      context,
    );
    expect(store.sessions).toEqual({
      a: { sessionId: 'a', agent: 'a', name: 'a', mode: 'm', preset: 'm', executor: 'claude' },
      b: { sessionId: 'b', agent: 'b', name: 'b', preset: 'p', mode: 'p', executor: 'claude' },
      c: { sessionId: 'c', agent: 'c', name: 'c', mode: 'm', preset: 'p', executor: 'claude' },
      d: { sessionId: 'd', agent: 'd', name: 'd', created: 't', executor: 'claude' },
    });
  });

  it('gives a missing executor the configured default and keeps a recorded one', () => {
    const result = migrate({ agents: { a: { sessionId: 'a' }, b: { sessionId: 'b', executor: 'claude' } } }, { defaultExecutor: 'codex' });
    expect(result.store.sessions.a?.executor).toBe('codex');
    expect(result.store.sessions.b?.executor).toBe('claude');
  });

  it('keeps a polluted key when its value looks like a session', () => {
    const { store, warnings } = v1ToV2.migrate(
      { agents: { version: { sessionId: 'v-1', created: 't' }, executor: { status: 'completed' } } },
      context,
    );
    const sessions = store.sessions as Record<string, { agent: string }>;
    expect(sessions['v-1']?.agent).toBe('version');
    expect(Object.values(sessions).map((entry) => entry.agent)).toEqual(['version', 'executor']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^\/agents\/executor: had no usable sessionId; stored as "legacy-executor-[0-9a-f]{12}"$/);
  });

  it('skips values that are not sessions, naming each key', () => {
    const { store, warnings } = v1ToV2.migrate(
      { agents: { n: 5, s: 'x', nil: null, list: [{ sessionId: 'a' }], settings: { model: 'opus' }, empty: {} } },
      context,
    );
    expect(store.sessions).toEqual({});
    expect(warnings).toEqual([
      '/agents/n: skipped, a number that is not a session record',
      '/agents/s: skipped, a string that is not a session record',
      '/agents/nil: skipped, null that is not a session record',
      '/agents/list: skipped, an array that is not a session record',
      '/agents/settings: skipped, an object that is not a session record',
      '/agents/empty: skipped, an object that is not a session record',
    ]);
  });

  it('hoists a leaked sessions map, using its keys as ids where records have none', () => {
    const { store, warnings } = v1ToV2.migrate(
      {
        agents: {
          sessions: {
            'id-1': { sessionId: 'id-1', agent: 'impl', created: 't1' },
            'id-2': { agent: 'qa', status: 'completed' },
            'id-3': { created: 't3' },
            junk: 42,
          },
        },
      },
      context,
    );
    expect(store.sessions).toEqual({
      'id-1': { sessionId: 'id-1', agent: 'impl', name: 'impl', created: 't1', executor: 'claude' },
      'id-2': { sessionId: 'id-2', agent: 'qa', name: 'qa', status: 'completed', executor: 'claude' },
      'id-3': { sessionId: 'id-3', agent: 'unknown', name: 'unknown', created: 't3', executor: 'claude' },
    });
    expect(warnings).toEqual([
      '/agents/sessions/junk: skipped, a number that is not a session record',
      '/agents/sessions: held 3 session record(s) keyed by id; moved them into sessions',
      '/agents/sessions/id-3: no agent recorded; set to "unknown"',
    ]);
  });

  it('gives identical id-less records under different keys different, stable ids', () => {
    const input = { agents: { a: { created: 't' }, b: { created: 't' } } };
    const first = v1ToV2.migrate(input, context);
    const second = v1ToV2.migrate(structuredClone(input), context);
    const ids = Object.keys(first.store.sessions as object);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toMatch(/^legacy-a-[0-9a-f]{12}$/);
    expect(ids[1]).toMatch(/^legacy-b-[0-9a-f]{12}$/);
    expect(second).toEqual(first);
  });

  it('derives legacy ids from content, whatever the key order of the record', () => {
    const a = v1ToV2.migrate({ agents: { qa: { created: 't', status: 'x' } } }, context);
    const b = v1ToV2.migrate({ agents: { qa: { status: 'x', created: 't' } } }, context);
    const c = v1ToV2.migrate({ agents: { qa: { status: 'y', created: 't' } } }, context);
    expect(Object.keys(a.store.sessions as object)).toEqual(Object.keys(b.store.sessions as object));
    expect(Object.keys(a.store.sessions as object)).not.toEqual(Object.keys(c.store.sessions as object));
  });

  it('keeps an unusable non-empty sessionId as originalSessionId', () => {
    const { store } = v1ToV2.migrate({ agents: { qa: { sessionId: 42, created: 't' } } }, context);
    const [entry] = Object.values(store.sessions as object) as Array<Record<string, unknown>>;
    expect(entry).toMatchObject({ agent: 'qa', created: 't', originalSessionId: 42 });
    expect(entry?.sessionId).toMatch(/^legacy-qa-/);
  });

  it('keeps both records when two different V1 entries claim one id', () => {
    const { store, warnings } = v1ToV2.migrate(
      { agents: { impl: { sessionId: 'same', created: 't1' }, qa: { sessionId: 'same', created: 't2' } } },
      context,
    );
    const sessions = store.sessions as Record<string, Record<string, unknown>>;
    const ids = Object.keys(sessions);
    expect(ids[0]).toBe('same');
    expect(ids[1]).toMatch(/^legacy-qa-[0-9a-f]{12}$/);
    expect(sessions[ids[1] as string]).toEqual({
      sessionId: ids[1],
      agent: 'qa',
      name: 'qa',
      created: 't2',
      executor: 'claude',
      originalSessionId: 'same',
    });
    expect(warnings).toEqual([
      `/agents/qa: session "same" (agent "qa") is also claimed by /agents/impl; stored as "${ids[1]}" with originalSessionId "same"`,
    ]);
    expect(validate(store)).toEqual([]);
  });

  it('keeps one copy of a record that appears twice unchanged', () => {
    const record = { sessionId: 'same', agent: 'impl', created: 't1' };
    const { store, warnings } = v1ToV2.migrate({ agents: { impl: record, sessions: { same: { ...record } } } }, context);
    expect(Object.keys(store.sessions as object)).toEqual(['same']);
    expect(warnings).toEqual([
      '/agents/sessions: held 1 session record(s) keyed by id; moved them into sessions',
      '/agents/sessions/same: session "same" (agent "impl") is an exact copy of /agents/impl; kept once',
    ]);
  });

  it('names each unnamed session after its V1 key, keeping the names already given', () => {
    const { store, warnings } = v1ToV2.migrate(
      {
        agents: {
          implementor: { sessionId: 'a', created: 't1' },
          'my agent': { sessionId: 'b', agent: 'qa', created: 't2' },
          ' ': { sessionId: 'c', created: 't3' },
          named: { sessionId: 'd', name: 'custom' },
          blank: { sessionId: 'e', name: '' },
        },
        sessions: { v2: { sessionId: 'v2', agent: 'x', name: 'implementor' } },
      },
      context,
    );
    const names = Object.fromEntries(Object.entries(store.sessions as Record<string, { name: string }>).map(([id, entry]) => [id, entry.name]));
    // A name given in the file is never taken away: the V1 key yields to it with a suffix.
    expect(names).toEqual({ v2: 'implementor', a: 'implementor-2', b: 'my-agent', c: 'session', d: 'custom', e: 'blank' });
    expect(warnings).toEqual([]);
    expect(validate(store)).toEqual([]);
  });

  it('names sessions that shared one V1 agent key apart, the same way on every run', () => {
    const input = {
      agents: {
        impl: { sessionId: 'same', created: 't1' },
        sessions: { x: { agent: 'impl', created: 't2' }, y: { agent: 'impl', created: 't3' } },
      },
    };
    const first = migrate(input);
    const names = Object.values(first.store.sessions).map((entry) => entry.name);
    expect(names).toEqual(['impl', 'impl-2', 'impl-3']);
    expect(migrate(structuredClone(input))).toEqual(first);
    expect(migrate(first.store)).toEqual({ store: first.store, fromVersion: 2, migrated: false, warnings: [] });
  });

  it('keeps names unique with -2, -3 suffixes, skipping names already in use', () => {
    const { store, warnings } = v1ToV2.migrate(
      {
        agents: {
          a: { sessionId: 'a', name: 'fix' },
          b: { sessionId: 'b', name: 'fix' },
          c: { sessionId: 'c', name: 'fix' },
          d: { sessionId: 'd', name: 'fix-2' },
        },
      },
      context,
    );
    const names = Object.values(store.sessions as Record<string, { name: string }>).map((entry) => entry.name);
    expect(names).toEqual(['fix', 'fix-3', 'fix-4', 'fix-2']);
    expect(warnings).toEqual([
      'session "b": name "fix" was already taken, renamed to "fix-3"',
      'session "c": name "fix" was already taken, renamed to "fix-4"',
    ]);
  });

  it('keeps keys such as __proto__ as data, never as a prototype', () => {
    const input = JSON.parse(
      '{"version":1,"agents":{"__proto__":{"sessionId":"p","created":"t"}},"sessions":{"__proto__":{"sessionId":"__proto__","agent":"x"}}}',
    ) as Record<string, unknown>;
    const { store } = v1ToV2.migrate(input, context);
    const sessions = store.sessions as Record<string, unknown>;
    expect(Object.getPrototypeOf(sessions)).toBe(Object.prototype);
    // `__proto__` is no allowed session id or name: the session is kept under a derived id.
    expect(Object.keys(sessions)).toEqual(['legacy-x-83e379742cd4', 'p']);
    expect(sessions['legacy-x-83e379742cd4']).toMatchObject({ agent: 'x', originalSessionId: '__proto__' });
    expect(sessions.p).toEqual({ sessionId: 'p', agent: '__proto__', name: 'proto__', created: 't', executor: 'claude' });
    expect(validate(store)).toEqual([]);
  });

  it('refuses an agents or sessions value that is not an object', () => {
    expect(corruptProblems(() => v1ToV2.migrate({ agents: [] }, context))).toEqual(['/agents: must be object (found an array)']);
    expect(corruptProblems(() => v1ToV2.migrate({ agents: {}, sessions: 'x' }, context))).toEqual([
      '/sessions: must be object (found a string)',
    ]);
  });
});
