import type { EventLogRecord, TurnEndRecord } from '../event-log-record';
import { lastLogRecord } from './last-log-record';

/** The record, when it is the `turn.end` of `turn`. */
export function turnEndOf(record: EventLogRecord | null | undefined, turn: number): TurnEndRecord | null {
  return record && record.turn === turn && record.stream === 'meta' && record.type === 'turn.end' ? record : null;
}

/**
 * The `turn.end` of `turn` when it is the last record of the log, i.e. the turn ended and
 * nothing came after it; otherwise null. Reads only the end of the log. An unreadable log
 * is a STORE_IO error naming it.
 */
export function readTurnEnd(logFile: string, turn: number): TurnEndRecord | null {
  return turnEndOf(lastLogRecord(logFile), turn);
}
