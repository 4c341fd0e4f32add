import { fstatSync } from 'node:fs';
import { scanLinesBackward } from './backward-lines';
import { withOpenLog } from './open-log';
import { parseLogRecord } from './parse-log-record';

/**
 * The number of the latest turn the event log holds a record of; 0 for a log without any
 * (or none at all). Reads only the end of the log: every record names its turn.
 */
export function lastLoggedTurn(logFile: string): number {
  return withOpenLog(logFile, 0, (fd) => {
    let turn = 0;
    scanLinesBackward(fd, fstatSync(fd).size, (line) => {
      const record = parseLogRecord(line.text);
      if (!record) return false;
      turn = record.turn;
      return true;
    });
    return turn;
  });
}
