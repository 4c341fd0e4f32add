import { GenieError } from '@genie/errors';
import { DEFAULT_PROJECT, openWorkerRegistry, TurnQueue, TurnQueueNames, type StorageSpec, type WorkerRegistry } from '@genie/storage';

/**
 * A team's turn queue and worker registry. Nothing connects until first used, and pg-boss is
 * loaded only then (in queue mode, or by `genie worker`), never on the default install path.
 */
export interface TeamDispatch {
  queue: TurnQueue;
  names: TurnQueueNames;
  workers: WorkerRegistry;
  close(): Promise<void>;
}

export function teamSpecOf(spec: StorageSpec, what: string): { url: string; project: string | undefined } {
  if (spec.kind !== 'postgres' || typeof spec.url !== 'string') {
    throw new GenieError('CONFIG_INVALID', `${what} needs a team store (storage.adapter: postgres); this workspace uses the ${spec.kind} store.`, {
      hint: 'Set storage.adapter: postgres and storage.url in .genie/config.yaml (or GENIE_DATABASE_URL); see "Teams" in the README.',
      details: { adapter: spec.kind },
    });
  }
  return { url: spec.url, project: typeof spec.project === 'string' ? spec.project : undefined };
}

export function openTeamDispatch(spec: StorageSpec, options: { maintain: boolean; what: string }): TeamDispatch {
  const { url, project } = teamSpecOf(spec, options.what);
  const queue = new TurnQueue(url, { maintain: options.maintain });
  const workers = openWorkerRegistry(url, project);
  return {
    queue,
    names: new TurnQueueNames(project ?? DEFAULT_PROJECT),
    workers,
    close: async () => {
      await queue.close();
      await workers.close();
    },
  };
}
