import type { AgentEvent } from '../agent-event';
import type { TranscriptEvent } from '../transcript/transcript-types';

/**
 * The rendered form of an event while a turn runs. `session` and `result` are
 * bookkeeping: their content reaches the user through the turn's outcome instead.
 */
export function liveTranscriptEvent(event: AgentEvent, turn: number, time: string): TranscriptEvent | undefined {
  switch (event.type) {
    case 'message':
      return { kind: 'message', turn, text: event.text, time };
    case 'reasoning':
      return { kind: 'reasoning', turn, text: event.text, time };
    case 'tool_call':
      return { kind: 'tool_call', turn, name: event.name, input: event.input, ...(event.id ? { id: event.id } : {}), time };
    case 'tool_result':
      return { kind: 'tool_result', turn, output: event.output, isError: event.isError ?? false, ...(event.id ? { id: event.id } : {}), time };
    case 'output':
      return { kind: 'output', turn, text: event.text, stream: event.stream, time };
    case 'error':
      return { kind: 'error', turn, message: event.message, time };
    case 'warning':
      return { kind: 'warning', turn, message: event.message, time };
    case 'session':
    case 'result':
      return undefined;
  }
}
