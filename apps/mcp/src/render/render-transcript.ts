import type { TranscriptEvent, TurnView } from '@genie/core';

/** A readable transcript: one block per turn, one line (or paragraph) per event. */

function renderEvent(event: TranscriptEvent): string | null {
  switch (event.kind) {
    case 'prompt':
      return null;
    case 'message':
      return `assistant: ${event.text}`;
    case 'reasoning':
      return `thinking: ${event.text}`;
    case 'tool_call':
      return `tool call: ${event.name}${event.input === undefined ? '' : ` ${JSON.stringify(event.input)}`}`;
    case 'tool_result':
      return `tool ${event.isError ? 'error' : 'result'}: ${event.output}`;
    case 'output':
      return `${event.stream}: ${event.text}`;
    case 'error':
      return `error: ${event.message}`;
    case 'warning':
      return `warning: ${event.message}`;
    case 'outcome':
      return `outcome: ${event.status}${event.exitCode === null ? '' : ` (exit ${event.exitCode})`}${event.error ? ` · ${event.error}` : ''}`;
  }
}

export function renderTurn(turn: TurnView): string {
  const lines = [`--- turn ${turn.turn} · ${turn.status} · ${turn.startedAt}`, `user: ${turn.prompt}`];
  if (turn.omittedEvents) lines.push(`(${turn.omittedEvents} earlier events of this turn are not shown; the event log keeps them all)`);
  for (const event of turn.events) {
    const line = renderEvent(event);
    if (line !== null) lines.push(line);
  }
  const answered = turn.events.some((event) => event.kind === 'message' && event.text === turn.answer);
  if (turn.answer && !answered) lines.push(`answer: ${turn.answer}`);
  return lines.join('\n');
}

export function renderTranscript(turns: TurnView[]): string {
  if (turns.length === 0) return 'No turns yet.';
  return turns.map(renderTurn).join('\n\n');
}
