import { copyFileSync, linkSync, readFileSync } from 'node:fs';
import { GenieError } from '@genie/errors';
import { CURRENT_STORE_VERSION } from '@genie/session-schema';
import { replaceStoreFile } from './atomic-write';
import { DEFAULT_LOCK_TIMEOUT_MS, openJsonStorage } from './json-storage';
import { storeIoError, summariseProblems, unusableStoreError } from './store-errors';
import { examineStoreBytes, type StoreExamination } from './store-examination';
import type { ProcessProbe, StoreMigration } from '../registry/storage-adapter';
import { acquireStoreLock } from './store-lock';
import { storePaths } from './store-paths';

/** What `genie doctor` reports about a sessions file; nothing is modified to find out. */
export interface JsonStoreInspection {
  file: string;
  exists: boolean;
  /** Usable as it is (a missing file is a healthy empty store; an old version is migratable). */
  healthy: boolean;
  version: number | null;
  /** Number of sessions, when the file is usable. */
  sessions: number | null;
  /** Why the file is not usable, as `path: message` problems joined; null when healthy. */
  problem: string | null;
  /** True when the file is of an older version and the next use will migrate it. */
  needsMigration: boolean;
  backupFile: string | null;
  backupHealthy: boolean | null;
}

export interface RestoreReport {
  file: string;
  restoredFrom: string;
  /** Where the damaged bytes were kept; null when there was no file to keep. */
  corruptCopy: string | null;
  sessions: number;
}

/** Synchronous like the store's own reads (see store-file.ts); it also spares loading node:fs/promises. */
function readIfExists(file: string): Buffer | null {
  try {
    return readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw storeIoError('read', file, error);
  }
}

function sessionCount(examination: Extract<StoreExamination, { ok: true }>): number {
  return Object.keys(examination.store.sessions).length;
}

export async function inspectJsonStore(file: string, options: { defaultExecutor?: string } = {}): Promise<JsonStoreInspection> {
  const paths = storePaths(file);
  const bytes = readIfExists(file);
  const backupBytes = readIfExists(paths.backup);
  const backup = backupBytes === null ? null : examineStoreBytes(backupBytes, options);
  const base = {
    file,
    exists: bytes !== null,
    backupFile: backupBytes === null ? null : paths.backup,
    backupHealthy: backup === null ? null : backup.ok,
  };
  if (bytes === null) {
    return { ...base, healthy: true, version: null, sessions: 0, problem: null, needsMigration: false };
  }
  const examination = examineStoreBytes(bytes, options);
  if (!examination.ok) {
    return {
      ...base,
      healthy: false,
      version: examination.version,
      sessions: null,
      problem: summariseProblems(examination.problems),
      needsMigration: false,
    };
  }
  return {
    ...base,
    healthy: true,
    version: examination.fromVersion,
    sessions: sessionCount(examination),
    problem: null,
    needsMigration: examination.migrated,
  };
}

function timestampForFileName(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

/**
 * Replaces a damaged sessions file by its `.bak`, keeping the damaged bytes as
 * `sessions.json.corrupt-<timestamp>`. Refuses when the file is healthy or the backup is not.
 */
export async function restoreJsonStoreBackup(
  file: string,
  options: { lockTimeoutMs?: number; processProbe?: ProcessProbe } = {},
): Promise<RestoreReport> {
  const paths = storePaths(file);
  const lock = await acquireStoreLock(paths.lockDir, options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS, options.processProbe);
  try {
    const current = readIfExists(file);
    if (current !== null && examineStoreBytes(current).ok) {
      throw new GenieError('INVALID_INPUT', `The session store ${file} is healthy; there is nothing to restore.`, {
        hint: 'Restoring the backup would drop the latest changes, so genie does not do it for a healthy file.',
        details: { file },
      });
    }
    const backupBytes = readIfExists(paths.backup);
    if (backupBytes === null) {
      throw new GenieError('STORE_CORRUPT', `The session store ${file} is damaged and there is no ${paths.backup} to restore.`, {
        hint: 'Fix the file by hand, or move it away to start with an empty store.',
        details: { file },
      });
    }
    const backup = examineStoreBytes(backupBytes);
    if (!backup.ok) {
      const error = unusableStoreError(paths.backup, backup);
      throw new GenieError('STORE_CORRUPT', `The backup ${paths.backup} cannot be restored: ${error.message}`, {
        hint: 'Neither file is usable; fix one by hand, or move both away to start with an empty store.',
        details: { file, backup: paths.backup },
      });
    }
    let corruptCopy: string | null = null;
    if (current !== null) {
      corruptCopy = paths.corruptCopy(timestampForFileName());
      try {
        linkSync(file, corruptCopy);
      } catch {
        copyFileSync(file, corruptCopy);
      }
    }
    replaceStoreFile(paths, backupBytes, { keepBackup: false });
    return { file, restoredFrom: paths.backup, corruptCopy, sessions: sessionCount(backup) };
  } finally {
    lock.release();
  }
}

/** Migrates an old-version file now (what the first use would do), or reports what it would do. */
export async function migrateJsonStore(
  file: string,
  options: { dryRun?: boolean; defaultExecutor?: string; lockTimeoutMs?: number; processProbe?: ProcessProbe } = {},
): Promise<StoreMigration> {
  const bytes = readIfExists(file);
  if (bytes === null) {
    return { location: file, source: null, fromVersion: null, toVersion: CURRENT_STORE_VERSION, migrated: false, sessions: 0, backupFile: null, warnings: [] };
  }
  const examination = examineStoreBytes(bytes, options);
  if (!examination.ok) throw unusableStoreError(file, examination);
  const report: StoreMigration = {
    location: file,
    // An old version of the store is migrated in place: it is its own source.
    source: file,
    fromVersion: examination.fromVersion,
    toVersion: CURRENT_STORE_VERSION,
    migrated: examination.migrated,
    sessions: sessionCount(examination),
    backupFile: examination.migrated ? storePaths(file).migrationBackup(examination.fromVersion) : null,
    warnings: examination.warnings,
  };
  if (options.dryRun || !examination.migrated) return report;
  let migratedNow = false;
  const storage = openJsonStorage(file, { ...options, onWarning: () => (migratedNow = true) });
  try {
    // The first use migrates under the lock; another process may have done it in between.
    report.sessions = (await storage.list()).length;
  } finally {
    await storage.close();
  }
  return migratedNow ? report : { ...report, migrated: false, backupFile: null, warnings: [] };
}
