import type { TurnStartRecord } from '../event-log-record';
import { commandExecutor } from '../executors/command/command-executor';
import type { Executor } from '../executors/executor';
import { getExecutor, isExecutorId } from '../executors/registry';

export interface TranscriptOptions {
  /** The executor that parses every turn's output lines. */
  executor?: Executor;
  /** The executor of one turn, when turns may differ; wins over `executor`. */
  executorFor?: (turn: TurnStartRecord) => Executor;
  /**
   * Keep the agent's reasoning events too. Without it a transcript shows what a reader
   * follows: prompt, messages, tool calls and results, output, errors and outcome.
   */
  full?: boolean;
}

/**
 * Which executor reads a turn: the caller's choice, else the one the turn was started
 * with. An executor this build does not know still shows its lines as plain output, so
 * an old log never becomes unreadable.
 */
export function executorOf(start: TurnStartRecord | undefined, options: TranscriptOptions): Executor {
  if (start && options.executorFor) return options.executorFor(start);
  if (options.executor) return options.executor;
  if (start && isExecutorId(start.executor)) {
    try {
      return getExecutor(start.executor);
    } catch {
      return commandExecutor;
    }
  }
  return commandExecutor;
}
