import type { SessionStatus, UsageSummary } from '@genie/session-schema';

/**
 * One line of a session's append-only event log
 * (`.genie/state/agents/logs/<sessionId>.jsonl`). Every record carries its turn, its
 * stream and its time. Raw agent output is kept verbatim in `line` so nothing an agent
 * printed is ever lost, even event types genie does not know yet.
 */
export type EventLogRecord = TurnStartRecord | OutputRecord | TurnEndRecord;

interface RecordBase {
  /** ISO-8601 time the record was written. */
  time: string;
  /** 1 for the first run, +1 for each resume. */
  turn: number;
}

export interface TurnStartRecord extends RecordBase {
  stream: 'meta';
  type: 'turn.start';
  prompt: string;
  executor: string;
  resume: boolean;
  /**
   * The session's agent and the directory the turn runs in: with the executor and the
   * conversation id of `turn.end`, what a record rebuilt from the log needs to be resumed.
   * Absent from logs written before genie recorded them.
   */
  agent?: string;
  cwd?: string;
  /** The session's friendly name when the turn started, so a rebuilt record keeps it. Absent from older logs. */
  name?: string;
  /** argv that was spawned (instructions text elided), for debugging. */
  command?: string[];
}

export interface OutputRecord extends RecordBase {
  stream: 'stdout' | 'stderr';
  line: string;
}

export interface TurnEndRecord extends RecordBase {
  stream: 'meta';
  type: 'turn.end';
  status: Exclude<SessionStatus, 'starting' | 'running'>;
  exitCode: number | null;
  signal: string | null;
  error: string | null;
  executorSessionId?: string | null;
  usage?: UsageSummary;
  /** Final answer of the turn, when the agent reported one. */
  answer?: string | null;
}
