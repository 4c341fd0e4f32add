import os from 'node:os';

/**
 * `count` finished sessions in the predecessor's V2 shape (the shape genie itself writes), as a
 * benchmark's store starts from: ids in order, one a minute, agents and executors mixed.
 */
export function finishedSessions(count: number): { sessions: Record<string, unknown>; ids: string[] } {
  const sessions: Record<string, unknown> = {};
  const ids: string[] = [];
  const base = Date.parse('2026-01-01T00:00:00.000Z');
  for (let i = 0; i < count; i += 1) {
    const sessionId = `${i.toString(16).padStart(8, '0')}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
    ids.push(sessionId);
    const at = new Date(base + i * 60_000).toISOString();
    sessions[sessionId] = {
      sessionId,
      agent: i % 3 === 0 ? 'implementor' : i % 3 === 1 ? 'qa/reviewer' : 'shell',
      name: `session-${i}`,
      executor: i % 3 === 0 ? 'claude' : i % 3 === 1 ? 'codex' : 'command',
      executorSessionId: sessionId,
      mode: 'default',
      preset: 'default',
      status: 'completed',
      background: true,
      created: at,
      lastUsed: at,
      startTime: at,
      runnerPid: null,
      executorPid: null,
      host: os.hostname(),
      exitCode: 0,
      signal: null,
      error: null,
      logFile: `.genie/state/agents/logs/${sessionId}.jsonl`,
      lastPrompt: `Implement step ${i} of the plan and report what changed in the session store`,
      lastAnswer: `Step ${i} is done.`,
      turns: 1 + (i % 4),
      usage: { inputTokens: 1200 + i, outputTokens: 300, costUsd: 0.0123, durationMs: 4200 },
    };
  }
  return { sessions, ids };
}
