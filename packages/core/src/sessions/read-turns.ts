import { existsSync } from 'node:fs';
import type { SessionEntry } from '@genie/session-schema';
import { readLastTurn, readTranscript, settleOpenTurn, type TurnView } from '@genie/launcher';
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

/** The latest turn; one the record has ended but the log left open (its writer was killed) takes the record's outcome. */
export async function lastTurnOf(entry: SessionEntry): Promise<TurnView | null> {
  const file = eventLogOf(entry);
  if (!file) return null;
  let turn: TurnView | null;
  try {
    turn = (await readLastTurn(file)) ?? null;
  } catch (error) {
    throw logReadError(error, file, entry);
  }
  return settleOpenTurn({}, entry, turn);
}

/** Every turn; `withReasoning` keeps the agent's reasoning events too. */
export async function transcriptOf(entry: SessionEntry, withReasoning = false): Promise<TurnView[]> {
  const file = eventLogOf(entry);
  if (!file) return [];
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
