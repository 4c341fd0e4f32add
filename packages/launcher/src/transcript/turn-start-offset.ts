import { fstatSync } from 'node:fs';
import { scanLinesBackward } from './backward-lines';
import { withOpenLog } from './open-log';
import { parseLogRecord } from './parse-log-record';

/**
 * Byte offset where `turn` begins in an event log: just after the last record of an
 * earlier turn. Scans backwards from the end, so the cost is the size of the turn, not
 * of the log. A missing log gives 0; a turn that has logged nothing yet gives the end.
 * An unreadable log is a STORE_IO error naming it.
 */
export function turnStartOffset(logFile: string, turn: number): number {
  return withOpenLog(logFile, 0, (fd) => {
    const { size } = fstatSync(fd);
    let offset = 0;
    scanLinesBackward(fd, size, (line) => {
      const record = parseLogRecord(line.text);
      if (!record || record.turn >= turn) return false;
      offset = Math.min(size, line.end + 1);
      return true;
    });
    return offset;
  });
}
