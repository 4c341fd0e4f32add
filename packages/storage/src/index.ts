export type {
  CreateOptions,
  SessionFilter,
  SessionStorage,
  StorageCapabilities,
  StorageSpec,
} from './session-storage';
export { createMemoryStorage } from './memory/memory-storage';
export { DEFAULT_LISTING_MIN_BYTES, DEFAULT_LOCK_TIMEOUT_MS, openJsonStorage } from './json/json-storage';
export type { JsonStorageOptions } from './json/json-storage';
export { defaultSessionsFile } from './json/store-paths';
export { inspectJsonStore, migrateJsonStore, restoreJsonStoreBackup } from './json/store-maintenance';
export type { JsonStoreInspection, MigrationReport, RestoreReport } from './json/store-maintenance';
export { openStorage } from './open-storage';
export { describeDatabaseUrl } from './postgres/postgres-connection';
export { DEFAULT_PROJECT, openPostgresStorage } from './postgres/postgres-storage';
export type { PostgresStorageOptions } from './postgres/postgres-storage';
export { openTeamEventLog } from './postgres/postgres-event-log';
export type { TeamEventLog } from './postgres/postgres-event-log';
export { isProcessAlive, processStartTime } from './process/process-identity';
export { hasProcFs, readProcStat } from './process/proc-stat';
export type { ProcStat } from './process/proc-stat';
