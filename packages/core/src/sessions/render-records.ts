import type { SessionEntry } from '@genie/session-schema';
import { isExecutorId, renderRecord, type EventLogRecord, type TranscriptEvent } from '@genie/launcher';

export type RecordRenderer = (record: EventLogRecord) => TranscriptEvent[];

/**
 * Renders the records of one session's log in order. Each turn's `turn.start` names its
 * executor; a watcher that starts mid-turn falls back to the record's executor (a custom
 * configured CLI runs on the `command` executor).
 */
export function createRecordRenderer(entry: SessionEntry): RecordRenderer {
  let executor: string = entry.executor && isExecutorId(entry.executor) ? entry.executor : 'command';
  return (record) => {
    if ('type' in record && record.type === 'turn.start') executor = record.executor;
    return renderRecord(record, executor);
  };
}
