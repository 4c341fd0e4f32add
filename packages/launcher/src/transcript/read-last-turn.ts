import { fstatSync } from 'node:fs';
import type { EventLogRecord } from '../event-log-record';
import { scanLinesBackward } from './backward-lines';
import { withOpenLog } from './open-log';
import { parseLogRecord } from './parse-log-record';
import type { TranscriptOptions } from './transcript-options';
import { TurnBuilder } from './turn-builder';
import type { TurnView } from './transcript-types';

/**
 * The last turn of an event log, reading backwards from the end until that turn's
 * `turn.start` record: the cost depends on the size of the last turn, not of the log.
 * Null when the log is missing or holds no record; an unreadable log is a STORE_IO error
 * naming it.
 */
export async function readLastTurn(logFile: string, options: TranscriptOptions = {}): Promise<TurnView | null> {
  const records = withOpenLog(logFile, [], lastTurnRecords);
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
