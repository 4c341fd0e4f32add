import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { GenieError } from '@genie/errors';
import type { SessionStorage } from '../session-storage';
import { readPredecessorStore } from './predecessor-import';
import type { SqliteConnection, SqliteDriver } from './sqlite-driver';
import { diskFullError, storeError } from './sqlite-errors';
import { addSummaries, CREATE_SCHEMA, INSERT_SESSION, SQLITE_SCHEMA_VERSION, sessionRow } from './sqlite-schema';
import { SqliteStorage } from './sqlite-storage';
import { DRIVER_BUSY_TIMEOUT_MS, retryWhileBusy } from './sqlite-wait';

export interface OpenSqliteOptions {
  driver: SqliteDriver;
  lockTimeoutMs: number;
  /** A predecessor's `sessions.json` whose sessions a new database starts with. */
  importFrom?: string;
  defaultExecutor?: string;
  /** Notices for a person: an import, a wait for other writers. */
  onWarning?: (message: string) => void;
  /** Called when this call created the database and imported the predecessor's sessions into it. */
  onImported?: () => void;
}

function userVersion(db: SqliteConnection): number {
  return Number(db.prepare('PRAGMA user_version').get()?.user_version ?? 0);
}

function newerSchema(file: string, version: number): GenieError {
  return new GenieError(
    'STORE_VERSION_UNSUPPORTED',
    `The session database ${file} is version ${version}, newer than this genie understands (up to ${SQLITE_SCHEMA_VERSION}); it was left untouched.`,
    { hint: 'Upgrade genie to use this workspace.', details: { file, version, supported: SQLITE_SCHEMA_VERSION } },
  );
}

/** The headline of the sessions an import left out; the notes name each and what is wrong. */
function skippedNotice(source: string, skipped: number): string {
  if (skipped === 0) return '';
  const which = skipped === 1 ? '1 session that' : `${skipped} sessions that`;
  const stays = skipped === 1 ? 'it stays there untouched' : 'they stay there untouched';
  return ` Skipped ${which} ${source} records wrongly; ${stays} (genie does not read it again, so copy what you need by hand).`;
}

/**
 * Creates the tables in a new database, in one transaction with the import of the
 * predecessor's sessions, or brings an older database's tables up to date: every process
 * that opens the database races to do it, the first one does, and no process ever sees the
 * tables half set up or without the imported sessions.
 */
function setUp(db: SqliteConnection, file: string, options: OpenSqliteOptions): string | null {
  db.exec('BEGIN IMMEDIATE');
  try {
    const version = userVersion(db);
    if (version >= SQLITE_SCHEMA_VERSION) {
      db.exec('ROLLBACK');
      if (version > SQLITE_SCHEMA_VERSION) throw newerSchema(file, version);
      return null;
    }
    if (version < 1) db.exec(CREATE_SCHEMA);
    if (version < 2) addSummaries(db);
    let notice: string | null = null;
    const predecessor = version === 0 && options.importFrom ? readPredecessorStore(options.importFrom, options) : null;
    if (predecessor) {
      const insert = db.prepare(INSERT_SESSION);
      for (const session of predecessor.sessions) insert.run(...sessionRow(session));
      const note = db.prepare('INSERT INTO store_notes (key, value) VALUES (?, ?)');
      note.run('importedFrom', predecessor.file);
      note.run('importedVersion', String(predecessor.fromVersion));
      note.run('importedAt', new Date().toISOString());
      const notes = predecessor.warnings.length > 0 ? ` Notes: ${predecessor.warnings.join('; ')}` : '';
      notice =
        `Imported ${predecessor.sessions.length} sessions from ${predecessor.file} (version ${predecessor.fromVersion}) into ${file}; ` +
        `the original file is kept untouched beside it and genie no longer writes it (set storage.adapter: json to keep using it).` +
        `${skippedNotice(predecessor.file, predecessor.skipped.length)}${notes}`;
    }
    db.exec(`PRAGMA user_version = ${SQLITE_SCHEMA_VERSION}`);
    db.exec('COMMIT');
    return notice;
  } catch (error) {
    try {
      db.exec('ROLLBACK');
    } catch {
      // Already ended.
    }
    throw error;
  }
}

/** The database's directory cannot be made: something else stands in its path, or the disk refuses. */
function directoryError(file: string, error: unknown): GenieError {
  const message = `Could not create the directory of the session database ${file}: ${(error as Error).message}`;
  if ((error as NodeJS.ErrnoException).code === 'ENOSPC') return diskFullError(message, file, error);
  return new GenieError('STORE_IO', message, {
    hint: 'Check that every part of that path is a directory (move away a file that stands in one) and writable by this user, then retry.',
    details: { path: dirname(file) },
    cause: error,
  });
}

/**
 * Opens (creating on first use) the SQLite session store `file`: WAL, so readers never wait
 * for the writer; `synchronous = FULL`, so a committed change survives a power loss too, as
 * an acknowledged change must; a short busy timeout in the driver, the rest of any wait in
 * genie's retry loop (see sqlite-wait.ts).
 */
export async function openSqliteStorage(file: string, options: OpenSqliteOptions): Promise<SessionStorage> {
  const wait = { lockTimeoutMs: options.lockTimeoutMs, ...(options.onWarning ? { onWait: options.onWarning } : {}) };
  let db: SqliteConnection;
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (error) {
    throw directoryError(file, error);
  }
  try {
    db = options.driver.open(file);
    db.exec(`PRAGMA busy_timeout = ${DRIVER_BUSY_TIMEOUT_MS}`);
  } catch (error) {
    throw storeError('open the session database', file, error);
  }
  try {
    await retryWhileBusy(file, 'set up the session database', () => db.exec('PRAGMA journal_mode = WAL'), wait);
    db.exec('PRAGMA synchronous = FULL');
    const version = userVersion(db);
    if (version > SQLITE_SCHEMA_VERSION) throw newerSchema(file, version);
    if (version < SQLITE_SCHEMA_VERSION) {
      const notice = await retryWhileBusy(file, 'set up the session database', () => setUp(db, file, options), wait);
      if (notice) {
        options.onImported?.();
        options.onWarning?.(notice);
      }
    }
  } catch (error) {
    db.close();
    throw storeError('open the session database', file, error);
  }
  return new SqliteStorage(db, file, wait);
}
