import { openJsonStorage, type JsonStorageOptions } from './json/json-storage';
import { createMemoryStorage } from './memory/memory-storage';
import { openPostgresStorage } from './postgres/postgres-storage';
import type { SessionStorage, StorageSpec } from './session-storage';

/**
 * Opens the storage a spec describes; a detached supervisor uses it to reach the same store
 * as the process that launched it. A memory spec always gives a new, empty store.
 */
export function openStorage(spec: StorageSpec, options: Omit<JsonStorageOptions, 'lockTimeoutMs'> = {}): SessionStorage {
  switch (spec.kind) {
    case 'json':
      return openJsonStorage(spec.file, {
        ...options,
        ...(spec.lockTimeoutMs === undefined ? {} : { lockTimeoutMs: spec.lockTimeoutMs }),
      });
    case 'memory':
      return createMemoryStorage();
    case 'postgres':
      return openPostgresStorage(spec.url, spec.project === undefined ? {} : { project: spec.project });
  }
}
