import { createReadStream, openSync } from 'node:fs';
import { READ_LOG_FLAGS } from '../event-log/log-file-flags';
import { logReadError } from './open-log';
import { parseLogRecord } from './parse-log-record';
import type { TranscriptOptions } from './transcript-options';
import { TurnBuilder } from './turn-builder';
import type { TurnView } from './transcript-types';

/**
 * Every turn of a session's event log, in order. The log is streamed, so its size only
 * costs time. A log that does not exist yet has no turns; an unreadable one is a STORE_IO
 * error naming it.
 */
export async function readTranscript(logFile: string, options: TranscriptOptions = {}): Promise<TurnView[]> {
  // Required here, not imported: launching, stopping and listing never read a whole
  // transcript. A require, because import() would first load node's ESM loader in CJS.
  const { createInterface } = require('node:readline') as typeof import('node:readline');
  const builder = new TurnBuilder(options);
  let fd: number;
  try {
    fd = openSync(logFile, READ_LOG_FLAGS);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw logReadError(error, logFile);
  }
  const stream = createReadStream('', { fd, encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      const record = parseLogRecord(line);
      if (record) builder.add(record);
    }
  } catch (error) {
    throw logReadError(error, logFile);
  } finally {
    lines.close();
    stream.destroy();
  }
  return builder.views();
}
