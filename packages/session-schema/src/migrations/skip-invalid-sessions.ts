import { isPlainObject, setOwn, type PlainObject } from '../plain-object';
import { pointerSegment } from '../validation/json-pointer';

/** A session left out of an import because its record breaks the schema. */
export interface SkippedSession {
  /** Its key in the (migrated) store. */
  key: string;
  name: string | null;
  agent: string | null;
  /** What is wrong, with pointers relative to the record (`runnerPid: must be integer or null`). */
  problems: string[];
}

/**
 * The store without the sessions that `problems` (from validate) point into, and those
 * sessions; null when some problem lies outside every session (the store's own shape),
 * which no skipping can settle. Returns a new store; the input is not changed.
 */
export function withoutInvalidSessions(store: PlainObject, problems: readonly string[]): { store: PlainObject; skipped: SkippedSession[] } | null {
  const sessions = store.sessions;
  if (!isPlainObject(sessions)) return null;
  const keyOf = new Map<string, string>();
  for (const key of Object.keys(sessions)) keyOf.set(`/sessions${pointerSegment(key)}`, key);
  const problemsOf = new Map<string, string[]>();
  for (const problem of problems) {
    const prefix = sessionPrefix(problem, keyOf);
    if (prefix === undefined) return null;
    const key = keyOf.get(prefix) as string;
    const relative = problem.slice(prefix.length).replace(/^\//, '');
    const list = problemsOf.get(key) ?? [];
    list.push(relative.startsWith(':') ? `(the record)${relative}` : relative);
    problemsOf.set(key, list);
  }
  const kept: PlainObject = {};
  const skipped: SkippedSession[] = [];
  for (const [key, entry] of Object.entries(sessions)) {
    const found = problemsOf.get(key);
    if (found === undefined) {
      setOwn(kept, key, entry);
      continue;
    }
    const record = isPlainObject(entry) ? entry : {};
    skipped.push({
      key,
      name: typeof record.name === 'string' ? record.name : null,
      agent: typeof record.agent === 'string' ? record.agent : null,
      problems: found,
    });
  }
  return { store: { ...store, sessions: kept }, skipped };
}

/** The pointer of the session a problem lies in (`/sessions/<key>`), if it lies in one. */
function sessionPrefix(problem: string, keyOf: ReadonlyMap<string, string>): string | undefined {
  const segmentEnd = problem.indexOf('/', '/sessions/'.length);
  const fieldPrefix = segmentEnd === -1 ? undefined : problem.slice(0, segmentEnd);
  if (fieldPrefix !== undefined && keyOf.has(fieldPrefix)) return fieldPrefix;
  // A problem with the record as a whole (`/sessions/<key>: must be object`); keys may hold ':'.
  for (const prefix of keyOf.keys()) if (problem.startsWith(`${prefix}: `)) return prefix;
  return undefined;
}

/** One line for the import's notice: which session, and what is wrong with it. */
export function describeSkipped(skipped: SkippedSession): string {
  const labels = [skipped.name === null ? null : `name ${JSON.stringify(skipped.name)}`, skipped.agent === null ? null : `agent ${JSON.stringify(skipped.agent)}`].filter(
    (label): label is string => label !== null,
  );
  const label = labels.length > 0 ? ` (${labels.join(', ')})` : '';
  return `session ${JSON.stringify(skipped.key)}${label} skipped: ${skipped.problems.join(', ')}`;
}
