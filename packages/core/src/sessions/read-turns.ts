import { existsSync } from 'node:fs';
import type { SessionEntry } from '@genie/session-schema';
import { readLastTurn, readTranscript, type TurnView } from '@genie/launcher';
import { logReadError } from './log-read-error';

/**
 * Only genie's own JSONL event logs hold turns; a migrated predecessor session may name a
 * log in another format, or one that is gone.
 */
function eventLogOf(entry: SessionEntry): string | null {
  const file = entry.logFile;
  if (!file || !file.endsWith('.jsonl')) return null;
  return existsSync(file) ? file : null;
}

export async function lastTurnOf(entry: SessionEntry): Promise<TurnView | null> {
  const file = eventLogOf(entry);
  if (!file) return null;
  try {
    return (await readLastTurn(file)) ?? null;
  } catch (error) {
    throw logReadError(error, file, entry);
  }
}

/** Every turn; `withReasoning` keeps the agent's reasoning events too. */
export async function transcriptOf(entry: SessionEntry, withReasoning = false): Promise<TurnView[]> {
  const file = eventLogOf(entry);
  if (!file) return [];
  try {
    return await readTranscript(file, { full: withReasoning });
  } catch (error) {
    throw logReadError(error, file, entry);
  }
}
