import { GenieError } from '@genie/errors';
import { detectContainment, getExecutor } from '@genie/launcher';
import { CURRENT_STORE_VERSION } from '@genie/session-schema';
import { inspectJsonStore, restoreJsonStoreBackup, type JsonStoreInspection } from '@genie/storage';
import type { DoctorReport } from '../api-types';
import type { GenieContext } from '../genie-context';
import { reconcileActive } from '../sessions/reconcile-active';
import { resolveOnPath } from './resolve-on-path';

type ExecutorReport = DoctorReport['executors'][number];
type StoreReport = DoctorReport['store'];

const DETECTED_EXECUTORS = ['claude', 'codex'] as const;

async function detectExecutor(context: GenieContext, id: (typeof DETECTED_EXECUTORS)[number]): Promise<ExecutorReport> {
  const command = context.config.executors[id]?.binary ?? id;
  const found = resolveOnPath(command, context.env, context.workspace);
  if (!found) return { id, installed: false, command, error: `${command} was not found on PATH.` };
  const detection = await getExecutor(id).detect({ binary: found });
  return { id, ...detection, command };
}

function problemCodeOf(inspection: JsonStoreInspection): StoreReport['problemCode'] {
  if (inspection.healthy) return null;
  return inspection.version !== null && inspection.version > CURRENT_STORE_VERSION ? 'STORE_VERSION_UNSUPPORTED' : 'STORE_CORRUPT';
}

/** The backup of a newer store is older than it: restoring it would drop what the newer genie wrote. */
function refuseToDowngrade(file: string, inspection: JsonStoreInspection): GenieError {
  return new GenieError(
    'STORE_VERSION_UNSUPPORTED',
    `The session store ${file} is version ${inspection.version}, newer than this genie understands (up to ${CURRENT_STORE_VERSION}). --repair leaves it as it is: it is not damaged, and its older backup would lose what the newer genie recorded.`,
    {
      hint: 'Upgrade genie to use this store. Only if you know the version number was changed by mistake, restore the backup by hand.',
      details: { file, version: inspection.version, supported: CURRENT_STORE_VERSION },
    },
  );
}

async function checkStore(context: GenieContext, repair: boolean): Promise<StoreReport> {
  const spec = context.storageSpec();
  if (spec.kind === 'memory') {
    const sessions = (await (await context.storage()).list()).length;
    return { location: 'memory', healthy: true, sessions, problem: null, problemCode: null, backupAvailable: false, repaired: false };
  }
  const options = { defaultExecutor: context.config.defaults.executor };
  let inspection = await inspectJsonStore(spec.file, options);
  let repaired = false;
  if (repair && problemCodeOf(inspection) === 'STORE_VERSION_UNSUPPORTED') throw refuseToDowngrade(spec.file, inspection);
  if (repair && !inspection.healthy && inspection.backupHealthy) {
    await restoreJsonStoreBackup(spec.file, spec.lockTimeoutMs !== undefined ? { lockTimeoutMs: spec.lockTimeoutMs } : {});
    inspection = await inspectJsonStore(spec.file, options);
    repaired = true;
  }
  return {
    location: spec.file,
    healthy: inspection.healthy,
    sessions: inspection.sessions ?? 0,
    problem: inspection.problem,
    problemCode: problemCodeOf(inspection),
    backupAvailable: inspection.backupHealthy === true,
    repaired,
  };
}

/**
 * What is installed, whether the store is usable, which sessions had to be marked
 * `lost`, and how turns' processes are contained here. With `repair`, a corrupt store is replaced by its kept previous version (the
 * damaged bytes are kept beside it); a store of a newer version is refused, not replaced.
 */
export async function doctor(context: GenieContext, options: { repair?: boolean } = {}): Promise<DoctorReport> {
  const executors = await Promise.all(DETECTED_EXECUTORS.map((id) => detectExecutor(context, id)));
  const store = await checkStore(context, options.repair ?? false);
  const changes = store.healthy ? await reconcileActive(await context.launchContext()) : [];
  const reconciled = changes.map(({ entry: _entry, ...change }) => change);
  const containment = detectContainment(context.env);
  return { workspace: context.workspace, executors, store, reconciled, containment };
}
