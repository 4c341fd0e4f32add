import { resolve } from 'node:path';
import { CURRENT_STORE_VERSION } from '@genie/session-schema';
import type { StorageAdapter } from '../registry/storage-adapter';
import { optionalPositiveInteger, requireStringField } from '../registry/spec-fields';
import { openJsonStorage } from './json-storage';
import { inspectJsonStore, migrateJsonStore, restoreJsonStoreBackup } from './store-maintenance';
import { defaultSessionsFile } from './store-paths';

export interface JsonStorageSpec {
  kind: 'json';
  file: string;
  lockTimeoutMs?: number;
  readonly [field: string]: unknown;
}

function fieldsOf(spec: JsonStorageSpec): { file: string; lockTimeoutMs?: number } {
  const lockTimeoutMs = optionalPositiveInteger(spec, 'lockTimeoutMs');
  return { file: requireStringField(spec, 'file'), ...(lockTimeoutMs === undefined ? {} : { lockTimeoutMs }) };
}

/** `storage.adapter: json`: the predecessor's `sessions.json`, for users who read it with `jq`. */
export const jsonAdapter: StorageAdapter<JsonStorageSpec> = {
  kind: 'json',
  capabilities: { crossProcess: true, persistent: true },
  specFromConfig(config, workspace) {
    const file = config.path ? resolve(workspace.root, config.path) : defaultSessionsFile(workspace.root);
    return { kind: 'json', file, ...(config.lockTimeoutMs === undefined ? {} : { lockTimeoutMs: config.lockTimeoutMs }) };
  },
  async open(spec, options = {}) {
    const { file, lockTimeoutMs } = fieldsOf(spec);
    return openJsonStorage(file, { ...options, ...(lockTimeoutMs === undefined ? {} : { lockTimeoutMs }) });
  },
  maintenance: {
    async inspect(spec, context) {
      const { file } = fieldsOf(spec);
      const inspection = await inspectJsonStore(file, context);
      const newer = inspection.version !== null && inspection.version > CURRENT_STORE_VERSION;
      return {
        location: file,
        version: inspection.version,
        supportedVersion: CURRENT_STORE_VERSION,
        healthy: inspection.healthy,
        sessions: inspection.sessions,
        problem: inspection.problem,
        problemCode: inspection.healthy ? null : newer ? 'STORE_VERSION_UNSUPPORTED' : 'STORE_CORRUPT',
        repairable: inspection.backupHealthy === true,
      };
    },
    async repair(spec, context) {
      const { file, lockTimeoutMs } = fieldsOf(spec);
      const report = await restoreJsonStoreBackup(file, { ...context, ...(lockTimeoutMs === undefined ? {} : { lockTimeoutMs }) });
      return { damagedCopy: report.corruptCopy, restoredFrom: report.restoredFrom, sessions: report.sessions, summary: 'restored from the previous version' };
    },
    async migrate(spec, context) {
      const { file, lockTimeoutMs } = fieldsOf(spec);
      return migrateJsonStore(file, { ...context, ...(lockTimeoutMs === undefined ? {} : { lockTimeoutMs }) });
    },
  },
};
