import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeResult, parseJsonDocument } from './support/genie-process';
import { cleanUpWorkspaces, TestWorkspace, type SessionJson } from './support/workspace';
import { until } from './support/until';

afterAll(() => cleanUpWorkspaces());

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('session statuses', () => {
  const workspace = new TestWorkspace();
  workspace.writeAgent('claude-agent', 'claude');

  it('a finished session shows completed', async () => {
    const started = await workspace.json(['run', 'shell', 'echo done', '--background']);
    expect(['starting', 'running', 'completed']).toContain(started.status);
    const settled = await workspace.settled(started.sessionId);
    expect(settled.status).toBe('completed');
    expect(settled.exitCode).toBe(0);
  });

  it('a failing foreground turn shows failed and exits 1', async () => {
    const result = await workspace.genie(['run', 'shell', 'echo about to fail; exit 3', '--no-background', '--json']);
    expect(result.code).toBe(1);
    const session = parseJsonDocument<SessionJson>(result);
    expect(session.status).toBe('failed');
    expect(session.exitCode).toBe(3);
  });

  it('a failing agent CLI turn exits 1 in the foreground', async () => {
    const result = await workspace.genie(['run', 'claude-agent', '[fail] do the thing', '--no-background']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/failed/);
  });

  it('a stopped session shows stopped, in view and in the list', async () => {
    const started = await workspace.json(['run', 'shell', 'sleep 60', '--background', '--name', 'to-stop']);
    await until(() => workspace.json(['view', 'to-stop']), (view) => view.status === 'running');
    const stopped = await workspace.json(['stop', 'to-stop']);
    expect(stopped.sessionId).toBe(started.sessionId);
    expect(stopped.status).toBe('stopped');
    expect((await workspace.json(['view', started.sessionId])).status).toBe('stopped');
    const { sessions } = await workspace.json<{ sessions: SessionJson[] }>(['list', 'sessions', '--status', 'stopped']);
    expect(sessions.map((session) => session.sessionId)).toEqual([started.sessionId]);
  });

  it('stop prints a human confirmation', async () => {
    await workspace.json(['run', 'shell', 'sleep 60', '--background', '--name', 'stop-human']);
    await until(() => workspace.json(['view', 'stop-human']), (view) => view.status === 'running');
    const result = await workspace.genie(['stop', 'stop-human']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('stop-human');
    expect(result.stdout).toContain('stopped');
  });

  it('a session whose runner was killed shows lost, never running', async () => {
    const started = await workspace.json(['run', 'shell', 'sleep 60', '--background', '--name', 'to-kill']);
    await until(
      async () => workspace.readStore().sessions[started.sessionId] ?? {},
      (entry) => entry.status === 'running' && typeof entry.runnerPid === 'number',
    );
    const entry = workspace.readStore().sessions[started.sessionId] ?? {};
    const runnerPid = entry.runnerPid as number;
    const executorPid = entry.executorPid as number | undefined;
    process.kill(runnerPid, 'SIGKILL');
    await until(async () => processAlive(runnerPid), (alive) => !alive);
    if (executorPid) {
      try {
        process.kill(-executorPid, 'SIGKILL');
      } catch {
        // the agent may have gone with its runner
      }
    }

    const { sessions } = await workspace.json<{ sessions: SessionJson[] }>(['list', 'sessions']);
    expect(sessions.find((session) => session.sessionId === started.sessionId)?.status).toBe('lost');
    const view = await workspace.genie(['view', 'to-kill']);
    expect(view.code).toBe(0);
    expect(view.stdout).toContain('lost');
    expect(view.stdout).not.toMatch(/\brunning\b/);
  });

  it('a background run returns at once with the id and a hint how to come back', async () => {
    const result = await workspace.genie(['run', 'shell', 'sleep 1; echo later', '--background', '--name', 'hinted']);
    expect(result.code).toBe(0);
    const [firstLine] = result.stdout.split('\n');
    expect(firstLine).toMatch(/^hinted [0-9a-f-]{36}$/);
    expect(result.stdout).toContain('genie view hinted');
    expect(result.stdout).toContain('genie resume hinted');
    const settled = await workspace.settled('hinted');
    expect(settled.status).toBe('completed');
    expect(settled.answer ?? '').toContain('later');
    expect(describeResult(result)).not.toContain('later');
  });

  // Between `run` creating the record and its supervisor claiming the turn, a concurrent
  // `genie list` must not declare the session lost (50 parallel runs hit this window).
  it('a session still being launched shows starting, not lost', async () => {
    const launching = new TestWorkspace();
    const sessionId = '0f0e0d0c-0000-4000-8000-000000000001';
    const record = {
      sessionId,
      agent: 'shell',
      name: 'launching',
      executor: 'command',
      executorSessionId: null,
      status: 'starting',
      background: true,
      created: new Date().toISOString(),
      host: os.hostname(),
      cwd: launching.dir,
      lastPrompt: 'echo hi',
      turns: 0,
    };
    fs.mkdirSync(path.dirname(launching.sessionsFile), { recursive: true });
    fs.writeFileSync(launching.sessionsFile, JSON.stringify({ version: 2, sessions: { [sessionId]: record } }, null, 2));
    const { sessions } = await launching.json<{ sessions: SessionJson[] }>(['list', 'sessions']);
    expect(sessions.map((session) => session.status)).toEqual(['starting']);
  });
});
