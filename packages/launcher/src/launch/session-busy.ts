import { GenieError } from '@genie/errors';
import type { SessionEntry } from '@genie/session-schema';
import { leaseExpired } from '../lease/turn-lease';
import { isProcessAlive } from '../process/process-identity';
import { processStartedAtMs } from '../process/process-started-at';
import { readProcessMarkers } from '../process/session-marker';

/** A `starting` record without a runner is still being launched for this long. */
export const LAUNCH_WINDOW_MS = 60_000;

export function isActiveStatus(status: unknown): boolean {
  return status === 'starting' || status === 'running';
}

/**
 * True while the record's turn may still be producing output on `host`: its runner is
 * alive (same process incarnation), or it was marked `starting` moments ago and its
 * runner pid is not recorded yet. A turn being stopped counts until its runner has
 * recorded its end (or is gone): until then a new turn would race the stop. A turn of
 * another host is taken to be alive, unless it holds a lease (team stores, `leaseMs`)
 * that ran out.
 */
export function hasLiveRunner(entry: SessionEntry, host: string, leaseMs?: number, nowMs = Date.now()): boolean {
  const foreignAlive = (): boolean => leaseMs === undefined || !leaseExpired(entry, leaseMs, nowMs);
  if (isStopping(entry)) {
    if (entry.host && entry.host !== host) return foreignAlive();
    return typeof entry.runnerPid === 'number' && isRunnerAlive(entry);
  }
  if (!isActiveStatus(entry.status)) return false;
  if (entry.host && entry.host !== host) return foreignAlive();
  if (typeof entry.runnerPid === 'number') return isRunnerAlive(entry);
  const started = Date.parse(entry.startTime ?? entry.lastUsed ?? entry.created ?? '');
  return entry.status === 'starting' && Number.isFinite(started) && nowMs - started < LAUNCH_WINDOW_MS;
}

/** How much later than the record's start its runner may have started (clock steps, slow launches). */
const RUNNER_START_SLACK_MS = 60_000;

/**
 * Whether the record's runner is still the live process it names. With a start-time
 * token, the pid's incarnation must match it. Records without one (the predecessor's,
 * or written where none could be taken) are judged by what /proc tells: a process that
 * carries the session's marker is the runner, and one that started well after the turn
 * did took over a recycled pid, so the turn is not running however long that process lives.
 */
export function isRunnerAlive(entry: SessionEntry): boolean {
  const pid = entry.runnerPid;
  if (typeof pid !== 'number') return false;
  if (entry.runnerStartTime) return isProcessAlive(pid, entry.runnerStartTime);
  if (!isProcessAlive(pid)) return false;
  if (readProcessMarkers(pid).session === entry.sessionId) return true;
  const startedAt = processStartedAtMs(pid);
  const turnStarted = Date.parse(entry.startTime ?? entry.lastUsed ?? entry.created ?? '');
  if (startedAt === undefined || !Number.isFinite(turnStarted)) return true;
  return startedAt <= turnStarted + RUNNER_START_SLACK_MS;
}

/** A stop was recorded and the stopped turn has not ended yet. */
export function isStopping(entry: SessionEntry): boolean {
  return entry.status === 'stopped' && entry.stopping === true;
}

export function sessionBusyError(entry: SessionEntry, host: string): GenieError {
  const where = entry.host && entry.host !== host ? ` on host ${entry.host}` : '';
  const state = isStopping(entry) ? 'stopping' : entry.status;
  return new GenieError('SESSION_BUSY', `Session ${entry.name ?? entry.sessionId} is still ${state}${where}.`, {
    hint: isStopping(entry)
      ? 'Its stopped turn is still ending (the grace period before SIGKILL); resume it once that is over.'
      : 'Wait for its turn to finish, or stop it first, then resume it.',
    details: { sessionId: entry.sessionId, status: entry.status, runnerPid: entry.runnerPid ?? null, host: entry.host ?? null },
  });
}
