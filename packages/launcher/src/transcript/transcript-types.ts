import type { SessionStatus, UsageSummary } from '@genie/session-schema';

/** One rendered step of a turn, as shown by `view` and streamed while a turn runs. */
export type TranscriptEvent =
  | { kind: 'prompt'; turn: number; text: string; time: string }
  | { kind: 'message'; turn: number; text: string; time: string }
  | { kind: 'reasoning'; turn: number; text: string; time: string }
  | { kind: 'tool_call'; turn: number; name: string; input?: unknown; id?: string; time: string }
  | { kind: 'tool_result'; turn: number; output: string; isError: boolean; id?: string; time: string }
  | { kind: 'output'; turn: number; text: string; stream: 'stdout' | 'stderr'; time: string }
  | { kind: 'error'; turn: number; message: string; time: string }
  | { kind: 'warning'; turn: number; message: string; time: string }
  | {
      kind: 'outcome';
      turn: number;
      status: SessionStatus;
      exitCode: number | null;
      signal: string | null;
      error: string | null;
      answer: string | null;
      usage: UsageSummary | null;
      time: string;
    };

export interface TurnView {
  turn: number;
  prompt: string;
  startedAt: string;
  endedAt: string | null;
  status: SessionStatus;
  answer: string | null;
  exitCode: number | null;
  error: string | null;
  usage: UsageSummary | null;
  /** The turn's latest events, at most MAX_EVENTS_PER_TURN of them. */
  events: TranscriptEvent[];
  /**
   * Earlier events of the turn left out of `events` so that reading a huge turn takes
   * bounded memory; the event log keeps them all. Absent when nothing was left out.
   */
  omittedEvents?: number;
}

