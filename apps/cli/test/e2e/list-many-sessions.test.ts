import fs from 'node:fs';
import path from 'node:path';
import { isProcessAlive } from '@genie/launcher';
import { describeResult } from './support/genie-process';
import { until } from './support/until';
import { cleanUpWorkspaces, TestWorkspace, type SessionJson } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

/**
 * Enough sessions that a store which parsed or rendered more than it must would show it, and
 * that the document is rendered in several parts (a thousand sessions each), the last one short.
 */
const SESSIONS = 2_500;

/** A store as genie writes it: `count` finished sessions, the newest last. */
function writeStore(workspace: TestWorkspace, count: number): void {
  const sessions: Record<string, Record<string, unknown>> = {};
  const base = Date.parse('2026-01-01T00:00:00.000Z');
  for (let index = 0; index < count; index += 1) {
    const sessionId = `${index.toString(16).padStart(8, '0')}-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
    const at = new Date(base + index * 60_000).toISOString();
    sessions[sessionId] = {
      sessionId,
      agent: index % 2 === 0 ? 'shell' : 'qa/reviewer',
      name: `imported-${index}`,
      executor: 'command',
      status: index % 5 === 0 ? 'failed' : 'completed',
      background: true,
      created: at,
      lastUsed: at,
      exitCode: index % 5 === 0 ? 1 : 0,
      lastPrompt: `step ${index}: implement the next part of the plan, "quoted", with a tab\there`,
      lastAnswer: `Step ${index} is done. ✓ ünïcödé`,
      turns: 1 + (index % 3),
      usage: { inputTokens: 1000 + index, outputTokens: 300, costUsd: 0.0123 },
    };
  }
  fs.mkdirSync(path.dirname(workspace.sessionsFile), { recursive: true });
  fs.writeFileSync(workspace.sessionsFile, `${JSON.stringify({ version: 2, sessions }, null, 2)}\n`);
}

async function listJson(workspace: TestWorkspace, args: string[] = []): Promise<string> {
  const result = await workspace.genie(['list', 'sessions', ...args, '--json']);
  if (result.code !== 0) throw new Error(describeResult(result));
  return result.stdout;
}

describe('genie list sessions --json with many sessions', () => {
  const workspace = new TestWorkspace();

  beforeAll(() => {
    writeStore(workspace, SESSIONS);
    expect(fs.statSync(workspace.sessionsFile).size).toBeGreaterThan(256 * 1024);
  });

  it('filters, limits and orders newest first', async () => {
    const listed = async (args: string[]) => (JSON.parse(await listJson(workspace, args)) as { sessions: SessionJson[] }).sessions;
    const failed = await listed(['--status', 'failed']);
    expect(failed).toHaveLength(SESSIONS / 5);
    expect(failed.every((session) => session.status === 'failed')).toBe(true);
    const reviewer = await listed(['--agent', 'qa/reviewer', '--limit', '7']);
    expect(reviewer.map((session) => session.name)).toEqual(Array.from({ length: 7 }, (_, index) => `imported-${SESSIONS - 1 - 2 * index}`));
    expect(await listed(['--status', 'lost'])).toEqual([]);
    const sessions = await listed([]);
    expect(sessions).toHaveLength(SESSIONS);
    expect(new Set(sessions.map((session) => session.sessionId)).size).toBe(SESSIONS);
    expect(sessions[0]?.name).toBe(`imported-${SESSIONS - 1}`);
    expect(sessions[0]?.answer).toBe(`Step ${SESSIONS - 1} is done. ✓ ünïcödé`);
  });

  it('prints one compact JSON document and a newline, exactly as JSON.stringify renders it', async () => {
    for (const args of [[], ['--status', 'completed'], ['--limit', '1000'], ['--limit', '1001']]) {
      const listed = await listJson(workspace, args);
      expect(listed).toBe(`${JSON.stringify(JSON.parse(listed))}\n`);
    }
  });

  it('shows a new session first, and its final status, as soon as it is written', async () => {
    await listJson(workspace);
    const run = await workspace.json<SessionJson>(['run', 'shell', 'echo fresh', '--no-background', '--name', 'fresh']);
    const listed = await listJson(workspace);
    const { sessions } = JSON.parse(listed) as { sessions: SessionJson[] };
    expect(sessions[0]).toMatchObject({ sessionId: run.sessionId, status: 'completed', answer: run.answer });
    expect(sessions).toHaveLength(SESSIONS + 1);
  });

  it('shows a session whose supervisor was killed as lost, never running', async () => {
    await listJson(workspace);
    const started = await workspace.json<SessionJson>(['run', 'shell', 'sleep 60', '--background', '--name', 'killed']);
    const entry = await until(
      async () => workspace.readStore().sessions[started.sessionId] ?? {},
      (record) => record.status === 'running' && typeof record.runnerPid === 'number',
    );
    process.kill(entry.runnerPid as number, 'SIGKILL');
    await until(async () => isProcessAlive(entry.runnerPid as number), (alive) => !alive);
    if (typeof entry.executorPid === 'number') {
      try {
        process.kill(-entry.executorPid, 'SIGKILL');
      } catch {
        // The agent may have gone with its runner.
      }
    }
    const { sessions } = JSON.parse(await listJson(workspace)) as { sessions: SessionJson[] };
    expect(sessions.find((session) => session.sessionId === started.sessionId)?.status).toBe('lost');
  });

  it('lists for a person too; in a pipe the JSON document is one line', async () => {
    const table = await workspace.genie(['list', 'sessions', '--limit', '3']);
    expect(table.code).toBe(0);
    expect(table.stdout.trim().split('\n')).toHaveLength(4);
    expect((await listJson(workspace)).trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('genie list sessions --json on a JSON store (storage.adapter: json)', () => {
  const workspace = new TestWorkspace();

  beforeAll(() => {
    workspace.useJsonStore();
    writeStore(workspace, 50);
  });

  it('follows a store changed by hand', async () => {
    await listJson(workspace);
    const store = workspace.readStore();
    const [first] = Object.keys(store.sessions);
    (store.sessions[first as string] as Record<string, unknown>).lastAnswer = 'edited by hand';
    fs.writeFileSync(workspace.sessionsFile, `${JSON.stringify(store, null, 2)}\n`);
    const listed = await listJson(workspace);
    const { sessions } = JSON.parse(listed) as { sessions: SessionJson[] };
    expect(sessions.find((session) => session.sessionId === first)?.answer).toBe('edited by hand');
  });
});
