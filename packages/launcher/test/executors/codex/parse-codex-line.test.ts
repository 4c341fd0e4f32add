import { codexExecutor } from '../../../src/executors/codex/codex-executor';

const parse = (value: unknown, stream: 'stdout' | 'stderr' = 'stdout') =>
  codexExecutor.parseLine(typeof value === 'string' ? value : JSON.stringify(value), stream);

describe('codex exec --json lines', () => {
  it('thread.started announces the thread id', () => {
    expect(parse({ type: 'thread.started', thread_id: '0199a213-81c0-7800-8aa1-bbab2a035a53' })).toEqual([
      { type: 'session', executorSessionId: '0199a213-81c0-7800-8aa1-bbab2a035a53' },
    ]);
  });

  it('agent_message and reasoning items become message and reasoning when completed', () => {
    expect(parse({ type: 'item.completed', item: { id: 'item_0', type: 'reasoning', text: '**Scanning**' } })).toEqual([
      { type: 'reasoning', text: '**Scanning**' },
    ]);
    expect(parse({ type: 'item.completed', item: { id: 'item_1', type: 'agent_message', text: 'Here you go.' } })).toEqual([
      { type: 'message', text: 'Here you go.' },
    ]);
    expect(parse({ type: 'item.updated', item: { id: 'item_1', type: 'agent_message', text: 'Here' } })).toEqual([]);
  });

  it('command_execution is a tool call when started and a result when completed', () => {
    const item = { id: 'item_2', type: 'command_execution', command: 'bash -lc ls' };
    expect(parse({ type: 'item.started', item: { ...item, aggregated_output: '', exit_code: null, status: 'in_progress' } })).toEqual([
      { type: 'tool_call', id: 'item_2', name: 'command', input: { command: 'bash -lc ls' } },
    ]);
    expect(parse({ type: 'item.completed', item: { ...item, aggregated_output: 'a\nb\n', exit_code: 0, status: 'completed' } })).toEqual([
      { type: 'tool_result', id: 'item_2', output: 'a\nb\n', isError: false },
    ]);
    expect(parse({ type: 'item.completed', item: { ...item, aggregated_output: 'nope', exit_code: 2, status: 'failed' } })).toEqual([
      { type: 'tool_result', id: 'item_2', output: 'nope', isError: true },
    ]);
  });

  it('file changes, MCP calls, web searches and plans show as tools', () => {
    expect(
      parse({ type: 'item.completed', item: { id: 'item_3', type: 'file_change', changes: [{ path: 'src/a.ts', kind: 'update' }, { path: 'b.md', kind: 'add' }], status: 'completed' } }),
    ).toEqual([
      { type: 'tool_call', id: 'item_3', name: 'file_change', input: { changes: [{ path: 'src/a.ts', kind: 'update' }, { path: 'b.md', kind: 'add' }] } },
      { type: 'tool_result', id: 'item_3', output: 'update src/a.ts\nadd b.md', isError: false },
    ]);
    const mcp = { id: 'item_4', type: 'mcp_tool_call', server: 'docs', tool: 'search', arguments: { q: 'x' } };
    expect(parse({ type: 'item.started', item: { ...mcp, status: 'in_progress' } })).toEqual([
      { type: 'tool_call', id: 'item_4', name: 'docs.search', input: { q: 'x' } },
    ]);
    expect(parse({ type: 'item.completed', item: { ...mcp, status: 'completed', result: { content: [{ type: 'text', text: 'hit' }] } } })).toEqual([
      { type: 'tool_result', id: 'item_4', output: '{"content":[{"type":"text","text":"hit"}]}', isError: false },
    ]);
    expect(parse({ type: 'item.completed', item: { ...mcp, status: 'failed', error: { message: 'server gone' } } })).toEqual([
      { type: 'tool_result', id: 'item_4', output: 'server gone', isError: true },
    ]);
    expect(parse({ type: 'item.completed', item: { id: 'item_5', type: 'web_search', query: 'node streams' } })).toEqual([
      { type: 'tool_call', id: 'item_5', name: 'web_search', input: { query: 'node streams' } },
    ]);
    expect(parse({ type: 'item.completed', item: { id: 'item_6', type: 'todo_list', items: [{ text: 'a', completed: true }] } })).toEqual([
      { type: 'tool_call', id: 'item_6', name: 'todo_list', input: { items: [{ text: 'a', completed: true }] } },
    ]);
  });

  it('turn.completed is a successful result whose usage is the thread\'s running total, and no cost', () => {
    expect(parse({ type: 'turn.completed', usage: { input_tokens: 24763, cached_input_tokens: 24448, output_tokens: 122, reasoning_output_tokens: 40 } })).toEqual([
      { type: 'result', isError: false, usage: { inputTokens: 24763, cachedInputTokens: 24448, outputTokens: 122 }, usageIsRunningTotal: true },
    ]);
  });

  it('turn.failed is only a failed result (its error event came before it); a bare error event is only an error', () => {
    expect(parse({ type: 'turn.failed', error: { message: 'stream disconnected' } })).toEqual([
      { type: 'result', isError: true, text: 'stream disconnected', subtype: 'turn.failed' },
    ]);
    expect(parse({ type: 'error', message: 'Reconnecting... 1/5' })).toEqual([{ type: 'error', message: 'Reconnecting... 1/5' }]);
  });

  it('error items are warnings: codex reports what it works around that way', () => {
    const message = 'Model metadata for `gpt-fake` not found. Defaulting to fallback metadata; this can degrade performance and cause issues.';
    expect(parse({ type: 'item.completed', item: { id: 'item_0', type: 'error', message } })).toEqual([{ type: 'warning', message }]);
  });

  it('the `Error: ...` line on stderr is the error, whatever backtrace follows it', () => {
    expect(parse('Error: thread/resume: thread/resume failed: no rollout found for thread id 0199', 'stderr')).toEqual([
      { type: 'error', message: 'thread/resume: thread/resume failed: no rollout found for thread id 0199' },
    ]);
    expect(parse('   0: std::backtrace_rs::backtrace::libunwind::trace', 'stderr')).toEqual([
      { type: 'output', text: '   0: std::backtrace_rs::backtrace::libunwind::trace', stream: 'stderr' },
    ]);
  });

  it('unknown events and items, and non-JSON, yield nothing and never throw', () => {
    for (const line of ['', 'plain text', '{"type":"turn.started"}', '{"type":"item.completed","item":{"type":"hologram"}}', '{"type":"item.completed"}', '{oops', '42']) {
      expect(parse(line)).toEqual([]);
    }
  });

  it('stderr lines stay visible as stderr output', () => {
    expect(parse('2025-10-01T00:00:00Z WARN something', 'stderr')).toEqual([
      { type: 'output', text: '2025-10-01T00:00:00Z WARN something', stream: 'stderr' },
    ]);
  });
});
