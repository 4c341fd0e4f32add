import type { JsonStorageSpec } from '@genie/storage';
import { randomUUID } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SessionEntry } from '@genie/session-schema';
import { restoreJsonStoreBackup } from '@genie/storage';
import { isProcessAlive, processStartTime } from '../../src/process/process-identity';
import { startBackgroundTurn } from '../../src/launch/start-background-turn';
import { findSessionProcesses } from '../../src/process/session-processes';
import { reconcileAll, reconcileSession } from '../../src/reconcile/reconcile-session';
import { readLastTurn } from '../../src/transcript/read-last-turn';
import { doubleEnv } from '../helpers/double-env';
import { eventually, LaunchFixture, shellSettings } from '../helpers/launch-fixture';
import { printedPids } from '../helpers/session-pids';

describe('reconcileSession', () => {
  let fixture: LaunchFixture;
  beforeAll(() => {
    fixture = new LaunchFixture();
  });
  afterAll(() => fixture.dispose());

  async function startSleeper(): Promise<string> {
    const session = await fixture.createSession();
    await startBackgroundTurn(fixture.ctx, {
      sessionId: session.sessionId,
      executor: 'command',
      prompt: 'sleep',
      settings: shellSettings('echo "pid $$"; sleep 300'),
      cwd: fixture.dir,
    });
    await eventually(async () => (await fixture.storage.get(session.sessionId))?.status === 'running', 'the turn to run');
    return session.sessionId;
  }

  it('marks a session whose supervisor was SIGKILLed as lost, never running', async () => {
    const sessionId = await startSleeper();
    const running = await fixture.storage.get(sessionId);
    process.kill(running?.runnerPid as number, 'SIGKILL');
    await eventually(() => !isProcessAlive(running?.runnerPid), 'the supervisor to die');

    const reconciled = await reconcileSession(fixture.ctx, running as NonNullable<typeof running>);

    expect(reconciled.status).toBe('lost');
    expect(reconciled.error).toContain('supervisor');
    expect(reconciled.error).toContain('Resume the session');
    expect((await fixture.storage.get(sessionId))?.status).toBe('lost');
    await expect(readLastTurn(reconciled.logFile as string)).resolves.toMatchObject({ turn: 1, status: 'lost' });
    await eventually(() => findSessionProcesses(sessionId).length === 0, 'the orphaned executor to be ended');
  });

  it('adopts the outcome the log recorded when the store was restored from its backup after the turn ended', async () => {
    const session = await fixture.createSession({ executor: 'claude' });
    const ctx = { ...fixture.ctx, env: doubleEnv(fixture.dir) };
    await startBackgroundTurn(ctx, { sessionId: session.sessionId, executor: 'claude', prompt: 'remember the blue door', settings: {}, cwd: fixture.dir });
    const finished = await eventually(async () => {
      const entry = await fixture.storage.get(session.sessionId);
      return entry?.status === 'completed' ? entry : undefined;
    }, 'the turn to complete');
    await eventually(() => !isProcessAlive(finished.runnerPid), 'the supervisor to exit');

    // A damaged store repaired from sessions.json.bak: the copy from before the turn's last write.
    const file = (fixture.ctx.storageSpec as JsonStorageSpec).file;
    writeFileSync(file, '{"version": 2, "sessions": {');
    await restoreJsonStoreBackup(file);
    const restored = (await fixture.storage.get(session.sessionId)) as SessionEntry;
    expect(restored.status).toMatch(/^(starting|running)$/);

    const reconciled = await reconcileSession(fixture.ctx, restored);

    const outcome = (entry: SessionEntry) => {
      const { status, exitCode, signal, error, lastAnswer, usage, executorSessionId, turns } = entry;
      return { status, exitCode, signal, error, lastAnswer, usage, executorSessionId, turns };
    };
    expect(outcome(reconciled)).toEqual(outcome(finished));
    expect(outcome((await fixture.storage.get(session.sessionId)) as SessionEntry)).toEqual(outcome(finished));
    const lastTurn = await readLastTurn(reconciled.logFile as string);
    expect(lastTurn).toMatchObject({ turn: 1, status: 'completed' });
  });

  it('still marks the session lost when the log shows the turn never ended', async () => {
    const session = await fixture.createSession({ status: 'running', turns: 2, runnerPid: 2 ** 22 - 1, logFile: path.join(fixture.dir, 'half.jsonl') });
    writeFileSync(
      session.logFile as string,
      [
        { time: 't1', turn: 1, stream: 'meta', type: 'turn.start', prompt: 'one', executor: 'command', resume: false },
        { time: 't2', turn: 1, stream: 'meta', type: 'turn.end', status: 'completed', exitCode: 0, signal: null, error: null, answer: 'old' },
        { time: 't3', turn: 2, stream: 'meta', type: 'turn.start', prompt: 'two', executor: 'command', resume: true },
      ]
        .map((record) => `${JSON.stringify(record)}\n`)
        .join(''),
    );
    const reconciled = await reconcileSession(fixture.ctx, session);
    expect(reconciled.status).toBe('lost');
    expect(reconciled.lastAnswer).toBeUndefined();
  });

  it('ends leftover processes that ignore SIGTERM once the grace period is over', async () => {
    const session = await fixture.createSession();
    await startBackgroundTurn(fixture.ctx, {
      sessionId: session.sessionId,
      executor: 'command',
      prompt: 'stubborn',
      settings: shellSettings('trap "" TERM; echo "pid $$"; sleep 300 & echo "pid $!"; wait'),
      cwd: fixture.dir,
    });
    const logFile = (await fixture.storage.get(session.sessionId))?.logFile as string;
    const pids = await eventually(() => (existsSync(logFile) && printedPids(logFile).length === 2 ? printedPids(logFile) : undefined), 'the agent pids');
    const running = await eventually(async () => {
      const entry = await fixture.storage.get(session.sessionId);
      return entry?.status === 'running' ? entry : undefined;
    }, 'the turn to run');
    process.kill(running.runnerPid as number, 'SIGKILL');
    await eventually(() => !isProcessAlive(running.runnerPid), 'the supervisor to die');

    const reconciled = await reconcileSession(fixture.ctx, running);

    expect(reconciled.status).toBe('lost');
    expect(pids.filter((pid) => isProcessAlive(pid))).toEqual([]);
    expect(findSessionProcesses(session.sessionId)).toEqual([]);
  });

  it('records an executor killed by SIGKILL as failed', async () => {
    const sessionId = await startSleeper();
    const logFile = (await fixture.storage.get(sessionId))?.logFile as string;
    const [shellPid] = await eventually(() => (existsSync(logFile) && printedPids(logFile).length > 0 ? printedPids(logFile) : undefined), 'the agent pid');
    process.kill(shellPid as number, 'SIGKILL');

    const ended = await eventually(async () => {
      const entry = await fixture.storage.get(sessionId);
      return entry?.status === 'running' || entry?.status === 'starting' ? undefined : entry;
    }, 'the supervisor to record the crash');
    expect(ended).toMatchObject({ status: 'failed', signal: 'SIGKILL', exitCode: null });
    expect(ended.error).toContain('killed by SIGKILL');
  });

  it('treats a reused runner pid as a lost supervisor', async () => {
    const reused = await fixture.createSession({
      status: 'running',
      turns: 1,
      runnerPid: process.pid,
      runnerStartTime: `${processStartTime(process.pid)}-earlier`,
    });
    await expect(reconcileSession(fixture.ctx, reused)).resolves.toMatchObject({ status: 'lost' });
  });

  it('leaves live turns, finished sessions, fresh launches and other hosts alone', async () => {
    const live = await fixture.createSession({
      status: 'running',
      turns: 1,
      runnerPid: process.pid,
      runnerStartTime: processStartTime(process.pid) ?? null,
    });
    const done = await fixture.createSession({ status: 'completed', runnerPid: 2 ** 22 - 1 });
    const launching = await fixture.createSession({ status: 'starting', turns: 1, startTime: new Date().toISOString() });
    const foreign = await fixture.createSession({ status: 'running', host: 'elsewhere.example', runnerPid: 2 ** 22 - 1 });
    const stale = await fixture.createSession({ status: 'starting', turns: 1, startTime: new Date(Date.now() - 120_000).toISOString() });

    const statuses = (await reconcileAll(fixture.ctx, [live, done, launching, foreign, stale])).map((entry) => entry.status);

    expect(statuses).toEqual(['running', 'completed', 'starting', 'running', 'lost']);
    expect((await fixture.storage.get(foreign.sessionId))?.status).toBe('running');
  });

  it('never marks a session lost while it is being created for its first turn', async () => {
    // A record that only has `created` (no runner yet) is a launch in progress, not a dead runner.
    const justCreated = await fixture.createSession({ status: 'starting', turns: 0 });

    await expect(reconcileSession(fixture.ctx, justCreated)).resolves.toMatchObject({ status: 'starting' });
    expect((await fixture.storage.get(justCreated.sessionId))?.status).toBe('starting');
  });

  it('creates a new session already claimed for its first turn, so a reader never sees it without one', async () => {
    const sessionId = randomUUID();
    fixture.track(sessionId);
    const entry = { sessionId, agent: 'test', executor: 'command', name: 'fresh', created: new Date().toISOString() };

    const started = await startBackgroundTurn(fixture.ctx, {
      sessionId,
      executor: 'command',
      prompt: 'echo created',
      settings: shellSettings('echo created'),
      cwd: fixture.dir,
      create: { entry, options: { onNameTaken: 'suffix' } },
    });

    expect(started).toMatchObject({ sessionId, name: 'fresh', turns: 1, status: 'starting' });
    expect(typeof started.runnerPid).toBe('number');
    expect(typeof started.startTime).toBe('string');
    const finished = await eventually(async () => {
      const current = await fixture.storage.get(sessionId);
      return current?.status === 'completed' ? current : undefined;
    }, 'the first turn to complete');
    expect(finished.lastAnswer).toBe('created');
  });
});
