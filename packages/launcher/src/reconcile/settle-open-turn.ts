import type { SessionEntry, SessionStatus } from '@genie/session-schema';
import { closeOpenTurn } from '../event-log/close-open-turn';
import { hostOf } from '../launch/context-defaults';
import type { LaunchContext } from '../launch/launch-context';
import { hasLiveRunner, isActiveStatus } from '../launch/session-busy';
import type { TurnView } from '../transcript/transcript-types';

const FINAL_STATUSES: ReadonlySet<string> = new Set<SessionStatus>(['completed', 'failed', 'stopped', 'lost']);

/**
 * The record's latest turn as the log shows it, agreeing with the record: a process
 * killed between settling the record (`lost`, `stopped`) and writing the log's
 * `turn.end` leaves a log whose last turn runs forever. When the record has ended the
 * turn and nothing runs it any more, the view takes the record's outcome, and the
 * missing `turn.end` is written (best effort: a read must answer on a full or read-only
 * disk too, so a failed write changes nothing but the log).
 */
export async function settleOpenTurn(ctx: Pick<LaunchContext, 'host'>, entry: SessionEntry, turn: TurnView | null): Promise<TurnView | null> {
  if (!turn || turn.endedAt !== null || turn.turn !== entry.turns) return turn;
  const status = entry.status;
  if (typeof status !== 'string' || isActiveStatus(status) || !FINAL_STATUSES.has(status)) return turn;
  if (hasLiveRunner(entry, hostOf(ctx as LaunchContext))) return turn;
  const closing = { turn: turn.turn, status: status as 'completed' | 'failed' | 'stopped' | 'lost', signal: entry.signal ?? null, error: entry.error ?? null };
  await closeOpenTurn(entry.logFile, closing).catch(() => false);
  return { ...turn, status: closing.status, endedAt: entry.lastUsed ?? turn.startedAt, exitCode: entry.exitCode ?? null, error: closing.error };
}
