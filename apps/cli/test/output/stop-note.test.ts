import type { SessionView } from '@genie/core';
import { stopNote } from '../../src/output/stop-note';

const asked = Date.parse('2026-01-01T00:00:10.000Z');

function view(status: string, endedAt: string | null, error: string | null = null): SessionView {
  return {
    sessionId: '3f2a9c1e-0000-4000-8000-000000000000',
    name: 'raced',
    agent: 'shell',
    executor: 'command',
    executorSessionId: null,
    status,
    background: true,
    created: '2026-01-01T00:00:00.000Z',
    lastUsed: '2026-01-01T00:00:00.000Z',
    turns: 2,
    lastPrompt: 'sleep 60',
    answer: null,
    exitCode: null,
    signal: null,
    error,
    usage: null,
    costUsd: null,
    logFile: '/tmp/log.jsonl',
    maxBudgetUsd: null,
    worktree: null,
    hookFailures: [],
    lastTurn:
      endedAt === null
        ? null
        : { turn: 2, prompt: 'sleep 60', startedAt: '2026-01-01T00:00:00.000Z', endedAt, status, answer: null, exitCode: null, error: null, usage: null, events: [] },
    cannotResume: null,
  } as SessionView;
}

describe('what genie stop says after the status', () => {
  it('nothing more for a turn it stopped, even one stopped while still launching', () => {
    expect(stopNote(view('stopped', '2026-01-01T00:00:11.000Z'), asked)).toBe('');
    expect(stopNote(view('stopped', null), asked)).toBe('');
  });

  it('that there was nothing to stop when the turn had ended before it was asked', () => {
    expect(stopNote(view('stopped', '2026-01-01T00:00:05.000Z'), asked)).toContain('nothing to stop');
    expect(stopNote(view('completed', '2026-01-01T00:00:05.000Z'), asked)).toContain('nothing to stop');
  });

  it('that a turn started since, and how to stop it, when a resume won the race: never that it had ended', () => {
    for (const status of ['starting', 'running', 'queued']) {
      const note = stopNote(view(status, null), asked);
      expect(note).not.toContain('had already ended');
      expect(note).toContain('genie stop raced');
    }
  });

  it('why a turn of another host was given up for lost', () => {
    expect(stopNote(view('lost', '2026-01-01T00:00:05.000Z', 'Its host h1 stopped renewing the lease'), asked)).toBe('\nIts host h1 stopped renewing the lease');
  });
});
