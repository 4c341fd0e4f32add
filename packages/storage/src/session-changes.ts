import { GenieError } from '@genie/errors';
import { validateEntry, type SessionEntry } from '@genie/session-schema';
import type { CreateOptions } from './session-storage';
import { copyEntry, freezeEntry } from './entry-ownership';

/** What planning a change needs to look up: a session table, or a store's open transaction. */
export interface SessionLookup {
  get(sessionId: string): SessionEntry | undefined;
  /** The id of the session called `name`, ignoring `exceptId` (a session may keep its own name). */
  nameOwner(name: string, exceptId?: string): string | undefined;
}

const SHOWN_PROBLEMS = 5;

export function assertValidEntry(entry: unknown, action: string): asserts entry is SessionEntry {
  const problems = validateEntry(entry);
  if (problems.length === 0) return;
  const shown = problems.slice(0, SHOWN_PROBLEMS).join('; ');
  const more = problems.length > SHOWN_PROBLEMS ? ` (and ${problems.length - SHOWN_PROBLEMS} more)` : '';
  throw new GenieError('INVALID_INPUT', `Cannot ${action}: the session record is invalid: ${shown}${more}.`, {
    hint: 'Fix the listed fields; the store was not changed.',
    details: { problems },
  });
}

export function nameTaken(name: string, ownerId: string): GenieError {
  return new GenieError('NAME_TAKEN', `The session name "${name}" is already used by session ${ownerId}.`, {
    hint: 'Choose another name, or refer to the existing session by that name.',
    details: { name, sessionId: ownerId },
  });
}

/** First free `<name>-2`, `<name>-3`, ... in the table. */
function suffixedName(table: SessionLookup, name: string): string {
  for (let n = 2; ; n += 1) {
    const candidate = `${name}-${n}`;
    if (table.nameOwner(candidate) === undefined) return candidate;
  }
}

/** The record `create` would store (frozen), checked against the table; the table is not changed. */
export function planCreate(table: SessionLookup, entry: SessionEntry, options: CreateOptions = {}): SessionEntry {
  assertValidEntry(entry, 'create the session');
  if (table.get(entry.sessionId)) {
    throw new GenieError('SESSION_EXISTS', `A session with id ${entry.sessionId} already exists.`, {
      hint: 'Use a new id for a new session, or update the existing one.',
      details: { sessionId: entry.sessionId },
    });
  }
  const stored = copyEntry(entry);
  if (typeof stored.name === 'string') {
    const owner = table.nameOwner(stored.name);
    if (owner !== undefined) {
      if (options.onNameTaken !== 'suffix') throw nameTaken(stored.name, owner);
      stored.name = suffixedName(table, stored.name);
    }
  }
  return freezeEntry(stored);
}

/**
 * The record `update` would store (frozen): `mutate` sees a copy of the committed record,
 * and what it returns is copied, so the caller keeps no handle on the stored record.
 */
export function planUpdate(
  table: SessionLookup,
  sessionId: string,
  mutate: (current: SessionEntry) => SessionEntry,
): SessionEntry {
  const current = table.get(sessionId);
  if (!current) throw sessionNotFound(sessionId);
  const next: unknown = mutate(copyEntry(current));
  assertValidEntry(next, `update session ${sessionId}`);
  if (next.sessionId !== sessionId) {
    throw new GenieError('INVALID_INPUT', `An update cannot change a session's id (${sessionId} -> ${String(next.sessionId)}).`, {
      hint: 'Create a new session instead of renaming the id.',
      details: { sessionId },
    });
  }
  if (typeof next.name === 'string') {
    const owner = table.nameOwner(next.name, sessionId);
    if (owner !== undefined) throw nameTaken(next.name, owner);
  }
  return freezeEntry(copyEntry(next));
}

export function sessionNotFound(sessionId: string): GenieError {
  return new GenieError('SESSION_NOT_FOUND', `No session with id ${sessionId}.`, {
    hint: 'List sessions to see which ids exist.',
    details: { sessionId },
  });
}
