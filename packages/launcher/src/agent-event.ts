import type { UsageSummary } from '@genie/session-schema';

/**
 * What one output line of an agent CLI means, independent of which CLI wrote it.
 * Executors translate their protocol into these; the supervisor records them and the
 * transcript renderer shows them. Lines an executor does not understand produce no
 * event (the raw line stays in the event log).
 */
export type AgentEvent =
  /** The CLI announced its own conversation id (Claude `system/init`, Codex `thread.started`). */
  | { type: 'session'; executorSessionId: string }
  | { type: 'message'; text: string }
  | { type: 'reasoning'; text: string }
  | { type: 'tool_call'; id?: string; name: string; input?: unknown }
  | { type: 'tool_result'; id?: string; output: string; isError?: boolean }
  /** The turn's final outcome as the CLI reported it, before the process exits. */
  | {
      type: 'result';
      isError: boolean;
      text?: string;
      subtype?: string;
      usage?: UsageSummary;
      /**
       * True when `usage` is the conversation's running total rather than this turn's
       * (codex 0.17x): the supervisor records the difference from the total it had.
       */
      usageIsRunningTotal?: boolean;
    }
  | { type: 'error'; message: string }
  /** Something the user should see that does not fail the turn: an API retry, a CLI warning. */
  | { type: 'warning'; message: string }
  /** A plain output line of a `command` executor. */
  | { type: 'output'; text: string; stream: 'stdout' | 'stderr' };
