import { GenieError } from '@genie/errors';
import { openJsonStorage, type SessionStorage, type StorageSpec } from '@genie/storage';

/** Opens, in the supervisor process, the store its launcher described. */
export function openSpecStorage(spec: StorageSpec): SessionStorage {
  if (spec.kind === 'json') {
    return openJsonStorage(spec.file, spec.lockTimeoutMs !== undefined ? { lockTimeoutMs: spec.lockTimeoutMs } : {});
  }
  throw new GenieError('LAUNCH_FAILED', 'A background turn cannot use a memory store: the supervisor runs in another process.', {
    hint: 'Use the json storage adapter, or run the turn in the foreground.',
  });
}
