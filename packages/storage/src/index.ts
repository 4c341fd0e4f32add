export type {
  CreateOptions,
  SessionFilter,
  SessionStorage,
  StorageCapabilities,
  StorageSpec,
} from './session-storage';
export type {
  MaintenanceContext,
  OpenOptions,
  ProcessProbe,
  StorageAdapter,
  StorageConfig,
  StorageMaintenance,
  StoreInspection,
  StoreMigration,
  StoreRepair,
  WorkspaceLocation,
} from './registry/storage-adapter';
export { openStorage, storageAdapter, storageKinds, storageSpecFromConfig } from './registry/storage-registry';
export { createMemoryStorage } from './memory/memory-storage';
export { DEFAULT_LOCK_TIMEOUT_MS, openJsonStorage } from './json/json-storage';
export type { JsonStorageOptions } from './json/json-storage';
export type { JsonStorageSpec } from './json/json-adapter';
export { defaultSessionsFile } from './json/store-paths';
export type { SqliteStorageSpec } from './sqlite/sqlite-spec';
export { sqliteDriverName } from './sqlite/sqlite-driver';
export type { SqliteDriverName } from './sqlite/sqlite-driver';
export { inspectJsonStore, migrateJsonStore, restoreJsonStoreBackup } from './json/store-maintenance';
export type { JsonStoreInspection, RestoreReport } from './json/store-maintenance';
export { describeDatabaseUrl } from './postgres/postgres-connection';
export { DEFAULT_PROJECT, openPostgresStorage } from './postgres/postgres-storage';
export type { PostgresStorageOptions } from './postgres/postgres-storage';
export type { PostgresStorageSpec } from './postgres/postgres-adapter';
export { openTeamEventLog } from './postgres/postgres-event-log';
export type { TeamEventLog, TeamEventLogOptions } from './postgres/postgres-event-log';
export { isTeamSessionStorage } from './postgres/team-session-storage';
export type { SqlExecutor, TeamSessionStorage } from './postgres/team-session-storage';
export { MAX_WORKER_LABELS, TurnQueue, TurnQueueNames } from './postgres/turn-queue';
export type { QueuedTurnJob, TurnQueueOptions } from './postgres/turn-queue';
export { openWorkerRegistry } from './postgres/worker-registry';
export type { WorkerInfo, WorkerRegistry } from './postgres/worker-registry';
