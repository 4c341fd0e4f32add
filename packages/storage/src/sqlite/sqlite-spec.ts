import { GenieError } from '@genie/errors';
import { optionalPositiveInteger, requireStringField } from '../registry/spec-fields';
import { loadSqliteDriver, type SqliteDriver } from './sqlite-driver';

export interface SqliteStorageSpec {
  kind: 'sqlite';
  /** The database file. */
  file: string;
  /** A predecessor's `sessions.json` whose sessions a new database starts with. */
  importFrom?: string;
  lockTimeoutMs?: number;
  readonly [field: string]: unknown;
}

/** Other writers hold the database for milliseconds; a minute of waiting means something hangs. */
export const DEFAULT_SQLITE_LOCK_TIMEOUT_MS = 60_000;

export interface SqliteSpecFields {
  file: string;
  importFrom: string | undefined;
  lockTimeoutMs: number;
}

export function sqliteSpecFields(spec: SqliteStorageSpec): SqliteSpecFields {
  const importFrom = spec.importFrom === undefined ? undefined : requireStringField(spec, 'importFrom');
  return {
    file: requireStringField(spec, 'file'),
    importFrom,
    lockTimeoutMs: optionalPositiveInteger(spec, 'lockTimeoutMs') ?? DEFAULT_SQLITE_LOCK_TIMEOUT_MS,
  };
}

export function noDriver(file: string): GenieError {
  return new GenieError('STORE_IO', `The session database ${file} exists, but this Node (${process.version}) cannot open SQLite databases.`, {
    hint: 'Use Node 22.13 or newer (it has node:sqlite built in), or reinstall genie on Node 20 so that its optional better-sqlite3 builds.',
    details: { file, node: process.version },
  });
}

export function requireDriver(file: string): SqliteDriver {
  const driver = loadSqliteDriver();
  if (!driver) throw noDriver(file);
  return driver;
}

