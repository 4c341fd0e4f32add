import { claudeExecutor } from '../../src/executors/claude/claude-executor';
import { codexExecutor } from '../../src/executors/codex/codex-executor';
import { renderRecord } from '../../src/transcript/render-record';
import { end, out, start } from './event-log-fixtures';

describe('renderRecord', () => {
  it('renders a turn.start as the prompt and a turn.end as the outcome', () => {
    const begin = start(3, 'claude', 'go');
    expect(renderRecord(begin, claudeExecutor)).toEqual([{ kind: 'prompt', turn: 3, text: 'go', time: begin.time }]);
    const finish = end(3, { status: 'stopped', exitCode: null, signal: 'SIGTERM', error: 'stopped by user' });
    expect(renderRecord(finish, claudeExecutor)).toEqual([
      { kind: 'outcome', turn: 3, status: 'stopped', exitCode: null, signal: 'SIGTERM', error: 'stopped by user', answer: null, usage: null, time: finish.time },
    ]);
  });

  it('renders output lines through the executor, skipping bookkeeping and unknown lines', () => {
    const message = out(1, { type: 'item.completed', item: { id: 'i', type: 'agent_message', text: 'hi' } });
    expect(renderRecord(message, codexExecutor)).toEqual([{ kind: 'message', turn: 1, text: 'hi', time: message.time }]);
    expect(renderRecord(out(1, { type: 'thread.started', thread_id: 't' }), codexExecutor)).toEqual([]);
    expect(renderRecord(out(1, { type: 'turn.completed', usage: {} }), codexExecutor)).toEqual([]);
    expect(renderRecord(out(1, '{"type":"brand_new"}'), claudeExecutor)).toEqual([]);
  });
});
