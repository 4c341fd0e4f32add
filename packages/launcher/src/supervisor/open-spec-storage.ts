import { GenieError } from '@genie/errors';
import { openJsonStorage, openPostgresStorage, type SessionStorage, type StorageSpec } from '@genie/storage';

/** Opens, in the supervisor process, the store its launcher described. */
export function openSpecStorage(spec: StorageSpec): SessionStorage {
  if (spec.kind === 'json') {
    return openJsonStorage(spec.file, spec.lockTimeoutMs !== undefined ? { lockTimeoutMs: spec.lockTimeoutMs } : {});
  }
  if (spec.kind === 'postgres') {
    return openPostgresStorage(spec.url, spec.project === undefined ? {} : { project: spec.project });
  }
  throw new GenieError('LAUNCH_FAILED', 'A background turn cannot use a memory store: the supervisor runs in another process.', {
    hint: 'Use the json or postgres storage adapter, or run the turn in the foreground.',
  });
}
