import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SessionEntry } from '@genie/session-schema';

/** A session shaped like the ones genie writes (all common fields filled), about 1 KB on disk. */
export function realisticEntry(index: number): SessionEntry {
  const created = new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString();
  return {
    sessionId: randomUUID(),
    agent: `agent-${index % 7}`,
    name: `agent-${index % 7}-${String(index).padStart(6, '0')}`,
    executor: index % 2 ? 'claude' : 'codex',
    executorSessionId: randomUUID(),
    mode: 'default',
    preset: 'default',
    status: (['completed', 'running', 'failed', 'stopped'] as const)[index % 4],
    background: true,
    created,
    lastUsed: created,
    startTime: created,
    runnerPid: 10_000 + index,
    runnerStartTime: `boot:${index}`,
    executorPid: 20_000 + index,
    host: 'bench-host',
    cwd: '/home/user/project',
    exitCode: 0,
    signal: null,
    error: null,
    logFile: `.genie/state/agents/logs/agent-${index}.log`,
    lastPrompt: 'Implement the feature described in the issue, with tests, and keep the public API unchanged. '.repeat(2).slice(0, 200),
    turns: 1 + (index % 5),
    usage: { inputTokens: 12_345, outputTokens: 2_345, cachedInputTokens: 1_000, costUsd: 0.1234, durationMs: 45_678 },
  };
}

/** Writes a store of `count` sessions directly (seeding through the adapter would take minutes). */
export function seedStore(file: string, count: number): SessionEntry[] {
  const entries = Array.from({ length: count }, (_, index) => realisticEntry(index));
  mkdirSync(dirname(file), { recursive: true });
  const sessions = Object.fromEntries(entries.map((entry) => [entry.sessionId, entry]));
  writeFileSync(file, `${JSON.stringify({ version: 2, sessions }, null, 2)}\n`);
  return entries;
}
