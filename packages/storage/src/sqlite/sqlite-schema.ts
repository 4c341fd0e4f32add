import { toSessionSummary, type SessionEntry } from '@genie/session-schema';
import type { SqliteConnection, SqlValue } from './sqlite-driver';

/**
 * The version of the tables, kept in `PRAGMA user_version`; 0 means not set up yet.
 * 1: CREATE_SCHEMA. 2: the `summary` column (addSummaries).
 */
export const SQLITE_SCHEMA_VERSION = 2;

/**
 * One row per session: the record as JSON (what every read returns, unknown fields kept),
 * plus the fields `list` filters and orders by as columns, so an index answers them.
 * Names are unique by the store's own check inside each write transaction, not by a
 * constraint: an imported predecessor file may hold a duplicate, which stays findable by id.
 */
export const CREATE_SCHEMA = `
CREATE TABLE IF NOT EXISTS sessions (
  session_id TEXT PRIMARY KEY NOT NULL,
  name TEXT,
  status TEXT,
  agent TEXT,
  sort_ms INTEGER NOT NULL,
  record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_by_name ON sessions (name);
CREATE INDEX IF NOT EXISTS sessions_newest ON sessions (sort_ms DESC, session_id);
CREATE INDEX IF NOT EXISTS sessions_by_status ON sessions (status, sort_ms DESC, session_id);
CREATE INDEX IF NOT EXISTS sessions_by_agent ON sessions (agent, sort_ms DESC, session_id);
CREATE TABLE IF NOT EXISTS store_notes (
  key TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
);
`;

/**
 * Version 2: each row also keeps what `list` shows of the session (toSessionSummary of the
 * record, as JSON), written in the same statement as the record, so a list reads neither
 * whole records nor renders them. Rows written before are given theirs here, in the
 * transaction that records the new version; a record that is not JSON keeps none (NULL),
 * and a list renders that one from its record.
 */
export function addSummaries(db: SqliteConnection): void {
  db.exec('ALTER TABLE sessions ADD COLUMN summary TEXT');
  const setSummary = db.prepare('UPDATE sessions SET summary = ? WHERE session_id = ?');
  for (const row of db.prepare('SELECT session_id, record FROM sessions').all()) {
    let entry: SessionEntry;
    try {
      entry = JSON.parse(row.record as string) as SessionEntry;
    } catch {
      continue;
    }
    setSummary.run(JSON.stringify(toSessionSummary(entry)), row.session_id as string);
  }
}

/** Records without a readable `created` sort after every dated one. */
const UNDATED = Number.MIN_SAFE_INTEGER;

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** The column values of a record, in the order of INSERT_SESSION's placeholders. */
export function sessionRow(entry: SessionEntry): SqlValue[] {
  const created = typeof entry.created === 'string' ? Date.parse(entry.created) : Number.NaN;
  return [
    entry.sessionId,
    textOrNull(entry.name),
    textOrNull(entry.status),
    textOrNull(entry.agent),
    Number.isNaN(created) ? UNDATED : created,
    JSON.stringify(entry),
    JSON.stringify(toSessionSummary(entry)),
  ];
}

export const INSERT_SESSION = 'INSERT INTO sessions (session_id, name, status, agent, sort_ms, record, summary) VALUES (?, ?, ?, ?, ?, ?, ?)';
/** Takes sessionRow's values with the id moved last. */
export const REPLACE_SESSION = 'UPDATE sessions SET name = ?, status = ?, agent = ?, sort_ms = ?, record = ?, summary = ? WHERE session_id = ?';
export const NEWEST_FIRST = 'ORDER BY sort_ms DESC, session_id ASC';
