import type { SessionEntry } from '@genie/session-schema';

/**
 * A stop asked of a turn from another host of a team. Pids mean nothing across machines,
 * so the asking host records the request in the session (kept beside `stopping`, like the
 * lease's `heartbeatAt`), and the supervisor on the owning host, which reads the record at
 * every lease renewal and on every change notification, ends the turn's processes itself.
 */
export interface StopRequest {
  /** The turn to stop: a later turn of the session is never stopped by it. */
  turn: number;
  /** The host that asked. */
  host: string;
  /** When it asked (ISO-8601). */
  at: string;
}

export function stopRequestOf(entry: SessionEntry): StopRequest | undefined {
  const request = entry.stopRequest as Partial<StopRequest> | undefined;
  if (!request || typeof request !== 'object') return undefined;
  if (typeof request.turn !== 'number' || typeof request.host !== 'string' || typeof request.at !== 'string') return undefined;
  return request as StopRequest;
}

/**
 * Whether the record asks the supervisor of `turn` to end it: the turn recorded `stopped`
 * (by this host or another), or a stop request for it that is still in the record after
 * the asker gave the turn up for `lost`, or after a later turn began: a host that was cut
 * off and comes back still owes the stop.
 */
export function stopAskedOf(entry: SessionEntry, turn: number): boolean {
  if (stopRequestOf(entry)?.turn === turn) return true;
  return entry.turns === turn && entry.status === 'stopped';
}
