import { closeSync, fstatSync, openSync } from 'node:fs';
import type { EventLogRecord } from '../event-log-record';
import { scanLinesBackward } from './backward-lines';
import { parseLogRecord } from './parse-log-record';
import type { TranscriptOptions } from './transcript-options';
import { TurnBuilder } from './turn-builder';
import type { TurnView } from './transcript-types';

/**
 * The last turn of an event log, reading backwards from the end until that turn's
 * `turn.start` record: the cost depends on the size of the last turn, not of the log.
 * Null when the log is missing or holds no record.
 */
export async function readLastTurn(logFile: string, options: TranscriptOptions = {}): Promise<TurnView | null> {
  let fd: number;
  try {
    fd = openSync(logFile, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let records: EventLogRecord[];
  try {
    records = lastTurnRecords(fd);
  } finally {
    closeSync(fd);
  }
  if (records.length === 0) return null;
  const builder = new TurnBuilder(options);
  for (const record of records) builder.add(record);
  return builder.views()[0] ?? null;
}

/** Records of the last turn in file order. */
function lastTurnRecords(fd: number): EventLogRecord[] {
  const newestFirst: EventLogRecord[] = [];
  let lastTurn: number | undefined;
  scanLinesBackward(fd, fstatSync(fd).size, (line) => {
    const record = parseLogRecord(line.text);
    if (!record) return false;
    lastTurn ??= record.turn;
    if (record.turn !== lastTurn) return false;
    newestFirst.push(record);
    return record.stream === 'meta' && record.type === 'turn.start';
  });
  return newestFirst.reverse();
}
