import { existsSync } from 'node:fs';
import { isGenieError } from '@genie/errors';
import { CURRENT_STORE_VERSION } from '@genie/session-schema';
import type { StorageMaintenance, StoreInspection, StoreMigration } from '../registry/storage-adapter';
import { openDiskFullSnapshot } from './disk-full-snapshot';
import { openSqliteStorage } from './open-sqlite-storage';
import { readPredecessorStore } from './predecessor-import';
import type { SqliteConnection } from './sqlite-driver';
import { requireDriver, sqliteSpecFields, type SqliteStorageSpec } from './sqlite-spec';
import { sqliteResult, storeError } from './sqlite-errors';
import { repairSqliteStore } from './sqlite-repair';
import { SQLITE_SCHEMA_VERSION } from './sqlite-schema';

interface DatabaseCheck {
  version: number;
  sessions: number | null;
  problems: string[];
}

/** A read-only connection; on a disk too full to open one, a view of the main file (see disk-full-snapshot.ts). */
function openReadOnly(file: string): SqliteConnection {
  const driver = requireDriver(file);
  let db: SqliteConnection | null = null;
  try {
    db = driver.open(file, { readOnly: true });
    // A driver may open lazily: the first read is what needs the -shm file.
    db.prepare('PRAGMA user_version').get();
    return db;
  } catch (error) {
    db?.close();
    const snapshot = openDiskFullSnapshot(driver, file);
    if (!snapshot) throw error;
    return snapshot;
  }
}

/** `PRAGMA integrity_check` and the session count, through a read-only connection. */
function checkDatabase(file: string): DatabaseCheck {
  const db = openReadOnly(file);
  try {
    const version = Number(db.prepare('PRAGMA user_version').get()?.user_version ?? 0);
    const problems = db
      .prepare('PRAGMA integrity_check')
      .all()
      .map((row) => String(Object.values(row)[0]))
      .filter((line) => line !== 'ok');
    const hasTable = db.prepare("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = 'sessions'").get() !== undefined;
    const sessions = hasTable ? Number(db.prepare('SELECT count(*) AS n FROM sessions').get()?.n ?? 0) : 0;
    return { version, sessions, problems };
  } finally {
    db.close();
  }
}

async function inspect(spec: SqliteStorageSpec, context: { defaultExecutor?: string }): Promise<StoreInspection> {
  const fields = sqliteSpecFields(spec);
  const base = { location: fields.file, supportedVersion: SQLITE_SCHEMA_VERSION, repairable: false };
  let check: DatabaseCheck | null = null;
  try {
    if (existsSync(fields.file)) check = checkDatabase(fields.file);
  } catch (error) {
    const result = sqliteResult(error);
    if (result !== 'CORRUPT' && result !== 'NOTADB') throw storeError('read the session database', fields.file, error);
    return { ...base, repairable: true, version: null, healthy: false, sessions: null, problem: (error as Error).message, problemCode: 'STORE_CORRUPT' };
  }
  if (check === null || check.version === 0) {
    // Not set up yet (an import that was refused leaves an empty file): the first use sets it up, importing the predecessor's file.
    try {
      const predecessor = fields.importFrom ? readPredecessorStore(fields.importFrom, context) : null;
      return { ...base, version: null, healthy: true, sessions: predecessor?.sessions.length ?? 0, problem: null, problemCode: null };
    } catch (error) {
      if (!isGenieError(error)) throw error;
      const problemCode = error.code === 'STORE_CORRUPT' || error.code === 'STORE_VERSION_UNSUPPORTED' ? error.code : null;
      if (problemCode === null) throw error;
      return { ...base, version: null, healthy: false, sessions: null, problem: error.message, problemCode };
    }
  }
  if (check.version > SQLITE_SCHEMA_VERSION) {
    return {
      ...base,
      version: check.version,
      healthy: false,
      sessions: null,
      problem: `version ${check.version} of the database is newer than this genie understands`,
      problemCode: 'STORE_VERSION_UNSUPPORTED',
    };
  }
  const healthy = check.problems.length === 0;
  return {
    ...base,
    version: check.version,
    healthy,
    sessions: healthy ? check.sessions : null,
    problem: healthy ? null : `integrity check: ${check.problems.slice(0, 3).join('; ')}`,
    problemCode: healthy ? null : 'STORE_CORRUPT',
    repairable: !healthy,
  };
}

/**
 * A database is created on first use, importing the predecessor's file; `migrate` does that
 * now, or with `dryRun` reports what it would import. An existing database has nothing to migrate.
 */
async function migrate(
  spec: SqliteStorageSpec,
  context: { defaultExecutor?: string; dryRun: boolean },
): Promise<StoreMigration> {
  const fields = sqliteSpecFields(spec);
  const nothing = { location: fields.file, backupFile: null, warnings: [], migrated: false };
  if (existsSync(fields.file)) {
    const check = checkDatabase(fields.file);
    if (check.version !== 0) {
      // Its records are of the current version; the tables' own version is checked when it opens.
      return { ...nothing, source: null, fromVersion: CURRENT_STORE_VERSION, toVersion: CURRENT_STORE_VERSION, sessions: check.sessions ?? 0 };
    }
  }
  const predecessor = fields.importFrom ? readPredecessorStore(fields.importFrom, context) : null;
  if (!predecessor) return { ...nothing, source: null, fromVersion: null, toVersion: CURRENT_STORE_VERSION, sessions: 0 };
  const report: StoreMigration = {
    location: fields.file,
    source: predecessor.file,
    fromVersion: predecessor.fromVersion,
    toVersion: CURRENT_STORE_VERSION,
    migrated: true,
    sessions: predecessor.sessions.length,
    backupFile: predecessor.file,
    warnings: predecessor.warnings,
  };
  if (context.dryRun) return report;
  let imported = false;
  const storage = await openSqliteStorage(fields.file, {
    driver: requireDriver(fields.file),
    lockTimeoutMs: fields.lockTimeoutMs,
    importFrom: predecessor.file,
    ...(context.defaultExecutor === undefined ? {} : { defaultExecutor: context.defaultExecutor }),
    onImported: () => (imported = true),
  });
  await storage.close();
  // Another process may have created the database in between; then this call imported nothing.
  return imported ? report : { ...report, migrated: false, warnings: [] };
}

export const sqliteMaintenance: StorageMaintenance<SqliteStorageSpec> = { inspect, migrate, repair: repairSqliteStore };
