import { hasOwn, isPlainObject, setOwn, type PlainObject } from '../plain-object';
import { isSessionLike } from './session-like';

/**
 * The id the predecessor gave a V1 value that had none: `legacy-<its key>-<Date.now()>`.
 * Its V1->V2 conversion turned every value of the `agents` map into a session this way,
 * the settings that had leaked into that map (`version`, `executor`, `sessions`) included.
 */
const PREDECESSOR_LEGACY_ID = /^legacy-(.+)-\d{10,}$/;

/** A field the conversion made by spreading a string or an array: `{ ..."claude" }` is `{ 0: 'c', ... }`. */
const SPREAD_INDEX = /^\d+$/;

/** Fields of a session record: an entry holding one of them is a session, whatever its id. */
const RECORD_FIELDS = new Set(['name', 'executor', 'status', 'created', 'lastUsed', 'startTime', 'logFile', 'mode', 'preset', 'lastPrompt', 'error']);

/** Agent of a session hoisted out of a leaked `sessions` map that never recorded one. */
const UNKNOWN_AGENT = 'unknown';

/**
 * An entry the predecessor made of a leaked setting rather than of a session: its id is a
 * predecessor legacy id naming its own agent, and it holds nothing but characters of a
 * spread string or records keyed by id (a leaked `sessions` map). A real session converted
 * the same way keeps the fields of a record (`created`, `status`, ...), so it never matches.
 */
function isLeftover(key: string, entry: PlainObject): boolean {
  const match = PREDECESSOR_LEGACY_ID.exec(key);
  if (!match || entry.sessionId !== key || entry.agent !== match[1]) return false;
  return Object.entries(entry).every(
    ([field, value]) => field === 'sessionId' || field === 'agent' || SPREAD_INDEX.test(field) || (!RECORD_FIELDS.has(field) && isSessionLike(value)),
  );
}

/**
 * The sessions map without the predecessor's leftovers (see isLeftover), one warning each;
 * the records inside a leaked `sessions` map move into the map under their own ids, unless
 * a session with that id is already there (the stored one wins). Returns a new map.
 */
export function dropPredecessorLeftovers(sessions: PlainObject): { sessions: PlainObject; warnings: string[] } {
  const warnings: string[] = [];
  const result: PlainObject = {};
  const hoisted: Array<[string, PlainObject]> = [];
  for (const [key, entry] of Object.entries(sessions)) {
    if (!isPlainObject(entry) || !isLeftover(key, entry)) {
      setOwn(result, key, entry);
      continue;
    }
    const records = Object.entries(entry).filter(([field, value]) => !SPREAD_INDEX.test(field) && field !== 'sessionId' && field !== 'agent' && isPlainObject(value));
    for (const [id, record] of records) hoisted.push([id, record as PlainObject]);
    const moved = records.length > 0 ? `; its ${records.length} session record(s) were moved into the store` : '';
    warnings.push(`session ${JSON.stringify(key)} skipped: the predecessor made it of its ${JSON.stringify(entry.agent)} setting, not a session${moved}`);
  }
  for (const [id, record] of hoisted) {
    if (hasOwn(result, id)) {
      warnings.push(`session ${JSON.stringify(id)}: a copy inside a predecessor leftover was dropped; the stored one is kept`);
      continue;
    }
    const session: PlainObject = { ...record };
    if (typeof session.sessionId !== 'string') setOwn(session, 'sessionId', id);
    if (typeof session.agent !== 'string' || session.agent === '') setOwn(session, 'agent', UNKNOWN_AGENT);
    setOwn(result, id, session);
  }
  return { sessions: result, warnings };
}
