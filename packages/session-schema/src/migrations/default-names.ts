import { isPlainObject, setOwn, type PlainObject } from '../plain-object';
import { safeSessionName } from './safe-identifiers';

/**
 * Names migrated sessions that have none after the V1 key they were stored under, the
 * only name their user knew them by. Every name already present is claimed first, so a
 * given name is never taken away; a clash gets `-2`, `-3`, ... The sessions are visited
 * in map order, so the same input always yields the same names. Returns a new map
 * (entries copied only when named).
 */
export function nameUnnamedSessions(sessions: PlainObject, baseOf: ReadonlyMap<string, string>): PlainObject {
  const taken = new Set<string>();
  for (const entry of Object.values(sessions)) {
    if (isPlainObject(entry) && typeof entry.name === 'string') taken.add(entry.name);
  }
  const result: PlainObject = {};
  for (const [key, entry] of Object.entries(sessions)) {
    const base = baseOf.get(key);
    if (base === undefined || !isPlainObject(entry) || !isUnnamed(entry.name)) {
      setOwn(result, key, entry);
      continue;
    }
    const first = safeSessionName(base);
    let name = first;
    for (let suffix = 2; taken.has(name); suffix += 1) name = `${first}-${suffix}`;
    taken.add(name);
    const named: PlainObject = { ...entry };
    setOwn(named, 'name', name);
    setOwn(result, key, named);
  }
  return result;
}

function isUnnamed(name: unknown): boolean {
  return name === undefined || name === null || name === '';
}
