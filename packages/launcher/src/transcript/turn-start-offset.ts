import { closeSync, fstatSync, openSync } from 'node:fs';
import { scanLinesBackward } from './backward-lines';
import { parseLogRecord } from './parse-log-record';

/**
 * Byte offset where `turn` begins in an event log: just after the last record of an
 * earlier turn. Scans backwards from the end, so the cost is the size of the turn, not
 * of the log. A missing log gives 0; a turn that has logged nothing yet gives the end.
 */
export function turnStartOffset(logFile: string, turn: number): number {
  let fd: number;
  try {
    fd = openSync(logFile, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  try {
    const { size } = fstatSync(fd);
    let offset = 0;
    scanLinesBackward(fd, size, (line) => {
      const record = parseLogRecord(line.text);
      if (!record || record.turn >= turn) return false;
      offset = Math.min(size, line.end + 1);
      return true;
    });
    return offset;
  } finally {
    closeSync(fd);
  }
}
