import type { AgentEvent } from '../agent-event';
import type { EventLogRecord } from '../event-log-record';
import type { Executor } from '../executors/executor';
import { liveTranscriptEvent } from '../supervisor/live-transcript-event';
import type { TranscriptEvent } from './transcript-types';

/**
 * The rendered events of one event-log record: the prompt for `turn.start`, the
 * executor's reading of an output line, the outcome for `turn.end`. Used both to build
 * a whole transcript and to stream a running turn.
 */
export function renderRecord(record: EventLogRecord, executor: Executor): TranscriptEvent[] {
  const { turn, time } = record;
  if (record.stream === 'meta') {
    if (record.type === 'turn.start') return [{ kind: 'prompt', turn, text: record.prompt, time }];
    return [
      {
        kind: 'outcome',
        turn,
        status: record.status,
        exitCode: record.exitCode,
        signal: record.signal,
        error: record.error,
        answer: record.answer ?? null,
        usage: record.usage ?? null,
        time,
      },
    ];
  }
  return renderAgentEvents(executor.parseLine(record.line, record.stream), turn, time);
}

/** What a reader sees of parsed agent events; `session` and `result` are bookkeeping. */
export function renderAgentEvents(events: readonly AgentEvent[], turn: number, time: string): TranscriptEvent[] {
  return events
    .map((event) => liveTranscriptEvent(event, turn, time))
    .filter((event): event is TranscriptEvent => event !== undefined);
}
