import fs from 'node:fs';
import type { EventLogRecord } from '../../src/event-log-record';

let clock = Date.parse('2025-10-01T10:00:00.000Z');
const tick = () => new Date((clock += 1000)).toISOString();

export const SID = '6a1f2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
export const THREAD = '0199a213-81c0-7800-8aa1-bbab2a035a53';

export function start(turn: number, executor: string, prompt: string): EventLogRecord {
  return { time: tick(), turn, stream: 'meta', type: 'turn.start', prompt, executor, resume: turn > 1 };
}

export function out(turn: number, line: unknown, stream: 'stdout' | 'stderr' = 'stdout'): EventLogRecord {
  return { time: tick(), turn, stream, line: typeof line === 'string' ? line : JSON.stringify(line) };
}

export function end(turn: number, fields: Partial<Extract<EventLogRecord, { type: 'turn.end' }>> = {}): EventLogRecord {
  return { time: tick(), turn, stream: 'meta', type: 'turn.end', status: 'completed', exitCode: 0, signal: null, error: null, ...fields };
}

export function writeLog(file: string, records: EventLogRecord[]): void {
  fs.writeFileSync(file, records.map((record) => `${JSON.stringify(record)}\n`).join(''));
}

const assistant = (content: unknown[]) => ({ type: 'assistant', message: { role: 'assistant', content }, session_id: SID });

/** Two claude turns as the supervisor records them, with noise a real log has. */
export function claudeLog(): EventLogRecord[] {
  return [
    start(1, 'claude', 'remember PINEAPPLE and list files'),
    out(1, { type: 'system', subtype: 'init', session_id: SID, cwd: '/w', tools: [], mcp_servers: [] }),
    out(1, assistant([{ type: 'thinking', thinking: 'Listing first.' }, { type: 'tool_use', id: 'toolu_1', name: 'Bash', input: { command: 'ls' } }])),
    out(1, { type: 'user', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'a.txt' }] }] } }),
    out(1, { type: 'stream_event', event: { type: 'content_block_delta' } }),
    out(1, 'not json at all'),
    out(1, 'Warning: low disk', 'stderr'),
    out(1, assistant([{ type: 'text', text: 'OK, I will remember PINEAPPLE.' }])),
    out(1, { type: 'result', subtype: 'success', is_error: false, result: 'OK, I will remember PINEAPPLE.', session_id: SID, total_cost_usd: 0.01, duration_ms: 900, usage: { input_tokens: 5, output_tokens: 7 } }),
    end(1, { executorSessionId: SID, answer: 'OK, I will remember PINEAPPLE.', usage: { inputTokens: 5, outputTokens: 7, costUsd: 0.01, durationMs: 900 } }),
    start(2, 'claude', 'what did I ask you to remember?'),
    out(2, { type: 'system', subtype: 'init', session_id: SID }),
    out(2, assistant([{ type: 'text', text: 'You asked me to remember PINEAPPLE.' }])),
    out(2, { type: 'result', subtype: 'success', is_error: false, result: 'You asked me to remember PINEAPPLE.', session_id: SID, cost_usd: 0.02, usage: { input_tokens: 9, output_tokens: 8 } }),
    end(2, { executorSessionId: SID, answer: 'You asked me to remember PINEAPPLE.', usage: { inputTokens: 9, outputTokens: 8, costUsd: 0.02 } }),
  ];
}

/** Two codex turns: one completed with a command, one failed. */
export function codexLog(): EventLogRecord[] {
  const command = { id: 'item_1', type: 'command_execution', command: 'bash -lc ls' };
  return [
    start(1, 'codex', '<instructions>\nBe terse.\n</instructions>\n\nremember GOLD'),
    out(1, { type: 'thread.started', thread_id: THREAD }),
    out(1, { type: 'turn.started' }),
    out(1, { type: 'item.completed', item: { id: 'item_0', type: 'reasoning', text: '**Planning**' } }),
    out(1, { type: 'item.started', item: { ...command, aggregated_output: '', exit_code: null, status: 'in_progress' } }),
    out(1, { type: 'item.completed', item: { ...command, aggregated_output: 'a.txt\n', exit_code: 0, status: 'completed' } }),
    out(1, { type: 'item.completed', item: { id: 'item_2', type: 'agent_message', text: 'OK, I will remember GOLD.' } }),
    out(1, { type: 'turn.completed', usage: { input_tokens: 20, cached_input_tokens: 4, output_tokens: 6 } }),
    end(1, { executorSessionId: THREAD, answer: null, usage: { inputTokens: 20, cachedInputTokens: 4, outputTokens: 6 } }),
    start(2, 'codex', 'what did I ask you to remember?'),
    out(2, { type: 'thread.started', thread_id: THREAD }),
    out(2, { type: 'error', message: 'stream disconnected' }),
    out(2, { type: 'turn.failed', error: { message: 'stream disconnected' } }),
    end(2, { status: 'failed', exitCode: 1, error: 'codex reported an error: stream disconnected' }),
  ];
}
