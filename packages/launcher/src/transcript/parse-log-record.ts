import type { EventLogRecord } from '../event-log-record';

/**
 * One line of an event log as a record, or undefined for a line that is not one (the
 * last line of a log being written may be partial). Only the fields the reader relies
 * on are checked.
 */
export function parseLogRecord(line: string): EventLogRecord | undefined {
  if (!line.startsWith('{')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Partial<EventLogRecord> & Record<string, unknown>;
  if (typeof record.turn !== 'number' || typeof record.time !== 'string') return undefined;
  if (record.stream === 'stdout' || record.stream === 'stderr') {
    return typeof record.line === 'string' ? (record as EventLogRecord) : undefined;
  }
  if (record.stream === 'meta' && (record.type === 'turn.start' || record.type === 'turn.end')) {
    return record as EventLogRecord;
  }
  return undefined;
}
