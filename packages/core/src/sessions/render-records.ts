import type { SessionEntry } from '@genie/session-schema';
import { getExecutor, isExecutorId, renderRecord, type EventLogRecord, type Executor, type TranscriptEvent } from '@genie/launcher';

export type RecordRenderer = (record: EventLogRecord) => TranscriptEvent[];

function executorNamed(id: string | undefined): Executor {
  return getExecutor(id && isExecutorId(id) ? id : 'command');
}

/**
 * Renders the records of one session's log in order. Each turn's `turn.start` names its
 * executor; a watcher that starts mid-turn falls back to the record's executor (a custom
 * configured CLI runs on the `command` executor).
 */
export function createRecordRenderer(entry: SessionEntry): RecordRenderer {
  let executor = executorNamed(entry.executor);
  return (record) => {
    if (record.stream === 'meta' && record.type === 'turn.start') executor = executorNamed(record.executor);
    return renderRecord(record, executor);
  };
}
