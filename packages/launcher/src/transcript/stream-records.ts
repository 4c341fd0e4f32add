import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import type { EventLogRecord } from '../event-log-record';
import { READ_LOG_FLAGS } from '../event-log/log-file-flags';
import { logReadError } from './open-log';
import { parseLogRecord } from './parse-log-record';

/** What is left of a log up to this size is read at once; more is streamed. */
const READ_AT_ONCE_BYTES = 1024 * 1024;

/**
 * Passes each record of an event log, from byte `start` (the start of a line) to its end,
 * to `visit`, streaming: the log's size costs time, not memory. The rest of a log that is
 * small (a turn just started, most turns) is read in one call instead, without a stream.
 * Returns false when the log does not exist; an unreadable one is a STORE_IO error naming it.
 */
export async function streamRecords(logFile: string, start: number, visit: (record: EventLogRecord) => void): Promise<boolean> {
  let fd: number;
  try {
    fd = openSync(logFile, READ_LOG_FLAGS);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw logReadError(error, logFile);
  }
  let rest: string | undefined;
  try {
    rest = readRestIfSmall(fd, start);
  } catch (error) {
    closeSync(fd);
    throw logReadError(error, logFile);
  }
  if (rest !== undefined) {
    closeSync(fd);
    for (const line of rest.split('\n')) {
      const record = parseLogRecord(line);
      if (record) visit(record);
    }
    return true;
  }
  // Required here, not imported: only a large turn is streamed. A require, because
  // import() would first load node's ESM loader in CJS.
  const { createInterface } = require('node:readline') as typeof import('node:readline');
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

/** The log from `start` to its end, when that is at most READ_AT_ONCE_BYTES; undefined when it is more. */
function readRestIfSmall(fd: number, start: number): string | undefined {
  const length = fstatSync(fd).size - start;
  if (length > READ_AT_ONCE_BYTES) return undefined;
  if (length <= 0) return '';
  const buffer = Buffer.alloc(length);
  let read = 0;
  while (read < length) {
    const count = readSync(fd, buffer, read, length - read, start + read);
    if (count === 0) break;
    read += count;
  }
  return buffer.toString('utf8', 0, read);
}
