import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { GenieError } from '@genie/errors';
import { noSpaceError, outOfSpace } from './disk-full-snapshot';

/** SQLite's primary result codes genie reacts to (https://sqlite.org/rescode.html). */
const PRIMARY = { BUSY: 5, LOCKED: 6, READONLY: 8, IOERR: 10, CORRUPT: 11, FULL: 13, CANTOPEN: 14, NOTADB: 26 } as const;
type Primary = keyof typeof PRIMARY;

/**
 * The primary result code of a driver's error: better-sqlite3 names it (`SQLITE_BUSY_SNAPSHOT`),
 * node:sqlite numbers it (`errcode`, extended codes carry the primary one in the low byte).
 */
export function sqliteResult(error: unknown): Primary | null {
  const { code, errcode } = (error ?? {}) as { code?: unknown; errcode?: unknown };
  if (typeof errcode === 'number') {
    const primary = errcode & 0xff;
    return (Object.keys(PRIMARY) as Primary[]).find((name) => PRIMARY[name] === primary) ?? null;
  }
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    const name = code.slice('SQLITE_'.length).split('_')[0] as Primary;
    return name in PRIMARY ? name : null;
  }
  return null;
}

/** Another connection holds the write lock (or the database is briefly unavailable): wait and retry. */
export function isBusy(error: unknown): boolean {
  const result = sqliteResult(error);
  return result === 'BUSY' || result === 'LOCKED';
}

/** Whether the driver threw it (anything else, such as an update function's own error, passes through). */
function fromDriver(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_') || code === 'ERR_SQLITE_ERROR');
}

/** The GenieError for a driver error; every other error passes through as it is. */
export function storeError(action: string, location: string, error: unknown): unknown {
  if (!fromDriver(error)) return error;
  const message = (error as Error)?.message ?? String(error);
  const result = sqliteResult(error);
  if (result === 'CORRUPT' || result === 'NOTADB') {
    return new GenieError('STORE_CORRUPT', `The session database ${location} is damaged (${message}); it was left untouched.`, {
      hint: 'Run `genie doctor` to check it and `genie doctor --repair` to rebuild it from the event logs (the damaged file is kept beside it).',
      details: { file: location },
      cause: error,
    });
  }
  if (result === 'FULL') return diskFullError(`Could not ${action} ${location}: ${message}`, location, error);
  // Opening a database in WAL mode on a full disk fails to make its -shm file, an I/O error.
  if ((result === 'IOERR' || result === 'CANTOPEN') && outOfSpace(location)) {
    return diskFullError(`Could not ${action} ${location}: the disk is full (${message}).`, location, noSpaceError(location, error));
  }
  const unwritable = result === 'READONLY' ? notWritable(location) : [];
  if (unwritable.length > 0) {
    return new GenieError('STORE_IO', `Could not ${action} ${location}: ${message}; this user cannot write ${unwritable.join(', ')}.`, {
      hint: 'Make them writable by this user (chmod u+w, or chown them as their owner), then retry; nothing was changed.',
      details: { path: location, notWritable: unwritable },
      cause: error,
    });
  }
  return new GenieError('STORE_IO', `Could not ${action} ${location}: ${message}`, {
    hint: 'Check that the directory exists, is writable by this user and has free space, then retry.',
    details: { path: location },
    cause: error,
  });
}

/**
 * What keeps this user from writing the database: the file, its directory, or the `-wal` and
 * `-shm` files beside it. Those two outlive a connection that could not write (they take the
 * database file's permissions when made), so making the database file writable again is not
 * always enough, and the error has to name them.
 */
function notWritable(file: string): string[] {
  return [dirname(file), file, `${file}-wal`, `${file}-shm`].filter((path) => {
    if (!existsSync(path)) return false;
    try {
      accessSync(path, constants.W_OK);
      return false;
    } catch {
      return true;
    }
  });
}

/** A change refused because the disk is full; `cause` carries the disk-full code (SQLITE_FULL or ENOSPC). */
export function diskFullError(message: string, location: string, cause: unknown): GenieError {
  return new GenieError('STORE_IO', message, {
    hint: 'The disk is full: free some space, then retry (nothing was changed).',
    details: { path: location },
    cause,
  });
}
