import { open, type FileHandle } from 'node:fs/promises';
import type { EventLogRecord } from '../event-log-record';
import { parseLogRecord } from './parse-log-record';
import type { TranscriptOptions } from './transcript-options';
import { TurnBuilder } from './turn-builder';
import type { TurnView } from './transcript-types';

const CHUNK_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

/**
 * The last turn of an event log, reading backwards from the end in chunks until that
 * turn's `turn.start` record: the cost depends on the size of the last turn, not of the
 * log. Null when the log is missing or holds no record.
 */
export async function readLastTurn(logFile: string, options: TranscriptOptions = {}): Promise<TurnView | null> {
  let file: FileHandle;
  try {
    file = await open(logFile, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const records = await lastTurnRecords(file);
    if (records.length === 0) return null;
    const builder = new TurnBuilder(options);
    for (const record of records) builder.add(record);
    return builder.views()[0] ?? null;
  } finally {
    await file.close();
  }
}

/** Records of the last turn in file order, found by scanning lines from the end. */
async function lastTurnRecords(file: FileHandle): Promise<EventLogRecord[]> {
  const { size } = await file.stat();
  const newestFirst: EventLogRecord[] = [];
  let lastTurn: number | undefined;
  let position = size;
  // Bytes of a line cut by a chunk boundary, carried into the next (earlier) read.
  let partial = Buffer.alloc(0);
  while (position > 0) {
    const length = Math.min(CHUNK_BYTES, position);
    position -= length;
    const chunk = Buffer.alloc(length);
    await file.read(chunk, 0, length, position);
    const bytes = partial.length > 0 ? Buffer.concat([chunk, partial]) : chunk;
    let end = bytes.length;
    for (let index = bytes.length - 1; index >= -1; index -= 1) {
      if (index >= 0 && bytes[index] !== NEWLINE) continue;
      if (index < 0 && position > 0) break;
      const record = parseLogRecord(bytes.toString('utf8', index + 1, end));
      end = index;
      if (!record) continue;
      lastTurn ??= record.turn;
      if (record.turn !== lastTurn) continue;
      newestFirst.push(record);
      if (record.stream === 'meta' && record.type === 'turn.start') return newestFirst.reverse();
    }
    partial = bytes.subarray(0, end);
  }
  return newestFirst.reverse();
}
