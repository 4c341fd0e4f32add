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
      if (event.subtype === 'api_retry') return [retryWarning(event)];
      return event.subtype === 'init' ? sessionEvent(event.session_id) : [];
    case 'assistant':
      return isSyntheticError(event) ? syntheticErrors(asRecord(event.message)) : assistantEvents(asRecord(event.message));
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

/**
 * While an API call fails claude retries it (10 times by default, minutes with a bad key)
 * and says so only through these events; shown, they explain a turn that seems stuck.
 */
function retryWarning(event: Record<string, unknown>): AgentEvent {
  const status = asNumber(event.error_status);
  const cause = [status, asString(event.error)].filter((part) => part !== undefined).join(' ');
  const attempt = asNumber(event.attempt);
  const max = asNumber(event.max_retries);
  const delay = asNumber(event.retry_delay_ms);
  const retry = attempt !== undefined ? `retry ${attempt}${max !== undefined ? ` of ${max}` : ''}` : 'retrying';
  const when = delay !== undefined ? ` in ${(delay / 1000).toFixed(1)} s` : '';
  return { type: 'warning', message: `API call failed${cause ? ` (${cause})` : ''}; ${retry}${when}` };
}

/**
 * On an API error claude writes the error text as an assistant message of the model
 * `<synthetic>`: it is the turn's error, never its answer.
 */
function isSyntheticError(event: Record<string, unknown>): boolean {
  return asRecord(event.message)?.model === '<synthetic>' || event.is_api_error_message === true;
}

function syntheticErrors(message: Record<string, unknown> | undefined): AgentEvent[] {
  return asArray(message?.content)
    .map((block) => asRecord(block))
    .filter((part) => part?.type === 'text' && typeof part.text === 'string')
    .map((part) => ({ type: 'error', message: part?.text as string }));
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

/**
 * `is_error` decides: an API failure comes as subtype `success` with `is_error: true`. A
 * failure without a `result` (e.g. `error_during_execution` of a resume claude has no
 * conversation for) names its cause in `errors`.
 */
function resultEvent(event: Record<string, unknown>): AgentEvent {
  const subtype = asString(event.subtype);
  const isError = typeof event.is_error === 'boolean' ? event.is_error : subtype !== undefined && subtype.startsWith('error');
  const errors = asArray(event.errors).filter((item): item is string => typeof item === 'string' && item.trim() !== '');
  const text = asString(event.result) ?? (isError && errors.length > 0 ? errors.join('\n') : undefined);
  const usage = usageOf(event);
  return {
    type: 'result',
    isError,
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
