import { isGenieError } from '@genie/errors';
import type { SessionEntry } from '@genie/session-schema';
import type { SessionView } from '../api-types';
import { lastTurnOf } from './read-turns';
import { toSessionView } from './session-view';

/**
 * The view a command returns once its change is recorded (a turn started or ended, a stop
 * made). The log adds the latest turn's output, but a log that cannot be read (a directory
 * where it belongs, a disk error) must not turn a change already made into an error: the
 * record alone then answers, its error saying what went wrong with the log. `view` reads
 * the log itself and reports such a failure.
 */
export async function viewAfterChange(logsDir: string | Promise<string>, entry: SessionEntry): Promise<SessionView> {
  try {
    const turn = await lastTurnOf(await logsDir, entry);
    // A stop answers for the turn it stopped, even when a resume has logged the next one already.
    return toSessionView(entry, turn && turn.turn > (entry.turns ?? 0) ? null : turn);
  } catch (error) {
    if (!isGenieError(error, 'STORE_IO')) throw error;
    return toSessionView(entry, null);
  }
}
