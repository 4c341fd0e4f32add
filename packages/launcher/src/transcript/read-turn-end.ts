import { closeSync, fstatSync, openSync } from 'node:fs';
import type { TurnEndRecord } from '../event-log-record';
import { scanLinesBackward } from './backward-lines';
import { parseLogRecord } from './parse-log-record';

/**
 * The `turn.end` of `turn` when it is the last record of the log, i.e. the turn ended and
 * nothing came after it; otherwise null. Reads only the end of the log.
 */
export function readTurnEnd(logFile: string, turn: number): TurnEndRecord | null {
  let fd: number;
  try {
    fd = openSync(logFile, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    let end: TurnEndRecord | null = null;
    scanLinesBackward(fd, fstatSync(fd).size, (line) => {
      const record = parseLogRecord(line.text);
      if (!record) return false;
      if (record.turn === turn && record.stream === 'meta' && record.type === 'turn.end') end = record;
      return true;
    });
    return end;
  } finally {
    closeSync(fd);
  }
}
