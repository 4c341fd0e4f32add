import type { TranscriptEvent } from '@genie/core';
import type { Colors } from './colors';
import { firstLines, formatUsage, indent, oneLine } from './format';
import { renderOutcome } from './render-status';

const TOOL_RESULT_LINES = 4;
const TOOL_INPUT_CHARS = 100;

/** Keys whose value best says what a tool call does, in order of preference. */
const TOOL_INPUT_KEYS = ['command', 'cmd', 'file_path', 'path', 'pattern', 'query', 'url', 'description', 'prompt'];

/** `→ Bash: ls -la` rather than a JSON dump of the tool's input. */
export function describeToolInput(input: unknown): string {
  if (input === undefined || input === null) return '';
  if (typeof input === 'string') return oneLine(input, TOOL_INPUT_CHARS);
  if (typeof input === 'object') {
    const record = input as Record<string, unknown>;
    for (const key of TOOL_INPUT_KEYS) {
      const value = record[key];
      if (typeof value === 'string' && value.trim() !== '') return oneLine(value, TOOL_INPUT_CHARS);
      if (Array.isArray(value) && value.every((part) => typeof part === 'string')) {
        return oneLine(value.join(' '), TOOL_INPUT_CHARS);
      }
    }
  }
  return oneLine(JSON.stringify(input), TOOL_INPUT_CHARS);
}

export interface RenderEventOptions {
  /** Show the prompt line (view --full); a foreground run leaves it out, the user just typed it. */
  showPrompt: boolean;
}

/** One transcript event as terminal text, or null for events that show nothing. */
export function renderEvent(event: TranscriptEvent, c: Colors, options: RenderEventOptions): string | null {
  switch (event.kind) {
    case 'prompt':
      return options.showPrompt ? c.cyan(`› ${event.text}`) : null;
    case 'message':
      return event.text;
    case 'reasoning':
      return c.dim(`thinking: ${oneLine(event.text, 200)}`);
    case 'tool_call': {
      const detail = describeToolInput(event.input);
      return c.magenta(`→ ${event.name}${detail ? `: ${detail}` : ''}`);
    }
    case 'tool_result': {
      const text = firstLines(event.output, TOOL_RESULT_LINES);
      if (text.trim() === '') return null;
      return event.isError ? c.red(indent(text, '  ! ')) : c.dim(indent(text, '  '));
    }
    case 'output':
      return event.stream === 'stderr' ? c.yellow(event.text) : event.text;
    case 'error':
      return c.red(`error: ${event.message}`);
    case 'warning':
      return c.yellow(`warning: ${event.message}`);
    case 'outcome':
      return renderOutcome(event.status, formatUsage(event.usage), event.error ? oneLine(event.error, 200) : null, c);
    default:
      return null;
  }
}
