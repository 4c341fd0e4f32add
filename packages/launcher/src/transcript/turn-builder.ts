import type { SessionStatus } from '@genie/session-schema';
import type { AgentEvent } from '../agent-event';
import type { EventLogRecord, TurnStartRecord } from '../event-log-record';
import type { Executor } from '../executors/executor';
import { renderAgentEvents, renderRecord } from './render-record';
import { executorOf, type TranscriptOptions } from './transcript-options';
import type { TranscriptEvent, TurnView } from './transcript-types';

interface TurnState {
  view: TurnView;
  executor: Executor;
  lastMessage: string | null;
  resultText: string | null;
}

/**
 * Folds event-log records, in file order, into one view per turn. A turn without a
 * `turn.end` is still `running`. When the record names no answer or usage, the turn (and
 * its outcome event) falls back to the agent's own result event, then its last message
 * (not for a stopped or lost turn).
 */
export class TurnBuilder {
  private readonly turns = new Map<number, TurnState>();

  constructor(private readonly options: TranscriptOptions) {}

  add(record: EventLogRecord): void {
    const state = this.stateOf(record);
    if (record.stream === 'meta' && record.type === 'turn.end') {
      Object.assign(state.view, {
        endedAt: record.time,
        status: record.status,
        exitCode: record.exitCode,
        error: record.error,
        answer: record.answer ?? null,
        usage: record.usage ?? state.view.usage,
      });
    }
    const rendered =
      record.stream === 'meta'
        ? renderRecord(record, state.executor)
        : this.renderOutput(state, state.executor.parseLine(record.line, record.stream), record.turn, record.time);
    for (const event of rendered) {
      if (event.kind === 'reasoning' && !this.options.full) continue;
      if (event.kind === 'message') state.lastMessage = event.text;
      if (event.kind === 'outcome') {
        event.answer ??= fallbackAnswer(state, event.status);
        event.usage ??= state.view.usage;
      }
      state.view.events.push(event);
    }
  }

  views(): TurnView[] {
    return [...this.turns.values()]
      .sort((a, b) => a.view.turn - b.view.turn)
      .map((state) => ({ ...state.view, answer: state.view.answer ?? fallbackAnswer(state, state.view.status) }));
  }

  private stateOf(record: EventLogRecord): TurnState {
    const existing = this.turns.get(record.turn);
    const start = record.stream === 'meta' && record.type === 'turn.start' ? record : undefined;
    if (existing && !start) return existing;
    const state: TurnState = existing ?? {
      view: emptyView(record),
      executor: executorOf(undefined, this.options),
      lastMessage: null,
      resultText: null,
    };
    if (start) startTurn(state, start, this.options);
    this.turns.set(record.turn, state);
    return state;
  }

  /** Renders an output line, keeping the usage and final text of the agent's own result. */
  private renderOutput(state: TurnState, events: AgentEvent[], turn: number, time: string): TranscriptEvent[] {
    for (const event of events) {
      if (event.type !== 'result') continue;
      // A running total (codex) is not the turn's usage; the turn's `turn.end` has that.
      if (event.usage && !event.usageIsRunningTotal && state.view.endedAt === null) state.view.usage = event.usage;
      if (!event.isError && event.text) state.resultText = event.text;
    }
    return renderAgentEvents(events, turn, time);
  }
}

/**
 * The answer of a turn whose `turn.end` names none (a turn still running, one closed for a
 * vanished supervisor, older logs): the agent's successful result, else its last message,
 * except for a turn that was stopped or lost, whose last message may be cut short.
 */
function fallbackAnswer(state: TurnState, status: SessionStatus): string | null {
  if (state.resultText !== null) return state.resultText;
  return status === 'stopped' || status === 'lost' ? null : state.lastMessage;
}

function startTurn(state: TurnState, start: TurnStartRecord, options: TranscriptOptions): void {
  state.view.prompt = start.prompt;
  state.view.startedAt = start.time;
  state.executor = executorOf(start, options);
}

function emptyView(record: EventLogRecord): TurnView {
  return {
    turn: record.turn,
    prompt: '',
    startedAt: record.time,
    endedAt: null,
    status: 'running',
    answer: null,
    exitCode: null,
    error: null,
    usage: null,
    events: [] as TranscriptEvent[],
  };
}
