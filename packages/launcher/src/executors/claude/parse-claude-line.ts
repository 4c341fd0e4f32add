import type { UsageSummary } from '@genie/session-schema';
import type { AgentEvent } from '../../agent-event';
import { asArray, asNumber, asRecord, asString, parseJsonObject } from '../json-fields';

/**
 * Translates one stream-json line of `claude -p --output-format stream-json`. Lines it
 * does not recognise (new event types, non-JSON noise) yield nothing; they stay in the
 * raw event log. Never throws.
 */
export function parseClaudeLine(line: string, stream: 'stdout' | 'stderr'): AgentEvent[] {
  if (stream === 'stderr') return [{ type: 'output', text: line, stream }];
  const event = parseJsonObject(line);
  if (!event) return [];
  switch (event.type) {
    case 'system':
      return event.subtype === 'init' ? sessionEvent(event.session_id) : [];
    case 'assistant':
      return assistantEvents(asRecord(event.message));
    case 'user':
      return toolResults(asRecord(event.message));
    case 'result':
      return [...sessionEvent(event.session_id), resultEvent(event)];
    default:
      return [];
  }
}

function sessionEvent(sessionId: unknown): AgentEvent[] {
  const id = asString(sessionId);
  return id ? [{ type: 'session', executorSessionId: id }] : [];
}

function assistantEvents(message: Record<string, unknown> | undefined): AgentEvent[] {
  const events: AgentEvent[] = [];
  for (const block of asArray(message?.content)) {
    const part = asRecord(block);
    if (!part) continue;
    if (part.type === 'text' && typeof part.text === 'string') {
      events.push({ type: 'message', text: part.text });
    } else if (part.type === 'thinking' && typeof part.thinking === 'string') {
      events.push({ type: 'reasoning', text: part.thinking });
    } else if (part.type === 'tool_use') {
      const id = asString(part.id);
      events.push({ type: 'tool_call', ...(id ? { id } : {}), name: asString(part.name) ?? 'tool', input: part.input });
    }
  }
  return events;
}

function toolResults(message: Record<string, unknown> | undefined): AgentEvent[] {
  const events: AgentEvent[] = [];
  for (const block of asArray(message?.content)) {
    const part = asRecord(block);
    if (part?.type !== 'tool_result') continue;
    const id = asString(part.tool_use_id);
    events.push({
      type: 'tool_result',
      ...(id ? { id } : {}),
      output: toolOutput(part.content),
      isError: part.is_error === true,
    });
  }
  return events;
}

/** Tool output is a string or a list of content blocks, of which only text is shown. */
function toolOutput(content: unknown): string {
  if (typeof content === 'string') return content;
  return asArray(content)
    .map((block) => asRecord(block))
    .filter((block) => block?.type === 'text' && typeof block.text === 'string')
    .map((block) => block?.text as string)
    .join('\n');
}

function resultEvent(event: Record<string, unknown>): AgentEvent {
  const subtype = asString(event.subtype);
  const text = asString(event.result);
  const usage = usageOf(event);
  return {
    type: 'result',
    isError: event.is_error === true || (subtype !== undefined && subtype.startsWith('error')),
    ...(text !== undefined ? { text } : {}),
    ...(subtype ? { subtype } : {}),
    ...(usage ? { usage } : {}),
  };
}

function usageOf(event: Record<string, unknown>): UsageSummary | undefined {
  const tokens = asRecord(event.usage);
  const usage: UsageSummary = {};
  const fields: Array<[keyof UsageSummary, unknown]> = [
    ['inputTokens', tokens?.input_tokens],
    ['outputTokens', tokens?.output_tokens],
    ['cachedInputTokens', tokens?.cache_read_input_tokens],
    ['cacheCreationInputTokens', tokens?.cache_creation_input_tokens],
    // Older releases wrote `cost_usd`.
    ['costUsd', event.total_cost_usd ?? event.cost_usd],
    ['durationMs', event.duration_ms],
  ];
  for (const [key, value] of fields) {
    const number = asNumber(value);
    if (number !== undefined) usage[key] = number;
  }
  return Object.keys(usage).length > 0 ? usage : undefined;
}
