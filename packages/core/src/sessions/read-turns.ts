import type { SessionEntry } from '@genie/session-schema';
import { eventLogPath, readLastTurn, readTranscript, type TurnView } from '@genie/launcher';
import { logReadError } from './log-read-error';

/**
 * A session's turns are in genie's own JSONL event log, whose path is derived from the
 * session id, never taken from the record (a planted `logFile` could name any file). A
 * session migrated from the predecessor has no such log until it is resumed.
 */
export async function lastTurnOf(logsDir: string, entry: SessionEntry): Promise<TurnView | null> {
  const file = eventLogPath(logsDir, entry.sessionId);
  try {
    return (await readLastTurn(file)) ?? null;
  } catch (error) {
    throw logReadError(error, file, entry);
  }
}

/** Every turn; `withReasoning` keeps the agent's reasoning events too. */
export async function transcriptOf(logsDir: string, entry: SessionEntry, withReasoning = false): Promise<TurnView[]> {
  const file = eventLogPath(logsDir, entry.sessionId);
  try {
    return await readTranscript(file, { full: withReasoning });
  } catch (error) {
    throw logReadError(error, file, entry);
  }
}
