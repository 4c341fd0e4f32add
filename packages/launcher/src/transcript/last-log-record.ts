import { fstatSync } from 'node:fs';
import type { EventLogRecord } from '../event-log-record';
import { scanLinesBackward } from './backward-lines';
import { withOpenLog } from './open-log';
import { parseLogRecord } from './parse-log-record';

/**
 * The event log's last record (lines that are not records are skipped); null for a log
 * without any, or none at all. Reads only the end of the log. An unreadable log is a
 * STORE_IO error naming it.
 */
export function lastLogRecord(logFile: string): EventLogRecord | null {
  return withOpenLog<EventLogRecord | null>(logFile, null, (fd) => {
    let last: EventLogRecord | null = null;
    scanLinesBackward(fd, fstatSync(fd).size, (line) => {
      last = parseLogRecord(line.text) ?? null;
      return last !== null;
    });
    return last;
  });
}
