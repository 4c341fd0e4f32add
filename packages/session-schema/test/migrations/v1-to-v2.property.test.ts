import fc from 'fast-check';
import { migrate, validate, type MigrationResult } from '@genie/session-schema';
import { isValidAgentId } from '../../src/identifiers';
import { legacySessionId } from '../../src/migrations/legacy-id';
import { safeSessionName } from '../../src/migrations/safe-identifiers';
import { SESSION_MARKER_FIELDS } from '../../src/migrations/session-like';
import { v1ToV2 } from '../../src/migrations/v1-to-v2';
import { pointerSegment } from '../../src/validation/json-pointer';
import { deepFreeze } from '../helpers/deep-freeze';

type Record_ = Record<string, unknown>;

/** Fields the migration may fill or rename; every other field must come through as it was. */
const FILLED_FIELDS = new Set(['sessionId', 'agent', 'executor', 'mode', 'preset', 'name']);
const KNOWN_FIELDS = new Set<string>([
  ...SESSION_MARKER_FIELDS,
  'sessionId',
  'name',
  'executorSessionId',
  'runnerStartTime',
  'host',
  'cwd',
  'exitCode',
  'signal',
  'error',
  'lastAnswer',
  'turns',
  'usage',
  'originalSessionId',
  'originalAgent',
  'originalName',
  'originalExecutorSessionId',
  'originalCwd',
]);

const text = fc.string({ maxLength: 12 });
const nonEmpty = fc.string({ minLength: 1, maxLength: 12 });
const pid = fc.option(fc.integer({ min: 1, max: 4_000_000 }), { nil: null });

const knownFields = fc.record(
  {
    sessionId: fc.oneof(fc.uuid(), fc.constant(''), fc.constant(null)),
    agent: fc.oneof(nonEmpty, fc.constant('')),
    name: fc.constantFrom('alpha', 'beta', 'alpha-2'),
    created: text,
    lastUsed: text,
    startTime: text,
    logFile: text,
    lastPrompt: text,
    executor: fc.constantFrom('claude', 'codex', 'other'),
    mode: text,
    preset: text,
    status: nonEmpty,
    runnerPid: pid,
    executorPid: pid,
    background: fc.boolean(),
    exitCode: fc.option(fc.integer({ min: -255, max: 255 }), { nil: null }),
    turns: fc.nat(50),
    usage: fc.record({ inputTokens: fc.nat(), costUsd: fc.double({ min: 0, max: 10, noNaN: true }) }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

const extraKey = fc.string({ minLength: 1, maxLength: 10 }).filter((key) => !KNOWN_FIELDS.has(key) && key !== '__proto__');
const extraFields = fc.dictionary(extraKey, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });

const sessionRecord = fc
  .tuple(knownFields, extraFields)
  .map(([known, extra]) => ({ ...extra, ...known }) as Record_)
  .filter((record) => typeof record.sessionId === 'string' || SESSION_MARKER_FIELDS.some((field) => field in record));

/** Values that leaked into `agents` and do not look like sessions. */
const pollution = fc.oneof(
  fc.integer(),
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.constant({}),
  fc.dictionary(fc.constantFrom('model', 'sandbox', 'x'), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }),
);

const agentKey = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('implementor', 'neurons/qa', 'a b', 'ü')).filter(
  (key) => key !== '__proto__',
);

interface GeneratedStore {
  store: Record_;
  sessionKeys: string[];
  pollutedKeys: string[];
}

const v1Store: fc.Arbitrary<GeneratedStore> = fc
  .record({
    sessions: fc.dictionary(agentKey, sessionRecord, { maxKeys: 8 }),
    polluted: fc.dictionary(fc.oneof(fc.constantFrom('version', 'sessions', 'executor'), agentKey), pollution, { maxKeys: 4 }),
    withVersion: fc.boolean(),
    topLevel: fc.dictionary(
      fc.string({ minLength: 1, maxLength: 8 }).filter((key) => !['version', 'agents', 'sessions', '__proto__'].includes(key)),
      fc.jsonValue({ maxDepth: 1 }),
      { maxKeys: 2 },
    ),
  })
  .map(({ sessions, polluted, withVersion, topLevel }) => {
    const agents: Record_ = { ...sessions };
    const pollutedKeys = Object.keys(polluted).filter((key) => !(key in agents));
    for (const key of pollutedKeys) agents[key] = polluted[key];
    const store: Record_ = { ...topLevel, agents };
    if (withVersion) store.version = 1;
    return { store, sessionKeys: Object.keys(sessions), pollutedKeys };
  })
  // Records that share a sessionId are a separate case (covered in v1-to-v2.test.ts).
  .filter(({ store }) => {
    const ids = Object.values(store.agents as Record_)
      .map((record) => (record as Record_ | null)?.sessionId)
      .filter((id) => typeof id === 'string' && id !== '');
    return new Set(ids).size === ids.length;
  });

function expectedId(key: string, record: Record_): string {
  if (typeof record.sessionId === 'string' && record.sessionId !== '') return record.sessionId;
  const agent = typeof record.agent === 'string' && record.agent !== '' ? record.agent : key;
  return legacySessionId(agent, record, `/agents${pointerSegment(key)}`);
}

const runs = { numRuns: 300 };

describe('v1 to v2 migration, over generated V1 stores', () => {
  it('keeps every session-like record and every one of its fields', () => {
    fc.assert(
      fc.property(v1Store, fc.option(fc.constantFrom('codex', 'claude'), { nil: undefined }), ({ store, sessionKeys }, executor) => {
        const result = migrate(store, executor === undefined ? {} : { defaultExecutor: executor });
        const agents = store.agents as Record<string, Record_>;
        expect(Object.keys(result.store.sessions)).toHaveLength(sessionKeys.length);
        for (const key of sessionKeys) {
          const record = agents[key] as Record_;
          const entry = result.store.sessions[expectedId(key, record)] as Record_ | undefined;
          expect(entry).toBeDefined();
          if (!entry) return;
          for (const [field, value] of Object.entries(record)) {
            if (!FILLED_FIELDS.has(field)) expect(entry[field]).toEqual(value);
          }
          const agent = typeof record.agent === 'string' && record.agent !== '' ? record.agent : key;
          // An agent that is no path under .genie/agents/ is replaced, and kept beside.
          if (isValidAgentId(agent)) expect(entry.agent).toBe(agent);
          else expect([isValidAgentId(entry.agent), entry.originalAgent]).toEqual([true, agent]);
          expect(entry.executor).toBe(record.executor ?? executor ?? 'claude');
          expect(entry.mode).toBe(record.mode ?? record.preset);
          expect(entry.preset).toBe(record.preset ?? record.mode);
          if (typeof record.name === 'string' && record.name !== '') {
            expect(entry.name === record.name || String(entry.name).startsWith(`${record.name}-`)).toBe(true);
          } else {
            // Unnamed records are named after their V1 key (made one safe word), suffixed on a clash.
            const base = safeSessionName(key);
            expect(entry.name === base || new RegExp(`^${escapeRegExp(base)}-\\d+$`).test(String(entry.name))).toBe(true);
          }
        }
      }),
      runs,
    );
  });

  it('gives every migrated session a name, unique in the store', () => {
    fc.assert(
      fc.property(v1Store, ({ store }) => {
        const names = Object.values(migrate(store).store.sessions).map((entry) => entry.name);
        expect(names.every((name) => typeof name === 'string' && name !== '' && !/\s/.test(name))).toBe(true);
        expect(new Set(names).size).toBe(names.length);
      }),
      runs,
    );
  });

  it('produces a valid version-2 store and a warning for every skipped key', () => {
    fc.assert(
      fc.property(v1Store, ({ store, pollutedKeys }) => {
        const result = migrate(store);
        expect(result.fromVersion).toBe(1);
        expect(result.migrated).toBe(true);
        expect(validate(result.store)).toEqual([]);
        for (const key of pollutedKeys) {
          expect(result.warnings).toContain(`/agents${pointerSegment(key)}: skipped, ${kindOf(store, key)} that is not a session record`);
        }
        for (const [key, value] of Object.entries(store)) {
          if (key !== 'agents' && key !== 'version') expect(result.store[key]).toEqual(value);
        }
      }),
      runs,
    );
  });

  it('is idempotent: migrating the output again changes nothing', () => {
    fc.assert(
      fc.property(v1Store, ({ store }) => {
        const once = migrate(store);
        const twice = migrate(once.store);
        expect(twice).toEqual({ store: once.store, fromVersion: 2, migrated: false, warnings: [] });
      }),
      runs,
    );
  });

  it('is deterministic and never mutates its input', () => {
    fc.assert(
      fc.property(v1Store, ({ store }) => {
        const snapshot = structuredClone(store);
        const frozen = deepFreeze(store);
        const first: MigrationResult = migrate(frozen);
        const second: MigrationResult = migrate(frozen);
        expect(second).toEqual(first);
        expect(frozen).toEqual(snapshot);
      }),
      runs,
    );
  });

  it('runs as a pure step on frozen input, giving what migrate gives', () => {
    fc.assert(
      fc.property(v1Store, ({ store }) => {
        const snapshot = structuredClone(store);
        const stepped = v1ToV2.migrate(deepFreeze(store), { defaultExecutor: 'claude' });
        expect(stepped.store).toEqual(migrate(snapshot).store);
        expect(store).toEqual(snapshot);
      }),
      runs,
    );
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function kindOf(store: Record_, key: string): string {
  const value = (store.agents as Record_)[key];
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
