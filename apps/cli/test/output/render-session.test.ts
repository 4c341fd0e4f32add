import type { SessionView, TurnView } from '@genie/core';
import { createColors } from '../../src/output/colors';
import { renderBackgroundHint, renderFullTranscript, renderSessionView, sessionHandle } from '../../src/output/render-session';

const plain = createColors(false);
const time = '2026-01-01T00:00:00.000Z';

function turn(number: number, prompt: string, answer: string): TurnView {
  return {
    turn: number,
    prompt,
    startedAt: time,
    endedAt: time,
    status: 'completed',
    answer,
    exitCode: 0,
    error: null,
    usage: null,
    events: [
      { kind: 'prompt', turn: number, text: prompt, time },
      { kind: 'message', turn: number, text: answer, time },
    ],
  };
}

const view: SessionView = {
  sessionId: '3f2a9c1e-0000-4000-8000-000000000000',
  name: 'reviewer-2601010000',
  agent: 'reviewer',
  executor: 'claude',
  executorSessionId: 'native-1',
  status: 'completed',
  background: true,
  created: time,
  lastUsed: time,
  turns: 2,
  lastPrompt: 'what did I ask?',
  answer: 'You asked me to remember blue.',
  exitCode: 0,
  signal: null,
  error: null,
  usage: { inputTokens: 1200, outputTokens: 30, costUsd: 0.5 },
  costUsd: 0.5,
  logFile: '/tmp/log.jsonl',
  maxBudgetUsd: null,
  worktree: null,
  hookFailures: [],
  lastTurn: turn(2, 'what did I ask?', 'You asked me to remember blue.'),
  cannotResume: null,
};

describe('session rendering', () => {
  it('view shows status, the last prompt, the answer, usage and cost', () => {
    const text = renderSessionView(view, plain);
    expect(text.split('\n')[0]).toBe('reviewer-2601010000 3f2a9c1e-0000-4000-8000-000000000000');
    expect(text).toMatch(/status\s+completed \(exit 0\)/);
    expect(text).toContain('what did I ask?');
    expect(text).toContain('You asked me to remember blue.');
    expect(text).toContain('1,200 in · 30 out · $0.5000');
  });

  it('view shows the worktree and branch, the budget, and failed hooks', () => {
    const text = renderSessionView(
      {
        ...view,
        maxBudgetUsd: 2,
        worktree: { path: '/repo/.genie/worktrees/fix', branch: 'genie/fix', base: 'a'.repeat(40), repository: '/repo' },
        hookFailures: [{ turn: 2, command: ['./notify.sh', '--loud'], error: 'exited with code 3', time }],
      },
      plain,
    );
    expect(text).toMatch(/branch\s+genie\/fix from aaaaaaaaaaaa/);
    expect(text).toMatch(/worktree\s+\/repo\/.genie\/worktrees\/fix/);
    expect(text).toMatch(/budget\s+\$0\.5000 of \$2\.00/);
    expect(text).toMatch(/hook\s+turn 2: \.\/notify\.sh --loud exited with code 3/);
  });

  it('view shows a budget under a cent, and the cost spent of it, as figures that are not zero', () => {
    const text = renderSessionView({ ...view, maxBudgetUsd: 0.00001, costUsd: 0.00002 }, plain);
    expect(text).toMatch(/budget\s+<\$0\.0001 of \$0\.00001/);
  });

  it('view --full shows every turn in order', () => {
    const text = renderFullTranscript({ ...view, transcript: [turn(1, 'remember blue', 'OK.'), view.lastTurn as TurnView] }, plain);
    const first = text.indexOf('── turn 1');
    const second = text.indexOf('── turn 2');
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
    expect(text.indexOf('› remember blue')).toBeGreaterThan(first);
    expect(text.indexOf('› what did I ask?')).toBeGreaterThan(second);
  });

  it('hints how to come back to a background session, quoting odd names', () => {
    expect(renderBackgroundHint(view, plain)).toContain('genie resume reviewer-2601010000 "..."');
    expect(sessionHandle({ name: 'my task', sessionId: 'x' })).toBe('"my task"');
    expect(sessionHandle({ name: null, sessionId: 'abc-123' })).toBe('abc-123');
  });
});
