import { fstatSync } from 'node:fs';
import type { TurnEndRecord } from '../event-log-record';
import { scanLinesBackward } from './backward-lines';
import { withOpenLog } from './open-log';
import { parseLogRecord } from './parse-log-record';

/**
 * The `turn.end` of `turn` when it is the last record of the log, i.e. the turn ended and
 * nothing came after it; otherwise null. Reads only the end of the log. An unreadable log
 * is a STORE_IO error naming it.
 */
export function readTurnEnd(logFile: string, turn: number): TurnEndRecord | null {
  return withOpenLog<TurnEndRecord | null>(logFile, null, (fd) => {
    let end: TurnEndRecord | null = null;
    scanLinesBackward(fd, fstatSync(fd).size, (line) => {
      const record = parseLogRecord(line.text);
      if (!record) return false;
      if (record.turn === turn && record.stream === 'meta' && record.type === 'turn.end') end = record;
      return true;
    });
    return end;
  });
}
