import { GenieError } from '@genie/errors';
import { allExecutors, detectContainment, type Executor } from '@genie/launcher';
import { storageAdapter, type StoreInspection } from '@genie/storage';
import type { DoctorReport } from '../api-types';
import type { GenieContext } from '../genie-context';
import { reconcileActive } from '../sessions/reconcile-active';

type ExecutorReport = DoctorReport['executors'][number];
type StoreReport = DoctorReport['store'];

/** An executor's CLI as the agents will be launched: this workspace's PATH and config. */
async function detectExecutor(context: GenieContext, executor: Executor & { defaultBinary: string }): Promise<ExecutorReport> {
  const binary = context.config.executors[executor.id]?.binary ?? executor.defaultBinary;
  return { id: executor.id, ...(await executor.detect({ binary }, { env: context.env, cwd: context.workspace })) };
}

/** A store written by a newer genie is not damaged: its older backup would lose what the newer genie recorded. */
function refuseToDowngrade(inspection: StoreInspection): GenieError {
  return new GenieError(
    'STORE_VERSION_UNSUPPORTED',
    `The session store ${inspection.location} is version ${inspection.version ?? '?'}, newer than this genie understands (up to ${inspection.supportedVersion}). --repair leaves it as it is: it is not damaged, and rebuilding it would lose what the newer genie recorded.`,
    {
      hint: 'Upgrade genie to use this store.',
      details: { location: inspection.location, version: inspection.version, supported: inspection.supportedVersion },
    },
  );
}

async function checkStore(context: GenieContext, repair: boolean): Promise<StoreReport> {
  const spec = context.storageSpec();
  const maintenance = storageAdapter(spec.kind).maintenance;
  if (!maintenance) {
    const storage = await context.storage();
    const sessions = (await storage.list()).length;
    return { location: storage.location, healthy: true, sessions, problem: null, problemCode: null, backupAvailable: false, repaired: false };
  }
  const maintenanceContext = { ...context.storageOptions(), logsDir: context.logsDir() };
  let inspection = await maintenance.inspect(spec, maintenanceContext);
  let repaired = false;
  if (repair && inspection.problemCode === 'STORE_VERSION_UNSUPPORTED') throw refuseToDowngrade(inspection);
  if (repair && !inspection.healthy && inspection.repairable && maintenance.repair) {
    await maintenance.repair(spec, maintenanceContext);
    inspection = await maintenance.inspect(spec, maintenanceContext);
    repaired = true;
  }
  return {
    location: inspection.location,
    healthy: inspection.healthy,
    sessions: inspection.sessions ?? 0,
    problem: inspection.problem,
    problemCode: inspection.problemCode,
    backupAvailable: inspection.repairable,
    repaired,
  };
}

/**
 * What is installed, whether the store is usable, which sessions had to be marked
 * `lost`, and how turns' processes are contained here. With `repair`, a damaged store is
 * rebuilt by its adapter (the damaged bytes are kept beside it); a store of a newer
 * version is refused, not replaced.
 */
export async function doctor(context: GenieContext, options: { repair?: boolean } = {}): Promise<DoctorReport> {
  const withCli = allExecutors().filter((executor): executor is Executor & { defaultBinary: string } => executor.defaultBinary !== undefined);
  const executors = await Promise.all(withCli.map((executor) => detectExecutor(context, executor)));
  const store = await checkStore(context, options.repair ?? false);
  const changes = store.healthy ? await reconcileActive(await context.launchContext()) : [];
  const reconciled = changes.map(({ entry: _entry, ...change }) => change);
  const containment = detectContainment(context.env);
  return { workspace: context.workspace, executors, store, reconciled, containment };
}
