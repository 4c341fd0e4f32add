import type { SessionStatus } from '@genie/session-schema';
import type { AgentEvent } from '../agent-event';
import type { EventLogRecord, TurnStartRecord } from '../event-log-record';
import type { Executor } from '../executors/executor';
import { renderAgentEvents, renderRecord } from './render-record';
import { executorOf, type TranscriptOptions } from './transcript-options';
import type { TranscriptEvent, TurnView } from './transcript-types';

/**
 * Events kept per turn: its latest ones. A turn can log hundreds of megabytes; a view
 * built of all of them took several times that in memory.
 */
export const MAX_EVENTS_PER_TURN = 1000;
/** Characters kept of one output line or tool result; longer ones are cut, saying so. */
export const MAX_EVENT_TEXT = 64 * 1024;

interface TurnState {
  view: TurnView;
  /** Events dropped from the front of view.events. */
  omitted: number;
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
      keep(state, event);
    }
  }

  views(): TurnView[] {
    return [...this.turns.values()]
      .sort((a, b) => a.view.turn - b.view.turn)
      .map((state) => {
        trimEvents(state, MAX_EVENTS_PER_TURN);
        const view: TurnView = { ...state.view, answer: state.view.answer ?? fallbackAnswer(state, state.view.status) };
        if (state.omitted > 0) view.omittedEvents = state.omitted;
        return view;
      });
  }

  private stateOf(record: EventLogRecord): TurnState {
    const existing = this.turns.get(record.turn);
    const start = record.stream === 'meta' && record.type === 'turn.start' ? record : undefined;
    if (existing && !start) return existing;
    const state: TurnState = existing ?? {
      view: emptyView(record),
      omitted: 0,
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

function cut(text: string): string {
  if (text.length <= MAX_EVENT_TEXT) return text;
  return `${text.slice(0, MAX_EVENT_TEXT)}… (${text.length - MAX_EVENT_TEXT} more characters in the event log)`;
}

/** Adds an event; once twice the limit is held, the earliest are dropped in one go (amortised). */
function keep(state: TurnState, event: TranscriptEvent): void {
  if (event.kind === 'output') event.text = cut(event.text);
  if (event.kind === 'tool_result') event.output = cut(event.output);
  state.view.events.push(event);
  if (state.view.events.length >= 2 * MAX_EVENTS_PER_TURN) trimEvents(state, MAX_EVENTS_PER_TURN);
}

function trimEvents(state: TurnState, limit: number): void {
  const extra = state.view.events.length - limit;
  if (extra <= 0) return;
  state.view.events.splice(0, extra);
  state.omitted += extra;
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
