import { GenieError } from '@genie/errors';
import { jsonAdapter } from '../json/json-adapter';
import { memoryAdapter } from '../memory/memory-adapter';
import { postgresAdapter } from '../postgres/postgres-adapter';
import type { SessionStorage, StorageSpec } from '../session-storage';
import { sqliteAdapter } from '../sqlite/sqlite-adapter';
import type { OpenOptions, StorageAdapter, StorageConfig, WorkspaceLocation } from './storage-adapter';

/**
 * Every storage adapter genie knows, in one place: core, the CLI and the background
 * supervisor open stores only through here. Adding an adapter is one file and one line.
 */
const ADAPTERS: readonly StorageAdapter[] = [sqliteAdapter, jsonAdapter, memoryAdapter, postgresAdapter];

/** The kinds `storage.adapter` accepts. */
export function storageKinds(): string[] {
  return ADAPTERS.map((adapter) => adapter.kind);
}

export function storageAdapter(kind: string): StorageAdapter {
  const adapter = ADAPTERS.find((candidate) => candidate.kind === kind);
  if (adapter) return adapter;
  throw new GenieError('INVALID_INPUT', `Unknown storage adapter "${kind}".`, {
    hint: `Set storage.adapter in .genie/config.yaml to one of: ${storageKinds().join(', ')}.`,
    details: { adapter: kind, known: storageKinds() },
  });
}

/** The spec a workspace's `storage` configuration describes. */
export function storageSpecFromConfig(config: StorageConfig, workspace: WorkspaceLocation): StorageSpec {
  return storageAdapter(config.adapter).specFromConfig(config, workspace);
}

/** Opens the store a spec describes, in this process or in a supervisor the spec was sent to. */
export async function openStorage(spec: StorageSpec, options: OpenOptions = {}): Promise<SessionStorage> {
  return storageAdapter(spec.kind).open(spec, options);
}
