import type { SessionEntry } from '@genie/session-schema';

/**
 * Entries are plain JSON data, so a recursive copy is faithful. Spreading clones an object
 * several times faster than assigning its keys one by one (or structuredClone), and it
 * defines every key as an own field, so a `"__proto__"` key stays data.
 */
function copyJson(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyJson);
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const key of Object.keys(copy)) {
    const field = copy[key];
    // `copy` owns every key, so even "__proto__" assigns the field, not the prototype.
    if (field !== null && typeof field === 'object') copy[key] = copyJson(field);
  }
  return copy;
}

/** A deep copy the caller owns (records handed in, and the record `update` lets a caller change). */
export function copyEntry(entry: SessionEntry): SessionEntry {
  return copyJson(entry) as SessionEntry;
}

function freezeJson(value: object): void {
  // Parts are frozen before their parent, so a frozen object's fields are frozen too.
  if (Object.isFrozen(value)) return;
  // JSON data inherits no enumerable fields, so for...in visits exactly its own (an array's
  // indexes), about twice as fast as Object.values.
  for (const key in value) {
    const field = (value as Record<string, unknown>)[key];
    if (field !== null && typeof field === 'object') freezeJson(field);
  }
  Object.freeze(value);
}

/**
 * Makes a stored record read-only, all the way down, and returns it. Adapters hand out
 * stored records themselves instead of copies: listing 10,000 sessions then costs no copy,
 * and no caller can change what is stored through a record it was given.
 */
export function freezeEntry(entry: SessionEntry): SessionEntry {
  freezeJson(entry);
  return entry;
}
