import { createReadStream, openSync } from 'node:fs';
import type { EventLogRecord } from '../event-log-record';
import { READ_LOG_FLAGS } from '../event-log/log-file-flags';
import { logReadError } from './open-log';
import { parseLogRecord } from './parse-log-record';

/**
 * Passes each record of an event log, from byte `start` (the start of a line) to its end,
 * to `visit`, streaming: the log's size costs time, not memory. Returns false when the log
 * does not exist; an unreadable one is a STORE_IO error naming it.
 */
export async function streamRecords(logFile: string, start: number, visit: (record: EventLogRecord) => void): Promise<boolean> {
  // Required here, not imported: launching, stopping and listing never stream a log. A
  // require, because import() would first load node's ESM loader in CJS.
  const { createInterface } = require('node:readline') as typeof import('node:readline');
  let fd: number;
  try {
    fd = openSync(logFile, READ_LOG_FLAGS);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw logReadError(error, logFile);
  }
  const stream = createReadStream('', { fd, start, encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      const record = parseLogRecord(line);
      if (record) visit(record);
    }
  } catch (error) {
    throw logReadError(error, logFile);
  } finally {
    lines.close();
    stream.destroy();
  }
  return true;
}
