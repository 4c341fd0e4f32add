import { describeKind, hasOwn, isPlainObject, setOwn, type PlainObject } from '../plain-object';
import { pointerSegment } from '../validation/json-pointer';
import { canonicalJson } from './canonical-json';
import { nameUnnamedSessions } from './default-names';
import { legacySessionId } from './legacy-id';
import type { MigrationContext, MigrationStep, MigrationStepResult } from './migration-step';
import { safeIdentifiers } from './safe-identifiers';
import { isSessionLike } from './session-like';
import { storeCorrupt } from './store-corrupt';
import { uniquifyNames } from './unique-names';

const V2 = 2;

/** A V1 value that is a session record, with where it was found. */
interface Candidate {
  /** JSON Pointer of the record in the input, for warnings and for legacy ids. */
  origin: string;
  /** Agent name to fall back on when the record names none. */
  agentFallback: string;
  /** Session id to fall back on when the record has none (the key of a hoisted map). */
  idFallback: string | undefined;
  /** The V1 key the record was stored under, its name when it has none. */
  key: string;
  record: PlainObject;
}

/** Agent of records hoisted from a leaked sessions map that never recorded one. */
const UNKNOWN_AGENT = 'unknown';

function isUsableId(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null;
}

function collectCandidates(agents: PlainObject, warnings: string[]): Candidate[] {
  const candidates: Candidate[] = [];
  for (const [key, value] of Object.entries(agents)) {
    const origin = `/agents${pointerSegment(key)}`;
    if (isSessionLike(value)) {
      candidates.push({ origin, agentFallback: key, idFallback: undefined, key, record: value });
      continue;
    }
    // The predecessor sometimes leaked a whole v2 `sessions` map into `agents`.
    if (key === 'sessions' && isPlainObject(value) && Object.values(value).some(isSessionLike)) {
      let hoisted = 0;
      for (const [id, nested] of Object.entries(value)) {
        const nestedOrigin = `${origin}${pointerSegment(id)}`;
        if (isSessionLike(nested)) {
          const agent = nested.agent;
          const nameKey = typeof agent === 'string' && agent !== '' ? agent : UNKNOWN_AGENT;
          candidates.push({ origin: nestedOrigin, agentFallback: UNKNOWN_AGENT, idFallback: id, key: nameKey, record: nested });
          hoisted += 1;
        } else {
          warnings.push(`${nestedOrigin}: skipped, ${describeKind(nested)} that is not a session record`);
        }
      }
      warnings.push(`${origin}: held ${hoisted} session record(s) keyed by id; moved them into sessions`);
      continue;
    }
    warnings.push(`${origin}: skipped, ${describeKind(value)} that is not a session record`);
  }
  return candidates;
}

/** The V2 form of one record: every field kept, id and agent first, defaults filled. */
function toV2Entry(candidate: Candidate, context: MigrationContext, warnings: string[]): PlainObject {
  const { record, origin } = candidate;
  let agent = record.agent;
  if (isAbsent(agent) || agent === '') {
    agent = candidate.agentFallback;
    if (agent === UNKNOWN_AGENT) warnings.push(`${origin}: no agent recorded; set to ${JSON.stringify(UNKNOWN_AGENT)}`);
  }
  let sessionId: string;
  let originalSessionId: unknown;
  if (isUsableId(record.sessionId)) {
    sessionId = record.sessionId;
  } else if (isUsableId(candidate.idFallback)) {
    sessionId = candidate.idFallback;
  } else {
    sessionId = legacySessionId(typeof agent === 'string' ? agent : '', record, origin);
    if (!isAbsent(record.sessionId) && record.sessionId !== '') originalSessionId = record.sessionId;
    warnings.push(`${origin}: had no usable sessionId; stored as ${JSON.stringify(sessionId)}`);
  }

  const entry: PlainObject = {};
  setOwn(entry, 'sessionId', sessionId);
  setOwn(entry, 'agent', agent);
  for (const [field, value] of Object.entries(record)) {
    if (field !== 'sessionId' && field !== 'agent') setOwn(entry, field, value);
  }
  if (originalSessionId !== undefined) setOwn(entry, 'originalSessionId', originalSessionId);
  if (isAbsent(entry.executor)) setOwn(entry, 'executor', context.defaultExecutor);
  if (isAbsent(entry.mode) && typeof entry.preset === 'string') setOwn(entry, 'mode', entry.preset);
  if (isAbsent(entry.preset) && typeof entry.mode === 'string') setOwn(entry, 'preset', entry.mode);
  return entry;
}

function migrateV1ToV2(store: PlainObject, context: MigrationContext): MigrationStepResult {
  const agents = hasOwn(store, 'agents') ? store.agents : {};
  const existing = hasOwn(store, 'sessions') ? store.sessions : {};
  const problems: string[] = [];
  if (!isPlainObject(agents)) problems.push(`/agents: must be object (found ${describeKind(agents)})`);
  if (!isPlainObject(existing)) problems.push(`/sessions: must be object (found ${describeKind(existing)})`);
  if (!isPlainObject(agents) || !isPlainObject(existing)) {
    throw storeCorrupt('The version-1 session store has the wrong shape, so its sessions cannot be migrated.', problems);
  }

  const warnings: string[] = [];
  const sessions: PlainObject = {};
  // Entries already in `sessions` (a half-migrated file) are version 2 and win collisions.
  const originOf = new Map<string, string>();
  // V1 key of each migrated session, which names it when it has no name.
  const nameBaseOf = new Map<string, string>();
  for (const [id, entry] of Object.entries(existing)) {
    setOwn(sessions, id, entry);
    originOf.set(id, `/sessions${pointerSegment(id)}`);
  }

  for (const candidate of collectCandidates(agents, warnings)) {
    const entry = toV2Entry(candidate, context, warnings);
    const id = entry.sessionId as string;
    const holder = originOf.get(id);
    if (holder === undefined) {
      setOwn(sessions, id, entry);
      originOf.set(id, candidate.origin);
      nameBaseOf.set(id, candidate.key);
      continue;
    }
    const label = `session ${JSON.stringify(id)} (agent ${JSON.stringify(entry.agent)})`;
    if (holder.startsWith('/sessions/')) {
      warnings.push(`${candidate.origin}: ${label} dropped; the entry with the same id at ${holder} wins`);
    } else if (canonicalJson(sessions[id]) === canonicalJson(entry)) {
      warnings.push(`${candidate.origin}: ${label} is an exact copy of ${holder}; kept once`);
    } else {
      // Two different V1 records claim one id: keep both, the later one under a derived id.
      const rekeyed = legacySessionId(typeof entry.agent === 'string' ? entry.agent : '', candidate.record, candidate.origin);
      setOwn(sessions, rekeyed, { ...entry, sessionId: rekeyed, originalSessionId: id });
      originOf.set(rekeyed, candidate.origin);
      nameBaseOf.set(rekeyed, candidate.key);
      warnings.push(`${candidate.origin}: ${label} is also claimed by ${holder}; stored as ${JSON.stringify(rekeyed)} with originalSessionId ${JSON.stringify(id)}`);
    }
  }

  const safe = safeIdentifiers(nameUnnamedSessions(sessions, nameBaseOf));
  const named = uniquifyNames(safe.sessions);
  warnings.push(...safe.warnings, ...named.warnings);

  // Its own target version, not the current one: later steps take the store from here.
  const result: PlainObject = { version: V2, sessions: named.sessions };
  for (const [key, value] of Object.entries(store)) {
    if (key !== 'version' && key !== 'sessions' && key !== 'agents') setOwn(result, key, value);
  }
  return { store: result, warnings };
}

export const v1ToV2: MigrationStep<1, typeof V2> = { from: 1, to: V2, migrate: migrateV1ToV2 };
