import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { SessionEntry } from '@genie/session-schema';
import { isProcessAlive } from '../../src/process/process-identity';
import { runForegroundTurn } from '../../src/launch/run-foreground-turn';
import { startBackgroundTurn } from '../../src/launch/start-background-turn';
import type { LaunchContext, TurnPlan } from '../../src/launch/launch-context';
import { findSessionProcesses } from '../../src/process/session-processes';
import { stopSession } from '../../src/stop/stop-session';
import { readLastTurn } from '../../src/transcript/read-last-turn';
import { readTranscript } from '../../src/transcript/read-transcript';
import type { TranscriptEvent } from '../../src/transcript/transcript-types';
import { doubleEnv } from '../helpers/double-env';
import { eventually, LaunchFixture } from '../helpers/launch-fixture';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('turns of the claude and codex doubles', () => {
  let fixture: LaunchFixture;
  let ctx: LaunchContext;
  beforeAll(() => {
    fixture = new LaunchFixture({ graceMs: 1_000 });
    ctx = { ...fixture.ctx, env: doubleEnv(fixture.dir) };
  });
  afterAll(() => fixture.dispose());

  const plan = (sessionId: string, executor: string, prompt: string, extra: Partial<TurnPlan> = {}): TurnPlan => ({
    sessionId,
    executor,
    prompt,
    settings: {},
    cwd: fixture.dir,
    ...extra,
  });

  async function backgroundTurn(turnPlan: TurnPlan, context = ctx): Promise<SessionEntry> {
    await startBackgroundTurn(context, turnPlan);
    return eventually(async () => {
      const entry = await fixture.storage.get(turnPlan.sessionId);
      return entry?.status === 'starting' || entry?.status === 'running' ? undefined : entry;
    }, `the ${turnPlan.executor} turn to end`);
  }

  function argvOf(pid: number | null | undefined): string[] {
    const lines = readFileSync(path.join(fixture.dir, 'argv.jsonl'), 'utf8').split('\n').filter(Boolean);
    const records = lines.map((line) => JSON.parse(line) as { pid: number; argv: string[] });
    return records.find((record) => record.pid === pid)?.argv ?? [];
  }

  it.each(['claude', 'codex'])('%s: the second turn recalls the first, through the native id', async (executor) => {
    const session = await fixture.createSession({ executor });
    const first = await backgroundTurn(plan(session.sessionId, executor, 'remember the blue door'));
    expect(first).toMatchObject({ status: 'completed', lastAnswer: 'OK, I will remember the blue door.' });
    expect(first.executorSessionId).toMatch(UUID);
    if (executor === 'claude') expect(first.executorSessionId).toBe(session.sessionId);
    else expect(first.executorSessionId).not.toBe(session.sessionId);

    const second = await backgroundTurn(plan(session.sessionId, executor, 'what did I ask you to remember?'));
    expect(second).toMatchObject({
      status: 'completed',
      turns: 2,
      executorSessionId: first.executorSessionId,
      lastAnswer: 'You asked me to remember the blue door.',
    });
    expect(second.usage?.inputTokens).toBeGreaterThan(first.usage?.inputTokens ?? 0);
  });

  it('claude: a fork\'s new id is followed by the next resume', async () => {
    const session = await fixture.createSession({ executor: 'claude' });
    await backgroundTurn(plan(session.sessionId, 'claude', 'remember the red kite'));
    const forked = await backgroundTurn(plan(session.sessionId, 'claude', '[fork] remember the red kite and the green bell'));
    expect(forked.status).toBe('completed');
    expect(forked.executorSessionId).toMatch(UUID);
    expect(forked.executorSessionId).not.toBe(session.sessionId);

    const third = await backgroundTurn(plan(session.sessionId, 'claude', 'what did I ask you to remember?'));
    expect(third.status).toBe('completed');
    expect(third.lastAnswer).toContain('green bell');
    expect(argvOf(third.executorPid)).toEqual(expect.arrayContaining(['--resume', forked.executorSessionId as string]));
  });

  it.each(['claude', 'codex'])('%s: agent instructions reach the agent', async (executor) => {
    const session = await fixture.createSession({ executor });
    const entry = await runForegroundTurn(ctx, plan(session.sessionId, executor, 'what are your instructions?', { instructions: 'Answer in haiku.' }));
    expect(entry).toMatchObject({ status: 'completed', lastAnswer: 'My instructions are: Answer in haiku.' });
  });

  it('claude: a foreground turn streams messages and tool calls as they happen, and logs no instructions text', async () => {
    const session = await fixture.createSession({ executor: 'claude' });
    const kinds: string[] = [];
    const entry = await runForegroundTurn(ctx, plan(session.sessionId, 'claude', '[stream:2] [tool:ls] list files', { instructions: 'Be brief.' }), {
      onEvent: (event) => kinds.push(event.kind),
    });

    expect(entry.status).toBe('completed');
    expect(kinds[0]).toBe('prompt');
    expect(kinds).toEqual(expect.arrayContaining(['message', 'tool_call', 'tool_result']));
    expect(kinds.at(-1)).toBe('outcome');
    const start = JSON.parse(readFileSync(entry.logFile as string, 'utf8').split('\n')[0] as string) as { command: string[] };
    expect(start.command).toContain('<instructions>');
    expect(start.command).not.toContain('Be brief.');
  });

  it('claude: an unknown resume id fails with the CLI\'s own message', async () => {
    const session = await fixture.createSession({ executor: 'claude', turns: 1, status: 'completed', executorSessionId: '00000000-0000-4000-8000-000000000000' });
    const entry = await runForegroundTurn(ctx, plan(session.sessionId, 'claude', 'continue'));
    expect(entry.status).toBe('failed');
    expect(entry.exitCode).toBe(1);
    expect(entry.error).toBe('claude exited with code 1: No conversation found with session ID: 00000000-0000-4000-8000-000000000000');
  });

  it('codex: an unknown thread id fails with the CLI\'s own message, not the backtrace after it', async () => {
    const session = await fixture.createSession({ executor: 'codex', turns: 1, status: 'completed', executorSessionId: '11111111-1111-4111-8111-111111111111' });
    const entry = await runForegroundTurn({ ...ctx, env: { ...ctx.env, RUST_BACKTRACE: '1' } }, plan(session.sessionId, 'codex', 'continue'));
    expect(entry.status).toBe('failed');
    expect(entry.exitCode).toBe(1);
    expect(entry.error).toBe('codex exited with code 1: thread/resume: thread/resume failed: no rollout found for thread id 11111111-1111-4111-8111-111111111111 (code -32600)');
  });

  it.each(['claude', 'codex'])('%s: an error result is a failed turn', async (executor) => {
    const session = await fixture.createSession({ executor });
    const entry = await runForegroundTurn(ctx, plan(session.sessionId, executor, '[fail] do the impossible'));
    expect(entry).toMatchObject({ status: 'failed', exitCode: 1 });
    expect(entry.error).toEqual(expect.any(String));
  });

  it('codex: a failed turn shows its error once, and the error is not its answer', async () => {
    const session = await fixture.createSession({ executor: 'codex' });
    const events: TranscriptEvent[] = [];
    const entry = await runForegroundTurn(ctx, plan(session.sessionId, 'codex', '[fail] do the impossible'), { onEvent: (event) => events.push(event) });

    expect(entry).toMatchObject({ status: 'failed', lastAnswer: null });
    expect(entry.error).toContain('simulated failure');
    expect(events.filter((event) => event.kind === 'error')).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ kind: 'outcome', status: 'failed', answer: null });
    const [turn] = await readTranscript(entry.logFile as string);
    expect(turn?.events.filter((event) => event.kind === 'error')).toHaveLength(1);
    expect(turn).toMatchObject({ status: 'failed', answer: null });
  });

  it('claude: a stopped turn does not present its partial message as the answer', async () => {
    const session = await fixture.createSession({ executor: 'claude' });
    const controller = new AbortController();
    const events: TranscriptEvent[] = [];
    const entry = await runForegroundTurn(ctx, plan(session.sessionId, 'claude', '[stream:50] write a long essay'), {
      signal: controller.signal,
      onEvent: (event) => {
        events.push(event);
        if (event.kind === 'message') controller.abort();
      },
    });

    expect(entry).toMatchObject({ status: 'stopped', lastAnswer: null });
    expect(events.some((event) => event.kind === 'message')).toBe(true);
    expect(events.at(-1)).toMatchObject({ kind: 'outcome', status: 'stopped', answer: null });
    await expect(readLastTurn(entry.logFile as string)).resolves.toMatchObject({ status: 'stopped', answer: null });
  });

  it.each(['claude', 'codex'])('%s: an executor that SIGKILLs itself is failed, never running', async (executor) => {
    const session = await fixture.createSession({ executor });
    const entry = await backgroundTurn(plan(session.sessionId, executor, '[crash] work'));
    expect(entry).toMatchObject({ status: 'failed', signal: 'SIGKILL', exitCode: null });
  });

  it.each(['claude', 'codex'])('%s: a hang after the final result is ended by the guard and recorded from the result', async (executor) => {
    const session = await fixture.createSession({ executor });
    const entry = await backgroundTurn(plan(session.sessionId, executor, '[hang] remember the hung clock'), { ...ctx, hangGuardMs: 300 });
    expect(entry).toMatchObject({ status: 'completed', lastAnswer: 'OK, I will remember the hung clock.' });
    expect(entry.signal).toMatch(/^SIG(TERM|KILL)$/);
    expect(isProcessAlive(entry.executorPid)).toBe(false);
  });

  it('stop ends the agent and the grandchild that left its process group', async () => {
    const session = await fixture.createSession({ executor: 'claude' });
    await startBackgroundTurn(ctx, plan(session.sessionId, 'claude', '[grandchild] [hang] spawn a daemon'));
    const logFile = path.join(fixture.ctx.logsDir, `${session.sessionId}.jsonl`);
    const grandchild = await eventually(() => {
      const match = existsSync(logFile) ? /grandchild (\d+)/.exec(readFileSync(logFile, 'utf8')) : null;
      return match ? Number(match[1]) : undefined;
    }, 'the grandchild pid');
    const running = await fixture.storage.get(session.sessionId);
    expect(isProcessAlive(grandchild)).toBe(true);

    const stopped = await stopSession(ctx, session.sessionId);

    expect(stopped.status).toBe('stopped');
    for (const pid of [grandchild, running?.executorPid, running?.runnerPid]) expect({ pid, alive: isProcessAlive(pid) }).toEqual({ pid, alive: false });
    expect(findSessionProcesses(session.sessionId)).toEqual([]);
  });

  it('a missing claude binary fails at once with how to install it', async () => {
    const session = await fixture.createSession({ executor: 'claude' });
    const entry = await startBackgroundTurn(ctx, plan(session.sessionId, 'claude', 'hello', { settings: { binary: 'claude-not-installed' } }));
    expect(entry.status).toBe('failed');
    expect(entry.error).toContain('Executor "claude"');
    expect(entry.error).toContain('npm install -g @anthropic-ai/claude-code');
  });
});
