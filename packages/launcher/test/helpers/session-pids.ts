import { readFileSync } from 'node:fs';
import type { EventLogRecord } from '../../src/event-log-record';

/** Pids a test agent printed as `pid <n>` lines, read back from the session's event log. */
export function printedPids(logFile: string): number[] {
  return readFileSync(logFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as EventLogRecord)
    .flatMap((record) => ('line' in record && /^pid \d+$/.test(record.line) ? [Number(record.line.slice(4))] : []));
}
