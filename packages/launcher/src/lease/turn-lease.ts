import type { SessionEntry } from '@genie/session-schema';
import type { SessionStorage } from '@genie/storage';
import { isActiveStatus, isStopping } from '../launch/session-busy';

/**
 * In a team store, other hosts cannot see a turn's processes: the host running it renews a
 * lease in the record instead (`heartbeatAt`), and a turn whose lease ran out is `lost` to
 * every host. This is how long a lease lasts without renewal, unless configured.
 */
export const DEFAULT_LEASE_MS = 30_000;

/** Leases are renewed six times per lease: a few late or failed writes do not lose a turn. */
export function heartbeatInterval(leaseMs: number): number {
  return Math.max(100, Math.floor(leaseMs / 6));
}

/** True when the record's turn carries a lease (a team turn) and it was last renewed more than `leaseMs` ago. */
export function leaseExpired(entry: SessionEntry, leaseMs: number, nowMs = Date.now()): boolean {
  if (typeof entry.heartbeatAt !== 'string') return false;
  const renewed = Date.parse(entry.heartbeatAt);
  return Number.isFinite(renewed) && nowMs - renewed > leaseMs;
}

/**
 * Renews the lease of `turn` until the returned function is called, while the turn runs and
 * while a stop is ending it (so other hosts wait for the stop rather than take the turn for
 * lost). A renewal that fails (the database unreachable, this host cut off) is not retried:
 * if that goes on for a whole lease, other hosts are right to take the turn for lost. Each
 * renewal hands `onRenewed` the record it read, so the supervisor finds a stop another host
 * asked for within one renewal even when it missed the notification.
 */
export function renewLease(
  storage: SessionStorage,
  sessionId: string,
  turn: number,
  leaseMs: number,
  onRenewed?: (entry: SessionEntry) => void,
): () => void {
  let writing = false;
  const timer = setInterval(() => {
    if (writing) return;
    writing = true;
    const heartbeatAt = new Date().toISOString();
    storage
      .update(sessionId, (current) => (current.turns === turn && isLeased(current) ? { ...current, heartbeatAt } : current))
      .then((entry) => onRenewed?.(entry))
      .catch(() => undefined)
      .finally(() => (writing = false));
  }, heartbeatInterval(leaseMs));
  return () => clearInterval(timer);
}

function isLeased(entry: SessionEntry): boolean {
  return isActiveStatus(entry.status) || isStopping(entry);
}
