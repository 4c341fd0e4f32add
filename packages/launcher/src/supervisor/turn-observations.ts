import { isValidExecutorSessionId, type SessionStatus, type UsageSummary } from '@genie/session-schema';
import type { AgentEvent } from '../agent-event';
import { sumUsage } from './sum-usage';

export type ResultEvent = Extract<AgentEvent, { type: 'result' }>;

const STDERR_TAIL_LINES = 5;
const ANSWER_TAIL_LINES = 20;
const ANSWER_MAX_CHARS = 4_000;

/**
 * What a turn has shown so far, kept to judge and summarise it when it ends: the CLI's
 * result, its native id, its last message and error, and the tails of its output.
 */
export class TurnObservations {
  result: ResultEvent | undefined;
  executorSessionId: string | null;
  usage: UsageSummary | undefined;
  lastErrorEvent: string | undefined;
  readonly stderrTail: string[] = [];
  private lastMessage: string | undefined;
  private readonly stdoutTail: string[] = [];

  constructor(executorSessionId: string | null) {
    this.executorSessionId = executorSessionId;
  }

  /** Raw stderr lines explain a failure when the CLI reports nothing better. */
  noteStderr(line: string): void {
    if (line.trim()) pushBounded(this.stderrTail, line, STDERR_TAIL_LINES);
  }

  /** Records an event; true when it changed the native id (a fork must be followed). */
  observe(event: AgentEvent): boolean {
    switch (event.type) {
      case 'session': {
        // The id becomes an argument of the next resume, so one shaped like an option
        // (or anything but one word) is never taken from the agent's output.
        const changed = isValidExecutorSessionId(event.executorSessionId) && event.executorSessionId !== this.executorSessionId;
        if (changed) this.executorSessionId = event.executorSessionId;
        return changed;
      }
      case 'message':
        this.lastMessage = event.text;
        return false;
      case 'error':
        this.lastErrorEvent = event.message;
        return false;
      case 'output':
        if (event.stream === 'stdout') pushBounded(this.stdoutTail, event.text, ANSWER_TAIL_LINES);
        return false;
      case 'result':
        this.result = event;
        this.usage = sumUsage(this.usage, event.usage);
        return false;
      default:
        return false;
    }
  }

  /**
   * The turn's final answer: the text of the CLI's successful result, else its last
   * message, else (for a plain command) the last lines it printed on stdout, at most 20
   * lines / 4,000 chars. An error result's text is the turn's error, not its answer; a
   * stopped turn has an answer only if the CLI reported a result before it was stopped
   * (a message cut short stays in the transcript, not in the answer).
   */
  answer(status: SessionStatus): string | null {
    const resultText = this.result && !this.result.isError ? this.result.text : undefined;
    if (resultText) return resultText;
    if (status === 'stopped') return null;
    if (this.lastMessage) return this.lastMessage;
    const tail = this.stdoutTail.join('\n').trimEnd();
    if (!tail) return null;
    return tail.length > ANSWER_MAX_CHARS ? tail.slice(tail.length - ANSWER_MAX_CHARS) : tail;
  }
}

function pushBounded(list: string[], item: string, max: number): void {
  list.push(item);
  if (list.length > max) list.shift();
}
