import { fstatSync } from 'node:fs';
import { scanLinesBackward } from './backward-lines';
import { withOpenLog } from './open-log';
import { parseLogRecord } from './parse-log-record';
import { streamRecords } from './stream-records';
import type { TranscriptOptions } from './transcript-options';
import { TurnBuilder } from './turn-builder';
import type { TurnView } from './transcript-types';

/**
 * The last turn of an event log: found reading backwards from the end until that turn's
 * `turn.start` record, then streamed forwards from there, so the cost in time is the size
 * of the last turn, not of the log, and the cost in memory is bounded however large the
 * turn is (its latest events are kept, see TurnBuilder). Null when the log is missing or
 * holds no record; an unreadable log is a STORE_IO error naming it.
 */
export async function readLastTurn(logFile: string, options: TranscriptOptions = {}): Promise<TurnView | null> {
  const start = withOpenLog<number | null>(logFile, null, lastTurnStart);
  if (start === null) return null;
  const builder = new TurnBuilder(options);
  await streamRecords(logFile, start, (record) => builder.add(record));
  return builder.views().at(-1) ?? null;
}

/**
 * How EventLogWriter starts an output record. Such a line is told by this prefix alone,
 * without parsing it: a huge turn is mostly output, and parsing every line of it twice
 * (backwards here, forwards to build the turn) doubled the time `view` took.
 */
const OUTPUT_PREFIX = /^\{"time":"[^"]*","turn":(\d+),"stream":"std(?:out|err)","line":"/;

/** Turn number and whether it opens the turn, of a line that is a record; undefined otherwise. */
function turnOfLine(text: string): { turn: number; opens: boolean } | undefined {
  const output = OUTPUT_PREFIX.exec(text);
  if (output?.[1] && text.endsWith('"}')) return { turn: Number(output[1]), opens: false };
  const record = parseLogRecord(text);
  if (!record) return undefined;
  return { turn: record.turn, opens: record.stream === 'meta' && record.type === 'turn.start' };
}

/** Byte offset of the last turn's first line; null when the log holds no record. */
function lastTurnStart(fd: number): number | null {
  let lastTurn: number | undefined;
  let start: number | null = null;
  scanLinesBackward(fd, fstatSync(fd).size, (line) => {
    const found = turnOfLine(line.text);
    if (!found) return false;
    lastTurn ??= found.turn;
    if (found.turn !== lastTurn) {
      start = line.end + 1;
      return true;
    }
    start = line.start;
    return found.opens;
  });
  return start;
}
