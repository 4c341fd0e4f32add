import type { AgentEvent } from '../agent-event';

type ResultEvent = Extract<AgentEvent, { type: 'result' }>;

export interface TurnFacts {
  executor: string;
  exitCode: number | null;
  signal: string | null;
  result: ResultEvent | undefined;
  /** True when the hang guard ended an executor that had already reported its result. */
  endedByHangGuard: boolean;
  lastErrorEvent: string | undefined;
  stderrTail: readonly string[];
}

export interface TurnOutcome {
  status: 'completed' | 'failed';
  error: string | null;
}

/**
 * Success needs a clean exit and no error result; a hung executor ended by the guard is
 * judged by the result it had already reported. The error text is the most specific one
 * available: the CLI's own error result, its error event, then its last stderr lines.
 */
export function turnOutcome(facts: TurnFacts): TurnOutcome {
  const resultFailed = facts.result?.isError === true;
  const exitedCleanly = facts.endedByHangGuard ? facts.result !== undefined : facts.exitCode === 0 && facts.signal === null;
  if (exitedCleanly && !resultFailed) return { status: 'completed', error: null };

  const how = facts.signal ? `was killed by ${facts.signal}` : facts.exitCode !== null ? `exited with code ${facts.exitCode}` : 'ended';
  const detail =
    (resultFailed ? facts.result?.text || facts.result?.subtype : undefined) ??
    facts.lastErrorEvent ??
    (facts.stderrTail.length > 0 ? facts.stderrTail.join('\n') : undefined);
  const summary = resultFailed && exitedCleanly ? `${facts.executor} reported an error` : `${facts.executor} ${how}`;
  return { status: 'failed', error: detail ? `${summary}: ${detail}` : summary };
}
