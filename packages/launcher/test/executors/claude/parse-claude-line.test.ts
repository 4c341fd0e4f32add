import { claudeExecutor } from '../../../src/executors/claude/claude-executor';

const parse = (value: unknown, stream: 'stdout' | 'stderr' = 'stdout') =>
  claudeExecutor.parseLine(typeof value === 'string' ? value : JSON.stringify(value), stream);

const SID = '8c7b2f0e-1d2a-4b3c-9e8f-7a6b5c4d3e2f';

describe('claude stream-json lines', () => {
  it('system/init announces the session id and nothing else', () => {
    expect(
      parse({
        type: 'system', subtype: 'init', session_id: SID, cwd: '/w', model: 'claude-sonnet-4-5-20250929',
        tools: ['Bash'], mcp_servers: [], permissionMode: 'default', apiKeySource: 'none', uuid: 'u1',
      }),
    ).toEqual([{ type: 'session', executorSessionId: SID }]);
  });

  it('other system subtypes are skipped', () => {
    expect(parse({ type: 'system', subtype: 'compact_boundary', session_id: SID })).toEqual([]);
  });

  it('assistant text, thinking and tool_use become message, reasoning and tool_call', () => {
    expect(
      parse({
        type: 'assistant',
        message: {
          id: 'msg_1', type: 'message', role: 'assistant', model: 'm',
          content: [
            { type: 'thinking', thinking: 'Let me look.', signature: 's' },
            { type: 'text', text: 'Listing files.' },
            { type: 'tool_use', id: 'toolu_1', name: 'Bash', input: { command: 'ls -la' } },
            { type: 'server_tool_use_from_the_future', id: 'x' },
          ],
          stop_reason: null, usage: { input_tokens: 3, output_tokens: 9 },
        },
        parent_tool_use_id: null, session_id: SID, uuid: 'u2',
      }),
    ).toEqual([
      { type: 'reasoning', text: 'Let me look.' },
      { type: 'message', text: 'Listing files.' },
      { type: 'tool_call', id: 'toolu_1', name: 'Bash', input: { command: 'ls -la' } },
    ]);
  });

  it('user tool_result with string or block content becomes tool_result', () => {
    expect(
      parse({
        type: 'user',
        message: {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: 'a.txt\nb.txt', is_error: false },
            { type: 'tool_result', tool_use_id: 'toolu_2', content: [{ type: 'text', text: 'line 1' }, { type: 'image' }, { type: 'text', text: 'line 2' }], is_error: true },
          ],
        },
        parent_tool_use_id: null, session_id: SID,
      }),
    ).toEqual([
      { type: 'tool_result', id: 'toolu_1', output: 'a.txt\nb.txt', isError: false },
      { type: 'tool_result', id: 'toolu_2', output: 'line 1\nline 2', isError: true },
    ]);
  });

  it('result carries outcome, usage, cost and the session id it ran under', () => {
    const events = parse({
      type: 'result', subtype: 'success', is_error: false, duration_ms: 1234, duration_api_ms: 1100, num_turns: 3,
      result: 'All done.', session_id: 'f0f0f0f0-0000-4000-8000-00000000f0f0', total_cost_usd: 0.0123,
      usage: { input_tokens: 10, output_tokens: 20, cache_read_input_tokens: 30, cache_creation_input_tokens: 40 },
      permission_denials: [], uuid: 'u3', brand_new_field: { a: 1 },
    });
    expect(events).toEqual([
      { type: 'session', executorSessionId: 'f0f0f0f0-0000-4000-8000-00000000f0f0' },
      {
        type: 'result', isError: false, text: 'All done.', subtype: 'success',
        usage: { inputTokens: 10, outputTokens: 20, cachedInputTokens: 30, cacheCreationInputTokens: 40, costUsd: 0.0123, durationMs: 1234 },
      },
    ]);
  });

  it('reads the cost of older releases from cost_usd', () => {
    const [result] = parse({ type: 'result', subtype: 'success', is_error: false, result: 'ok', cost_usd: 0.5, duration_ms: 7 });
    expect(result).toEqual({ type: 'result', isError: false, text: 'ok', subtype: 'success', usage: { costUsd: 0.5, durationMs: 7 } });
  });

  it('error results are errors even without is_error', () => {
    const [session, result] = parse({ type: 'result', subtype: 'error_max_turns', session_id: SID, num_turns: 10 });
    expect(session).toEqual({ type: 'session', executorSessionId: SID });
    expect(result).toMatchObject({ type: 'result', isError: true, subtype: 'error_max_turns' });
  });

  it('unknown events, broken JSON and non-objects yield nothing and never throw', () => {
    for (const line of ['', 'not json', '{"type":"stream_event","event":{}}', '{broken', '[1,2]', 'null', '{"type":"assistant","message":"oops"}', '{"type":"user","message":{"content":"replayed text"}}']) {
      expect(parse(line)).toEqual([]);
    }
  });

  it('stderr lines stay visible as stderr output', () => {
    expect(parse('Warning: something odd', 'stderr')).toEqual([{ type: 'output', text: 'Warning: something odd', stream: 'stderr' }]);
  });

  it('api_retry is a warning saying what failed and when claude retries', () => {
    expect(
      parse({ type: 'system', subtype: 'api_retry', attempt: 2, max_retries: 10, retry_delay_ms: 1013, error_status: 401, error: 'authentication_failed', session_id: SID }),
    ).toEqual([{ type: 'warning', message: 'API call failed (401 authentication_failed); retry 2 of 10 in 1.0 s' }]);
  });

  it('an API error\'s synthetic assistant message is an error, never a message, and is_error decides the result', () => {
    const text = 'API Error: 500 boom. This is a server-side issue, usually temporary.';
    expect(
      parse({
        type: 'assistant',
        message: { id: 'x', model: '<synthetic>', role: 'assistant', type: 'message', content: [{ type: 'text', text }] },
        session_id: SID, error: 'server_error', is_api_error_message: true,
      }),
    ).toEqual([{ type: 'error', message: text }]);
    expect(parse({ type: 'result', subtype: 'success', is_error: true, result: text, session_id: SID, total_cost_usd: 0 })).toEqual([
      { type: 'session', executorSessionId: SID },
      { type: 'result', isError: true, text, subtype: 'success', usage: { costUsd: 0 } },
    ]);
  });

  it('error_during_execution names its cause from `errors` when there is no `result`', () => {
    const errors = [`No conversation found with session ID: ${SID}`];
    expect(parse({ type: 'result', subtype: 'error_during_execution', is_error: true, errors, session_id: SID })).toEqual([
      { type: 'session', executorSessionId: SID },
      { type: 'result', isError: true, text: errors[0], subtype: 'error_during_execution' },
    ]);
  });
});
