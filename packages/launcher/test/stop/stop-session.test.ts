import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isProcessAlive } from '../../src/process/process-identity';
import { runForegroundTurn } from '../../src/launch/run-foreground-turn';
import { startBackgroundTurn } from '../../src/launch/start-background-turn';
import { SESSION_ENV_VAR } from '../../src/process/session-marker';
import { findSessionProcesses } from '../../src/process/session-processes';
import { stopSession } from '../../src/stop/stop-session';
import { readLastTurn } from '../../src/transcript/read-last-turn';
import { eventually, LaunchFixture, shellSettings } from '../helpers/launch-fixture';
import { printedPids } from '../helpers/session-pids';

// A child in the agent's group, a grandchild that escaped into its own session, and one
// that also scrubbed its environment (no GENIE_SESSION_ID) and ignores SIGTERM.
const STUBBORN_TREE = [
  'sleep 300 & echo "pid $!"',
  'setsid sleep 300 & echo "pid $!"',
  `env -i setsid bash -c 'trap "" TERM; while :; do sleep 1; done' & echo "pid $!"`,
  'echo ready',
  'wait',
].join('\n');

describe('stopSession', () => {
  let fixture: LaunchFixture;
  beforeAll(() => {
    fixture = new LaunchFixture({ graceMs: 1_000 });
  });
  afterAll(() => fixture.dispose());

  async function startTree(): Promise<{ sessionId: string; pids: number[] }> {
    const session = await fixture.createSession();
    await startBackgroundTurn(fixture.ctx, {
      sessionId: session.sessionId,
      executor: 'command',
      prompt: 'tree',
      settings: shellSettings(STUBBORN_TREE),
      cwd: fixture.dir,
    });
    const logFile = (await fixture.storage.get(session.sessionId))?.logFile as string;
    const pids = await eventually(() => (existsSync(logFile) && printedPids(logFile).length === 3 ? printedPids(logFile) : undefined), 'the agent tree');
    return { sessionId: session.sessionId, pids };
  }

  it('leaves no process of the session alive, escaped grandchildren included', async () => {
    const { sessionId, pids } = await startTree();
    const before = await fixture.storage.get(sessionId);
    expect(pids.every((pid) => isProcessAlive(pid))).toBe(true);

    const stopped = await stopSession(fixture.ctx, sessionId);

    expect(stopped.status).toBe('stopped');
    expect(stopped.signal).toMatch(/^SIG(TERM|KILL)$/);
    expect(stopped.stoppedAt).toEqual(expect.any(String));
    for (const pid of [...pids, before?.runnerPid as number, before?.executorPid as number]) {
      expect({ pid, alive: isProcessAlive(pid) }).toEqual({ pid, alive: false });
    }
    expect(findSessionProcesses(sessionId)).toEqual([]);
  });

  it('keeps the session stopped when the supervisor records its ended executor', async () => {
    const { sessionId } = await startTree();
    await stopSession(fixture.ctx, sessionId);
    // The supervisor's last write races the stop; it must not turn `stopped` into `failed`.
    const entry = await fixture.storage.get(sessionId);
    expect(entry?.status).toBe('stopped');
    expect(entry?.error ?? null).toBeNull();
  });

  it('is harmless to repeat, and leaves a finished session as it was', async () => {
    const { sessionId } = await startTree();
    const first = await stopSession(fixture.ctx, sessionId);
    const second = await stopSession(fixture.ctx, sessionId);
    expect(second.status).toBe('stopped');
    expect(second.stoppedAt).toBe(first.stoppedAt);

    const done = await fixture.createSession({ status: 'completed', exitCode: 0, turns: 1 });
    await expect(stopSession(fixture.ctx, done.sessionId)).resolves.toMatchObject({ status: 'completed', exitCode: 0 });
  });

  it('ends the agent tree and closes the turn in the log when the supervisor was killed', async () => {
    const { sessionId, pids } = await startTree();
    const running = await fixture.storage.get(sessionId);
    process.kill(running?.runnerPid as number, 'SIGKILL');
    await eventually(() => !isProcessAlive(running?.runnerPid), 'the supervisor to die');

    const stopped = await stopSession(fixture.ctx, sessionId);

    expect(stopped).toMatchObject({ status: 'stopped', signal: 'SIGKILL' });
    expect(pids.filter((pid) => isProcessAlive(pid))).toEqual([]);
    expect(findSessionProcesses(sessionId)).toEqual([]);
    const lastTurn = await readLastTurn(stopped.logFile as string);
    expect(lastTurn).toMatchObject({ turn: 1, status: 'stopped' });
    expect(lastTurn?.endedAt).toEqual(expect.any(String));
  });

  it('ends leftovers that ignore SIGTERM of a session that already ended, keeping its status', async () => {
    const session = await fixture.createSession({ status: 'lost', turns: 1 });
    // An orphan carrying the session's marker, as a vanished supervisor leaves behind.
    const orphan = spawn('bash', ['-c', 'trap "" TERM; sleep 300; true'], {
      detached: true,
      stdio: 'ignore',
      env: { ...process.env, [SESSION_ENV_VAR]: session.sessionId },
    });
    orphan.unref();
    await eventually(() => findSessionProcesses(session.sessionId).length === 2, 'the orphan and its sleep');

    const stopped = await stopSession(fixture.ctx, session.sessionId);

    expect(stopped.status).toBe('lost');
    expect(isProcessAlive(orphan.pid)).toBe(false);
    expect(findSessionProcesses(session.sessionId)).toEqual([]);
  });

  it('says stopped even when the processes were already gone', async () => {
    const ghost = await fixture.createSession({ status: 'running', runnerPid: 2 ** 22 - 1, executorPid: 2 ** 22 - 2, turns: 1 });
    await expect(stopSession(fixture.ctx, ghost.sessionId)).resolves.toMatchObject({ status: 'stopped' });
  });

  it('refuses unknown sessions and sessions of another host', async () => {
    await expect(stopSession(fixture.ctx, 'no-such-session')).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' });
    const foreign = await fixture.createSession({ status: 'running', host: 'elsewhere.example', runnerPid: 1, turns: 1 });
    await expect(stopSession(fixture.ctx, foreign.sessionId)).rejects.toMatchObject({ code: 'FOREIGN_HOST' });
  });

  it('answers for the turn it stopped when a resume claims the next turn the moment it ended', async () => {
    const { sessionId } = await startTree();
    let resumed: Promise<unknown> | undefined;
    let updates = 0;
    const racing = Object.create(fixture.storage) as typeof fixture.storage;
    // The stop's second write settles the stopped turn; a resume claims the next one just before it.
    racing.update = async (id, change) => {
      updates += 1;
      if (updates === 2) {
        resumed = startBackgroundTurn(fixture.ctx, { sessionId, executor: 'command', prompt: 'echo next', settings: shellSettings('echo next'), cwd: fixture.dir });
        await resumed;
      }
      return fixture.storage.update(id, change);
    };

    const stopped = await stopSession({ ...fixture.ctx, storage: racing }, sessionId);
    expect(resumed).toBeDefined();
    expect(stopped).toMatchObject({ status: 'stopped', turns: 1 });
    expect(stopped.stopping).toBeUndefined();
    const next = await eventually(async () => {
      const entry = await fixture.storage.get(sessionId);
      return entry?.status === 'completed' ? entry : undefined;
    }, 'the resumed turn to complete');
    expect(next).toMatchObject({ turns: 2, lastAnswer: 'next' });
  });
});

describe('stopSession of a foreground turn', () => {
  let fixture: LaunchFixture;
  beforeAll(() => {
    fixture = new LaunchFixture({ graceMs: 1_000 });
  });
  afterAll(() => fixture.dispose());

  it('ends the executor and lets the in-process runner record the turn as stopped', async () => {
    const session = await fixture.createSession();
    let started!: () => void;
    const ready = new Promise<void>((resolve) => {
      started = resolve;
    });
    const turn = runForegroundTurn(
      fixture.ctx,
      { sessionId: session.sessionId, executor: 'command', prompt: 'p', settings: shellSettings('echo ready; sleep 300'), cwd: fixture.dir },
      { onEvent: (event) => event.kind === 'output' && started() },
    );
    await ready;

    const stopped = await stopSession(fixture.ctx, session.sessionId);
    const ended = await turn;

    expect(stopped.status).toBe('stopped');
    expect(ended).toMatchObject({ status: 'stopped', signal: 'SIGTERM' });
    expect(findSessionProcesses(session.sessionId)).toEqual([]);
    await expect(readLastTurn(ended.logFile as string)).resolves.toMatchObject({ status: 'stopped' });
  });
});
