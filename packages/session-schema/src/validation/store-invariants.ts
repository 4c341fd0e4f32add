import { isPlainObject } from '../plain-object';
import { pointerSegment } from './json-pointer';

/**
 * What JSON Schema cannot say about a v2 store: each key equals its entry's sessionId,
 * and friendly names are unique (lookup by name must find exactly one session).
 */
export function storeInvariantProblems(store: unknown): string[] {
  if (!isPlainObject(store) || !isPlainObject(store.sessions)) return [];
  const problems: string[] = [];
  const ownerOfName = new Map<string, string>();
  // Runs on every read of a changed store: pointers are built only for the problems found.
  const pathOf = (key: string): string => `/sessions${pointerSegment(key)}`;
  const sessions = store.sessions;
  for (const key of Object.keys(sessions)) {
    const entry = sessions[key];
    if (!isPlainObject(entry)) continue;
    if (typeof entry.sessionId === 'string' && entry.sessionId !== key) {
      problems.push(`${pathOf(key)}/sessionId: must equal its key ${JSON.stringify(key)} (found ${JSON.stringify(entry.sessionId)})`);
    }
    if (typeof entry.name === 'string') {
      const owner = ownerOfName.get(entry.name);
      if (owner === undefined) ownerOfName.set(entry.name, key);
      else problems.push(`${pathOf(key)}/name: ${JSON.stringify(entry.name)} is also the name of session ${JSON.stringify(owner)}; names must be unique`);
    }
  }
  return problems;
}
