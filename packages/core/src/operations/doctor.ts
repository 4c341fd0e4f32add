import { GenieError, isGenieError } from '@genie/errors';
import { getExecutor } from '@genie/launcher';
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
  if (spec.kind === 'postgres') return checkDatabase(context);
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

/** A database is healthy when it answers and its schema is one this genie knows; it has no backup to restore. */
async function checkDatabase(context: GenieContext): Promise<StoreReport> {
  const storage = await context.storage();
  const report = { location: storage.location, backupAvailable: false, repaired: false };
  try {
    const sessions = (await storage.list()).length;
    return { ...report, healthy: true, sessions, problem: null, problemCode: null };
  } catch (error) {
    if (!isGenieError(error)) throw error;
    const problemCode = error.code === 'STORE_VERSION_UNSUPPORTED' ? error.code : null;
    return { ...report, healthy: false, sessions: 0, problem: error.message, problemCode };
  }
}

/**
 * What is installed, whether the store is usable, and which sessions had to be marked
 * `lost`. With `repair`, a corrupt store is replaced by its kept previous version (the
 * damaged bytes are kept beside it); a store of a newer version is refused, not replaced.
 */
export async function doctor(context: GenieContext, options: { repair?: boolean } = {}): Promise<DoctorReport> {
  const executors = await Promise.all(DETECTED_EXECUTORS.map((id) => detectExecutor(context, id)));
  const store = await checkStore(context, options.repair ?? false);
  const reconciled = store.healthy ? await reconcileActive(await context.launchContext()) : [];
  return { workspace: context.workspace, executors, store, reconciled };
}
