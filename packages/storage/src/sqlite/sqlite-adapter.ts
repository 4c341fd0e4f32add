import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { openJsonStorage } from '../json/json-storage';
import { defaultSessionsFile } from '../json/store-paths';
import type { OpenOptions, StorageAdapter } from '../registry/storage-adapter';
import type { SessionStorage } from '../session-storage';
import { LazySqliteStorage } from './lazy-sqlite-storage';
import { openSqliteOrDiskFullSnapshot } from './disk-full-storage';
import { loadSqliteDriver } from './sqlite-driver';
import { sqliteMaintenance } from './sqlite-maintenance';
import { noDriver, sqliteSpecFields, type SqliteSpecFields, type SqliteStorageSpec } from './sqlite-spec';

/** The sessions file used when this Node has no SQLite driver: the predecessor's, which a later database imports. */
function fallbackFile(fields: SqliteSpecFields): string {
  return fields.importFrom ?? join(dirname(fields.file), 'sessions.json');
}

/**
 * Where this Node has no SQLite (Node 20 whose better-sqlite3 did not build), a workspace
 * without a database keeps its sessions in the JSON file instead, which the database imports
 * once SQLite is available. A workspace that already has a database is refused: its sessions
 * are there, and a JSON file beside it would split them.
 */
async function openFallback(fields: SqliteSpecFields, options: OpenOptions): Promise<SessionStorage> {
  if (existsSync(fields.file)) throw noDriver(fields.file);
  const file = fallbackFile(fields);
  options.onWarning?.(
    `This Node (${process.version}) has no SQLite driver, so sessions are kept in ${file}. ` +
      'Use Node 22.13+ (or let better-sqlite3 build on Node 20) and they move into the database on first use; set storage.adapter: json to keep the file and silence this notice.',
  );
  return openJsonStorage(file, { ...options, lockTimeoutMs: fields.lockTimeoutMs });
}

/** `storage.adapter: sqlite`, the default: `.genie/state/genie.db`, shared by every genie process. */
export const sqliteAdapter: StorageAdapter<SqliteStorageSpec> = {
  kind: 'sqlite',
  capabilities: { crossProcess: true, persistent: true },
  specFromConfig(config, workspace) {
    const file = config.path ? resolve(workspace.root, config.path) : join(workspace.stateDir, 'genie.db');
    return {
      kind: 'sqlite',
      file,
      // A workspace of the predecessor, or of genie before SQLite, keeps its sessions.
      importFrom: defaultSessionsFile(workspace.root),
      ...(config.lockTimeoutMs === undefined ? {} : { lockTimeoutMs: config.lockTimeoutMs }),
    };
  },
  async open(spec, options = {}) {
    const fields = sqliteSpecFields(spec);
    const driver = loadSqliteDriver();
    if (!driver) return openFallback(fields, options);
    const open = () =>
      openSqliteOrDiskFullSnapshot(fields.file, {
        driver,
        lockTimeoutMs: fields.lockTimeoutMs,
        ...(fields.importFrom === undefined ? {} : { importFrom: fields.importFrom }),
        ...(options.defaultExecutor === undefined ? {} : { defaultExecutor: options.defaultExecutor }),
        ...(options.onWarning ? { onWarning: options.onWarning } : {}),
      });
    return existsSync(fields.file) ? open() : new LazySqliteStorage(fields.file, fields.importFrom, open);
  },
  maintenance: sqliteMaintenance,
};
