import type { StorageAdapter } from '../registry/storage-adapter';
import { createMemoryStorage } from './memory-storage';

export interface MemoryStorageSpec {
  kind: 'memory';
  readonly [field: string]: unknown;
}

/** `storage.adapter: memory`: sessions that live as long as the process; every open is a new, empty store. */
export const memoryAdapter: StorageAdapter<MemoryStorageSpec> = {
  kind: 'memory',
  capabilities: { crossProcess: false, persistent: false },
  specFromConfig: () => ({ kind: 'memory' }),
  open: async () => createMemoryStorage(),
};
