import fc from 'fast-check';
import { claudeExecutor } from '../../src/executors/claude/claude-executor';
import { codexExecutor } from '../../src/executors/codex/codex-executor';

// Agent CLIs change their events between releases; whatever a line holds, reading it
// must not throw, or one odd line would take the supervisor down with it.
const TYPES = ['system', 'assistant', 'user', 'result', 'thread.started', 'item.started', 'item.completed', 'turn.completed', 'turn.failed', 'error'];
const eventLike = fc.record({
  type: fc.constantFrom(...TYPES),
  subtype: fc.anything(),
  session_id: fc.anything(),
  thread_id: fc.anything(),
  message: fc.oneof(fc.anything(), fc.record({ content: fc.array(fc.record({ type: fc.constantFrom('text', 'thinking', 'tool_use', 'tool_result'), text: fc.anything(), content: fc.anything(), input: fc.anything() })) })),
  item: fc.oneof(fc.anything(), fc.record({ type: fc.constantFrom('agent_message', 'command_execution', 'file_change', 'mcp_tool_call', 'todo_list', 'error'), text: fc.anything(), changes: fc.anything(), error: fc.anything(), result: fc.anything(), exit_code: fc.anything() })),
  usage: fc.anything(),
  error: fc.anything(),
  is_error: fc.anything(),
  result: fc.anything(),
  total_cost_usd: fc.anything(),
});

describe('parseLine on arbitrary input', () => {
  it.each([claudeExecutor, codexExecutor])('$id never throws and returns an array', (executor) => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), eventLike.map((event) => JSON.stringify(event))), fc.constantFrom('stdout' as const, 'stderr' as const), (line, stream) => {
        expect(Array.isArray(executor.parseLine(line, stream))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
