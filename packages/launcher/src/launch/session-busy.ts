import { GenieError } from '@genie/errors';
import type { SessionEntry } from '@genie/session-schema';
import { leaseExpired } from '../lease/turn-lease';
import { isProcessAlive } from '../process/process-identity';

/** A `starting` record without a runner is still being launched for this long. */
export const LAUNCH_WINDOW_MS = 60_000;

export function isActiveStatus(status: unknown): boolean {
  return status === 'starting' || status === 'running';
}

/**
 * True while the record's turn may still be producing output on `host`: its runner is
 * alive (same process incarnation), or it was marked `starting` moments ago and its
 * runner pid is not recorded yet. A turn of another host is taken to be alive, unless it
 * holds a lease (team stores, `leaseMs`) that ran out.
 */
export function hasLiveRunner(entry: SessionEntry, host: string, leaseMs?: number, nowMs = Date.now()): boolean {
  if (!isActiveStatus(entry.status)) return false;
  if (entry.host && entry.host !== host) return leaseMs === undefined || !leaseExpired(entry, leaseMs, nowMs);
  if (typeof entry.runnerPid === 'number') return isProcessAlive(entry.runnerPid, entry.runnerStartTime);
  const started = Date.parse(entry.startTime ?? entry.lastUsed ?? entry.created ?? '');
  return entry.status === 'starting' && Number.isFinite(started) && nowMs - started < LAUNCH_WINDOW_MS;
}

export function sessionBusyError(entry: SessionEntry, host: string): GenieError {
  const where = entry.host && entry.host !== host ? ` on host ${entry.host}` : '';
  return new GenieError('SESSION_BUSY', `Session ${entry.name ?? entry.sessionId} is still ${entry.status}${where}.`, {
    hint: 'Wait for its turn to finish, or stop it first, then resume it.',
    details: { sessionId: entry.sessionId, status: entry.status, runnerPid: entry.runnerPid ?? null, host: entry.host ?? null },
  });
}
