import { GenieError } from '@genie/errors';
import type { SessionEntry } from '@genie/session-schema';
import type { SessionStorage } from '@genie/storage';

/** Like git: a prefix shorter than this names nothing, so short words stay free for names. */
export const MIN_ID_PREFIX = 6;

const NOT_FOUND_HINT = 'Run `genie list sessions` to see the sessions of this workspace.';

/**
 * Sessions whose id starts with `prefix`, found by the store's index rather than by reading
 * every record. genie's ids are lowercase UUIDs, so a prefix typed or copied in capitals
 * (`E46BCD86`) finds them too.
 */
async function sessionsWithIdPrefix(storage: SessionStorage, prefix: string): Promise<SessionEntry[]> {
  const matches = await storage.list({ idPrefix: prefix });
  if (matches.length > 0 || prefix === prefix.toLowerCase()) return matches;
  return storage.list({ idPrefix: prefix.toLowerCase() });
}

/**
 * Finds a session by full id, then by friendly name, then by a unique id prefix of at
 * least MIN_ID_PREFIX characters. Only the store is consulted; logs are never scanned.
 */
export async function resolveSession(storage: SessionStorage, reference: string): Promise<SessionEntry> {
  const wanted = reference.trim();
  if (wanted === '') {
    throw new GenieError('INVALID_INPUT', 'No session given.', { hint: 'Name a session by its id, a unique id prefix or its name. ' + NOT_FOUND_HINT });
  }
  const byId = await storage.get(wanted);
  if (byId) return byId;
  const byName = await storage.findByName(wanted);
  if (byName) return byName;
  if (wanted.length >= MIN_ID_PREFIX) {
    const matches = await sessionsWithIdPrefix(storage, wanted);
    if (matches.length === 1 && matches[0]) return matches[0];
    if (matches.length > 1) {
      const candidates = matches.map((entry) => ({ sessionId: entry.sessionId, name: entry.name ?? null }));
      const listed = candidates.map((c) => (c.name ? `${c.sessionId} (${c.name})` : c.sessionId)).join(', ');
      throw new GenieError('SESSION_AMBIGUOUS', `Session prefix "${wanted}" matches ${matches.length} sessions: ${listed}.`, {
        hint: 'Type more characters of the id, or use the session name.',
        details: { session: wanted, candidates },
      });
    }
  }
  const tooShort = wanted.length < MIN_ID_PREFIX && /^[0-9a-f-]+$/i.test(wanted)
    ? ` An id prefix needs at least ${MIN_ID_PREFIX} characters.`
    : '';
  throw new GenieError('SESSION_NOT_FOUND', `No session matches "${wanted}" in ${storage.location}.${tooShort}`, {
    hint: NOT_FOUND_HINT,
    details: { session: wanted, store: storage.location },
  });
}
