import type { SessionEntry } from '@genie/session-schema';

/**
 * What a stop answers when a resume claimed the next turn as soon as the stopped one ended
 * (a session stays busy while `stopping`, so no turn is claimed before): the record as the
 * stop last saw it for its turn, settled. The store already holds the new turn; the stop
 * still answers for the turn it stopped, never for one it did not.
 */
export function stoppedTurnAsLastSeen(lastSeen: SessionEntry): SessionEntry {
  const { stopping: _stopping, ...settled } = lastSeen;
  return { ...settled, status: 'stopped' };
}
