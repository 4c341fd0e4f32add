import { readdirSync } from 'node:fs';
import { GenieError } from '@genie/errors';
import { allExecutors, detectContainment, type Executor } from '@genie/launcher';
import { isValidSessionId, type SessionEntry } from '@genie/session-schema';
import { storageAdapter, type StoreInspection } from '@genie/storage';
import type { DoctorReport } from '../api-types';
import type { GenieContext } from '../genie-context';
import { reconcileActive } from '../sessions/reconcile-active';
import { recordsFromLogs } from '../sessions/records-from-logs';

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

/** Stores whose sessions' event logs are this workspace's own logs directory. */
const STORES_BESIDE_THEIR_LOGS: ReadonlySet<string> = new Set(['sqlite', 'json']);

/**
 * Sessions whose event log is here but whose record the store does not hold: the store was
 * emptied, deleted or replaced after they were acknowledged. Rebuilt from their logs.
 */
async function sessionsOnlyInLogs(context: GenieContext, logsDir: string): Promise<SessionEntry[]> {
  // The logs are listed before the records: a session's record is written before its log,
  // so a session started meanwhile is never taken for one the store lost.
  const logged = new Set(logFileNames(logsDir));
  const known = new Set((await (await context.storage()).list()).map((entry) => entry.sessionId));
  return recordsFromLogs(logsDir, (sessionId) => logged.has(`${sessionId}.jsonl`) && isValidSessionId(sessionId) && !known.has(sessionId));
}

function logFileNames(logsDir: string): string[] {
  try {
    return readdirSync(logsDir);
  } catch {
    return [];
  }
}

/** Records the sessions rebuilt from their logs; how many the store took. */
async function restoreFromLogs(context: GenieContext, records: readonly SessionEntry[]): Promise<number> {
  const storage = await context.storage();
  let restored = 0;
  for (const record of records) {
    try {
      await storage.create(record, { onNameTaken: 'suffix' });
      restored += 1;
    } catch {
      // A log that does not make a valid session stays a log; doctor goes on naming it.
    }
  }
  return restored;
}

function logsWithoutRecords(count: number): string {
  return (
    `${count === 1 ? '1 session has' : `${count} sessions have`} an event log but no record in the store ` +
    '(it was emptied, deleted or replaced since); a repair brings them back from their logs'
  );
}

async function checkStore(context: GenieContext, repair: boolean): Promise<StoreReport> {
  const spec = context.storageSpec();
  const maintenance = storageAdapter(spec.kind).maintenance;
  if (!maintenance) {
    const storage = await context.storage();
    const sessions = (await storage.list()).length;
    return {
      location: storage.location,
      healthy: true,
      sessions,
      problem: null,
      problemCode: null,
      backupAvailable: false,
      sessionsOnlyInLogs: 0,
      repaired: false,
      repairSummary: null,
    };
  }
  const logsDir = context.logsDir();
  const maintenanceContext = { ...context.storageOptions(), logsDir, recordsFromLogs: () => recordsFromLogs(logsDir) };
  let inspection = await maintenance.inspect(spec, maintenanceContext);
  let repairSummary: string | null = null;
  let onlyInLogs = 0;
  if (repair && inspection.problemCode === 'STORE_VERSION_UNSUPPORTED') throw refuseToDowngrade(inspection);
  if (repair && !inspection.healthy && inspection.repairable && maintenance.repair) {
    repairSummary = (await maintenance.repair(spec, maintenanceContext)).summary;
    inspection = await maintenance.inspect(spec, maintenanceContext);
  }
  if (inspection.healthy && STORES_BESIDE_THEIR_LOGS.has(spec.kind)) {
    let orphans = await sessionsOnlyInLogs(context, logsDir);
    if (repair && orphans.length > 0) {
      const restored = await restoreFromLogs(context, orphans);
      const summary = `restored ${restored} of ${orphans.length} sessions from event logs the store had no record of`;
      repairSummary = repairSummary === null ? summary : `${repairSummary}; ${summary}`;
      orphans = await sessionsOnlyInLogs(context, logsDir);
      inspection = await maintenance.inspect(spec, maintenanceContext);
    }
    onlyInLogs = orphans.length;
    if (orphans.length > 0) {
      inspection = { ...inspection, healthy: false, repairable: true, problem: logsWithoutRecords(orphans.length), problemCode: 'STORE_CORRUPT' };
    }
  }
  return {
    location: inspection.location,
    healthy: inspection.healthy,
    sessions: inspection.sessions ?? 0,
    problem: inspection.problem,
    problemCode: inspection.problemCode,
    backupAvailable: inspection.repairable,
    sessionsOnlyInLogs: onlyInLogs,
    repaired: repairSummary !== null,
    repairSummary,
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
