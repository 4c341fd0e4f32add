import { GenieError } from '@genie/errors';
import { openStorage, storageAdapter, type SessionStorage, type StorageSpec } from '@genie/storage';
import { processProbe } from '../process/process-probe';

/** Opens, in the supervisor process, the store its launcher described, through the one registry. */
export async function openSupervisorStorage(spec: StorageSpec): Promise<SessionStorage> {
  if (!storageAdapter(spec.kind).capabilities.crossProcess) {
    throw new GenieError('LAUNCH_FAILED', `A background turn cannot use the ${spec.kind} store: the supervisor runs in another process.`, {
      hint: 'Use a store that processes share (storage.adapter: sqlite or json), or run the turn in the foreground.',
      details: { adapter: spec.kind },
    });
  }
  // The launcher claimed the turn in this store moments ago: a server away now is restarting.
  return openStorage(spec, { processProbe, waitForServer: true });
}
