import { toSessionSummary } from '../src/session-summary';

describe('toSessionSummary', () => {
  it('maps every field of a full record, cost from usage', () => {
    const summary = toSessionSummary({
      sessionId: 's1',
      agent: 'qa/reviewer',
      name: 'reviewer-2510171530',
      executor: 'claude',
      executorSessionId: 's1',
      status: 'completed',
      background: true,
      created: '2025-10-17T15:30:00.000Z',
      lastUsed: '2025-10-17T15:31:00.000Z',
      turns: 2,
      lastPrompt: 'again',
      lastAnswer: 'done',
      exitCode: 0,
      signal: null,
      error: null,
      usage: { inputTokens: 10, outputTokens: 5, costUsd: 0.25 },
      logFile: '/w/.genie/state/agents/logs/s1.jsonl',
      runnerPid: 123,
    });
    expect(summary).toEqual({
      sessionId: 's1',
      name: 'reviewer-2510171530',
      agent: 'qa/reviewer',
      executor: 'claude',
      executorSessionId: 's1',
      status: 'completed',
      background: true,
      created: '2025-10-17T15:30:00.000Z',
      lastUsed: '2025-10-17T15:31:00.000Z',
      turns: 2,
      lastPrompt: 'again',
      answer: 'done',
      exitCode: 0,
      signal: null,
      error: null,
      usage: { inputTokens: 10, outputTokens: 5, costUsd: 0.25 },
      costUsd: 0.25,
      logFile: '/w/.genie/state/agents/logs/s1.jsonl',
      maxBudgetUsd: null,
      worktree: null,
      hookFailures: [],
    });
  });

  it('uses null, never undefined, for what a sparse predecessor record lacks', () => {
    const summary = toSessionSummary({ sessionId: 'legacy-implementor-1a2b', agent: 'implementor', created: '2025-01-01T00:00:00Z' });
    for (const value of Object.values(summary)) expect(value).not.toBeUndefined();
    expect(summary).toMatchObject({ name: null, executor: null, usage: null, costUsd: null, answer: null, turns: 1, background: false });
  });

  it('shows a status this version does not know as lost', () => {
    expect(toSessionSummary({ sessionId: 'x', agent: 'a', status: 'pending-completion' }).status).toBe('lost');
    expect(toSessionSummary({ sessionId: 'x', agent: 'a' }).status).toBe('lost');
    expect(toSessionSummary({ sessionId: 'x', agent: 'a', status: 'stopped' }).status).toBe('stopped');
  });

  it('gives the caller a summary it may change, even of a frozen stored record', () => {
    const record = Object.freeze({ sessionId: 'x', agent: 'a', usage: Object.freeze({ costUsd: 1 }) });
    const summary = toSessionSummary(record);
    (summary.usage as { costUsd: number }).costUsd = 2;
    summary.status = 'failed';
    expect(summary).toMatchObject({ usage: { costUsd: 2 }, status: 'failed' });
    expect(record.usage.costUsd).toBe(1);
  });
});
