import type { UsageSummary } from '@genie/session-schema';
import type { AgentEvent } from '../../agent-event';
import { asArray, asNumber, asRecord, asString, parseJsonObject } from '../json-fields';

/**
 * Translates one JSONL event of `codex exec --json`. Unknown events and item types yield
 * nothing (the raw line stays in the event log). Never throws.
 */
export function parseCodexLine(line: string, stream: 'stdout' | 'stderr'): AgentEvent[] {
  if (stream === 'stderr') return stderrEvents(line);
  const event = parseJsonObject(line);
  if (!event) return [];
  switch (event.type) {
    case 'thread.started': {
      const id = asString(event.thread_id);
      return id ? [{ type: 'session', executorSessionId: id }] : [];
    }
    case 'item.started':
      return itemStarted(asRecord(event.item));
    case 'item.completed':
      return itemCompleted(asRecord(event.item));
    // codex 0.17x reports the thread's running total here, not the turn's.
    case 'turn.completed': {
      const usage = usageOf(asRecord(event.usage));
      return [{ type: 'result', isError: false, ...(usage ? { usage, usageIsRunningTotal: true } : {}) }];
    }
    // Codex reports a fatal problem as an `error` event, then `turn.failed` with the same
    // message: the error is shown once (from `error`), and `turn.failed` is the outcome.
    case 'turn.failed': {
      const message = asString(asRecord(event.error)?.message) ?? 'Codex reported a failed turn.';
      return [{ type: 'result', isError: true, text: message, subtype: 'turn.failed' }];
    }
    // Codex also reports transient problems (reconnects) this way, so an `error` is not a
    // result by itself.
    case 'error': {
      const message = asString(event.message);
      return message ? [{ type: 'error', message }] : [];
    }
    default:
      return [];
  }
}

/** Tools that take time announce their call on `item.started`, their result on completion. */
function itemStarted(item: Record<string, unknown> | undefined): AgentEvent[] {
  const id = asString(item?.id);
  const withId = id ? { id } : {};
  switch (item?.type) {
    case 'command_execution':
      return [{ type: 'tool_call', ...withId, name: 'command', input: { command: item.command } }];
    case 'mcp_tool_call':
      return [{ type: 'tool_call', ...withId, name: mcpToolName(item), input: item.arguments }];
    default:
      return [];
  }
}

function itemCompleted(item: Record<string, unknown> | undefined): AgentEvent[] {
  const id = asString(item?.id);
  const withId = id ? { id } : {};
  switch (item?.type) {
    case 'agent_message':
      return typeof item.text === 'string' ? [{ type: 'message', text: item.text }] : [];
    case 'reasoning':
      return typeof item.text === 'string' ? [{ type: 'reasoning', text: item.text }] : [];
    case 'command_execution': {
      const exitCode = asNumber(item.exit_code);
      return [
        {
          type: 'tool_result',
          ...withId,
          output: typeof item.aggregated_output === 'string' ? item.aggregated_output : '',
          isError: item.status === 'failed' || (exitCode !== undefined && exitCode !== 0),
        },
      ];
    }
    case 'mcp_tool_call':
      return [{ type: 'tool_result', ...withId, ...mcpOutput(item) }];
    case 'file_change': {
      const changes = asArray(item.changes).map((change) => asRecord(change));
      const summary = changes.map((change) => `${asString(change?.kind) ?? 'update'} ${asString(change?.path) ?? ''}`);
      return [
        { type: 'tool_call', ...withId, name: 'file_change', input: { changes: item.changes } },
        { type: 'tool_result', ...withId, output: summary.join('\n'), isError: item.status === 'failed' },
      ];
    }
    case 'web_search':
      return [{ type: 'tool_call', ...withId, name: 'web_search', input: { query: item.query } }];
    case 'todo_list':
      return [{ type: 'tool_call', ...withId, name: 'todo_list', input: { items: item.items } }];
    // Error items are warnings (a model that does not support a setting, a deprecated
    // flag); a failure comes as an `error` event and `turn.failed`.
    case 'error': {
      const message = asString(item.message);
      return message ? [{ type: 'warning', message }] : [];
    }
    default:
      return [];
  }
}

/**
 * codex's fatal error is one `Error: ...` line on stderr; with RUST_BACKTRACE set, backtrace
 * frames follow it, so it is picked out as the error rather than left among the last lines.
 */
function stderrEvents(line: string): AgentEvent[] {
  const fatal = /^Error:\s*(.+)$/.exec(line.trim());
  if (fatal?.[1]) return [{ type: 'error', message: fatal[1] }];
  return [{ type: 'output', text: line, stream: 'stderr' }];
}

function mcpToolName(item: Record<string, unknown>): string {
  const server = asString(item.server);
  const tool = asString(item.tool) ?? 'tool';
  return server ? `${server}.${tool}` : tool;
}

function mcpOutput(item: Record<string, unknown>): { output: string; isError: boolean } {
  const error = asString(asRecord(item.error)?.message) ?? asString(item.error);
  if (error) return { output: error, isError: true };
  const result = item.result;
  const output = result === undefined || result === null ? '' : typeof result === 'string' ? result : JSON.stringify(result);
  return { output, isError: item.status === 'failed' };
}

function usageOf(tokens: Record<string, unknown> | undefined): UsageSummary | undefined {
  if (!tokens) return undefined;
  const usage: UsageSummary = {};
  const input = asNumber(tokens.input_tokens);
  const cached = asNumber(tokens.cached_input_tokens);
  const output = asNumber(tokens.output_tokens);
  if (input !== undefined) usage.inputTokens = input;
  if (cached !== undefined) usage.cachedInputTokens = cached;
  if (output !== undefined) usage.outputTokens = output;
  return Object.keys(usage).length > 0 ? usage : undefined;
}
