import type { SessionStatus } from '@genie/session-schema';
import { readLastTurn } from '../transcript/read-last-turn';
import { EventLogWriter } from './event-log-writer';

export interface TurnClosing {
  turn: number;
  status: Exclude<SessionStatus, 'starting' | 'running'>;
  signal: string | null;
  error: string | null;
}

/**
 * Writes the `turn.end` a supervisor could not write (it was killed, or vanished), so the
 * transcript shows how the turn ended instead of a turn that runs forever. Only called
 * once the supervisor is known to be gone; does nothing when the turn is already closed
 * or the log holds no record of it.
 */
export async function closeOpenTurn(logFile: string | undefined, closing: TurnClosing): Promise<boolean> {
  if (!logFile) return false;
  const last = await readLastTurn(logFile).catch(() => null);
  if (!last || last.turn !== closing.turn || last.endedAt !== null) return false;
  const writer = new EventLogWriter(logFile);
  try {
    writer.append([
      {
        time: new Date().toISOString(),
        turn: closing.turn,
        stream: 'meta',
        type: 'turn.end',
        status: closing.status,
        exitCode: null,
        signal: closing.signal,
        error: closing.error,
      },
    ]);
  } finally {
    writer.close();
  }
  return true;
}
