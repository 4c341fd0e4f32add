import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { isProcessAlive } from '../../src/process/process-identity';
import { startBackgroundTurn } from '../../src/launch/start-background-turn';
import { supervisorMainPath } from '../../src/launch/supervisor-location';
import { findSessionProcesses } from '../../src/process/session-processes';
import { eventually, LaunchFixture, shellSettings } from '../helpers/launch-fixture';

describe('startBackgroundTurn', () => {
  let fixture: LaunchFixture;
  beforeAll(() => {
    fixture = new LaunchFixture();
  });
  afterAll(() => fixture.dispose());

  const plan = (sessionId: string, script: string) => ({
    sessionId,
    executor: 'command',
    prompt: script,
    settings: shellSettings(script),
    cwd: fixture.dir,
  });

  it('returns while the agent still runs, and the supervisor records the outcome later', async () => {
    const session = await fixture.createSession();
    const started = await startBackgroundTurn(fixture.ctx, plan(session.sessionId, 'sleep 5; echo done'));

    expect(['starting', 'running']).toContain(started.status);
    expect(started.runnerPid).toEqual(expect.any(Number));
    expect(started.runnerPid).not.toBe(process.pid);
    expect(isProcessAlive(started.runnerPid, started.runnerStartTime)).toBe(true);
    const stored = await fixture.storage.get(session.sessionId);
    expect(['starting', 'running']).toContain(stored?.status);

    const finished = await eventually(async () => {
      const entry = await fixture.storage.get(session.sessionId);
      return entry?.status === 'completed' ? entry : undefined;
    }, 'the background turn to complete');
    expect(finished).toMatchObject({ exitCode: 0, lastAnswer: 'done', turns: 1 });
    expect(finished.executorPid).toEqual(expect.any(Number));
  });

  it('claims the session with the supervisor already named: the stored record never says starting without its runner', async () => {
    const session = await fixture.createSession();
    const started = await startBackgroundTurn(fixture.ctx, plan(session.sessionId, 'sleep 1'));
    const stored = await fixture.storage.get(session.sessionId);
    expect(stored?.runnerPid).toBe(started.runnerPid);
    expect(stored?.runnerStartTime).toBe(started.runnerStartTime);
    await eventually(async () => (await fixture.storage.get(session.sessionId))?.status === 'completed', 'the turn to end');
  });

  it('refuses a second turn while the first one runs, and the supervisor spawned for it exits', async () => {
    const session = await fixture.createSession();
    const first = await startBackgroundTurn(fixture.ctx, plan(session.sessionId, 'sleep 2'));
    await expect(startBackgroundTurn(fixture.ctx, plan(session.sessionId, 'echo again'))).rejects.toMatchObject({ code: 'SESSION_BUSY' });
    const stored = await fixture.storage.get(session.sessionId);
    expect(stored).toMatchObject({ runnerPid: first.runnerPid, turns: 1 });
    await eventually(async () => (await fixture.storage.get(session.sessionId))?.status === 'completed', 'the first turn to end');
    // Every process marked with the session, the refused turn's supervisor included, is gone.
    await eventually(() => findSessionProcesses(session.sessionId).length === 0, 'no process of the session to be left');
  });

  it('gives a supervisor that reads end-of-file instead of a turn nothing to do: it exits at once', () => {
    const result = spawnSync(process.execPath, [supervisorMainPath()], { input: '', encoding: 'utf8', timeout: 20_000 });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
  });

  it('fails at once and leaves nothing starting when the binary is missing', async () => {
    const session = await fixture.createSession();
    const entry = await startBackgroundTurn(fixture.ctx, {
      ...plan(session.sessionId, 'echo never'),
      settings: { ...shellSettings('echo never'), binary: '/nonexistent/agent-cli' },
    });

    expect(entry.status).toBe('failed');
    expect(entry.error).toContain('Executor "command" cannot start');
    expect(entry.error).toContain('/nonexistent/agent-cli');
    expect((await fixture.storage.get(session.sessionId))?.status).toBe('failed');
  });

  it('fails the turn, never leaving it starting, when its files cannot be written', async () => {
    const session = await fixture.createSession();
    const blocker = path.join(fixture.dir, 'blocker');
    writeFileSync(blocker, '');
    const entry = await startBackgroundTurn({ ...fixture.ctx, logsDir: path.join(blocker, 'logs') }, plan(session.sessionId, 'true'));
    expect(entry.status).toBe('failed');
    expect(entry.error).toContain('supervisor could not start');
  });

  it('refuses an unknown executor or session without touching the record', async () => {
    const session = await fixture.createSession();
    await expect(startBackgroundTurn(fixture.ctx, { ...plan(session.sessionId, 'true'), executor: 'gemini' })).rejects.toMatchObject({
      code: 'EXECUTOR_UNKNOWN',
    });
    expect(await fixture.storage.get(session.sessionId)).toEqual(session);
    await expect(startBackgroundTurn(fixture.ctx, plan('no-such-session', 'true'))).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' });
  });

  it('refuses a memory store, which a separate supervisor could not reach', async () => {
    const session = await fixture.createSession();
    await expect(
      startBackgroundTurn({ ...fixture.ctx, storageSpec: { kind: 'memory' } }, plan(session.sessionId, 'true')),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
