import type { SessionEntry } from '@genie/session-schema';
import { eventLogPath, readLastTurn, readTranscript, settleOpenTurn, type TurnView } from '@genie/launcher';
import { logReadError } from './log-read-error';

/**
 * A session's turns are in genie's own JSONL event log, whose path is derived from the
 * session id, never taken from the record (a planted `logFile` could name any file). A
 * session migrated from the predecessor has no such log until it is resumed.
 */
/** The latest turn; one the record has ended but the log left open (its writer was killed) takes the record's outcome. */
export async function lastTurnOf(logsDir: string, entry: SessionEntry): Promise<TurnView | null> {
  const file = eventLogPath(logsDir, entry.sessionId);
  let turn: TurnView | null;
  try {
    turn = (await readLastTurn(file)) ?? null;
  } catch (error) {
    throw logReadError(error, file, entry);
  }
  return settleOpenTurn({}, entry, turn);
}

/** Every turn; `withReasoning` keeps the agent's reasoning events too. */
export async function transcriptOf(logsDir: string, entry: SessionEntry, withReasoning = false): Promise<TurnView[]> {
  const file = eventLogPath(logsDir, entry.sessionId);
  let turns: TurnView[];
  try {
    turns = await readTranscript(file, { full: withReasoning });
  } catch (error) {
    throw logReadError(error, file, entry);
  }
  const last = turns[turns.length - 1];
  if (last) turns[turns.length - 1] = (await settleOpenTurn({}, entry, last)) as TurnView;
  return turns;
}
