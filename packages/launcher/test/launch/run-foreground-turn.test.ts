import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { EventLogRecord } from '../../src/event-log-record';
import { runForegroundTurn } from '../../src/launch/run-foreground-turn';
import { SHELL_AGENT } from '../../src/agents/shell-agent';
import { findSessionProcesses } from '../../src/process/session-processes';
import type { TranscriptEvent } from '../../src/transcript/transcript-types';
import { eventually, LaunchFixture } from '../helpers/launch-fixture';

function readLog(file: string): EventLogRecord[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as EventLogRecord);
}

describe('runForegroundTurn', () => {
  let fixture: LaunchFixture;
  beforeEach(() => {
    fixture = new LaunchFixture();
  });
  afterEach(() => fixture.dispose());

  const plan = (sessionId: string, prompt: string) => ({
    sessionId,
    executor: 'command',
    prompt,
    settings: SHELL_AGENT.settings,
    cwd: fixture.dir,
  });

  it('runs the shell agent, streams its output and records the answer', async () => {
    const session = await fixture.createSession();
    const events: TranscriptEvent[] = [];
    const entry = await runForegroundTurn(fixture.ctx, plan(session.sessionId, 'echo "hello $((40+2))"; pwd'), {
      onEvent: (event) => events.push(event),
    });

    expect(entry).toMatchObject({ status: 'completed', exitCode: 0, turns: 1, runnerPid: process.pid });
    expect(entry.lastAnswer).toBe(`hello 42\n${fixture.dir}`);
    expect(events.map((event) => event.kind)).toEqual(['prompt', 'output', 'output', 'outcome']);
    expect(events.at(-1)).toMatchObject({ kind: 'outcome', status: 'completed', answer: `hello 42\n${fixture.dir}` });
  });

  it('keeps every turn in one append-only log', async () => {
    const session = await fixture.createSession();
    await runForegroundTurn(fixture.ctx, plan(session.sessionId, 'echo first'));
    const second = await runForegroundTurn(fixture.ctx, plan(session.sessionId, 'echo second; echo oops >&2'));

    expect(second).toMatchObject({ status: 'completed', turns: 2, lastPrompt: 'echo second; echo oops >&2' });
    const records = readLog(second.logFile as string);
    expect(records.map((record) => [record.turn, 'type' in record ? record.type : record.stream])).toEqual([
      [1, 'turn.start'],
      [1, 'stdout'],
      [1, 'turn.end'],
      [2, 'turn.start'],
      [2, 'stdout'],
      [2, 'stderr'],
      [2, 'turn.end'],
    ]);
    expect(records[1]).toMatchObject({ line: 'first' });
    expect(records[3]).toMatchObject({ type: 'turn.start', resume: true, prompt: 'echo second; echo oops >&2' });
  });

  it('records a failing command as failed with its exit code and last stderr lines', async () => {
    const session = await fixture.createSession();
    const entry = await runForegroundTurn(fixture.ctx, plan(session.sessionId, 'echo "No conversation found" >&2; exit 3'));

    expect(entry).toMatchObject({ status: 'failed', exitCode: 3, signal: null });
    expect(entry.error).toContain('No conversation found');
    expect(entry.error).toContain('exited with code 3');
  });

  it('hands instructions to a command agent as a file that is gone after the turn', async () => {
    const session = await fixture.createSession();
    const entry = await runForegroundTurn(fixture.ctx, {
      ...plan(session.sessionId, 'unused'),
      settings: { runArgs: ['bash', '-c', 'echo "$1"; cat "$1"', 'agent', '{instructionsFile}'] },
      instructions: 'Always answer in French.',
    });

    expect(entry.status).toBe('completed');
    const [file, text] = (entry.lastAnswer as string).split('\n');
    expect(text).toBe('Always answer in French.');
    expect(existsSync(file as string)).toBe(false);
  });

  it('passes a prompt that starts with "-" as a command, not as a bash option', async () => {
    const session = await fixture.createSession();
    const entry = await runForegroundTurn(fixture.ctx, plan(session.sessionId, '-n'));
    expect(entry.status).toBe('failed');
    expect(entry.error).toContain('-n: command not found');
  });

  it('fails at once, naming the executor, when its binary does not exist', async () => {
    const session = await fixture.createSession();
    const entry = await runForegroundTurn(fixture.ctx, {
      ...plan(session.sessionId, 'echo never'),
      settings: { ...SHELL_AGENT.settings, binary: 'genie-no-such-binary' },
    });

    expect(entry.status).toBe('failed');
    expect(entry.error).toContain('Executor "command"');
    expect(entry.error).toContain('genie-no-such-binary');
    const records = readLog(entry.logFile as string);
    expect(records.at(-1)).toMatchObject({ type: 'turn.end', status: 'failed' });
  });

  it('stops the agent and every process it started when aborted', async () => {
    const session = await fixture.createSession();
    const controller = new AbortController();
    const turn = runForegroundTurn(fixture.ctx, plan(session.sessionId, 'sleep 300 & setsid sleep 300 & echo started; wait'), {
      signal: controller.signal,
      onEvent: (event) => {
        if (event.kind === 'output' && event.text === 'started') controller.abort();
      },
    });
    const entry = await turn;

    expect(entry.status).toBe('stopped');
    // What it printed before the stop stays in the transcript, but it is not an answer.
    expect(entry.lastAnswer ?? null).toBeNull();
    await eventually(() => findSessionProcesses(session.sessionId).length === 0, 'no session process left');
  });
});

describe('runForegroundTurn with argv node refuses', () => {
  it('records a prompt holding a NUL byte as failed instead of leaving the turn open', async () => {
    const fixture = new LaunchFixture();
    try {
      const session = await fixture.createSession();
      const entry = await runForegroundTurn(fixture.ctx, {
        sessionId: session.sessionId,
        executor: 'command',
        prompt: 'echo a\u0000b',
        settings: SHELL_AGENT.settings,
        cwd: fixture.dir,
      });
      expect(entry.status).toBe('failed');
      expect(entry.error).toContain('null bytes');
    } finally {
      await fixture.dispose();
    }
  });
});

describe('runForegroundTurn without a writable log directory', () => {
  it('records the turn as failed, naming the log', async () => {
    const fixture = new LaunchFixture();
    try {
      const blocker = path.join(fixture.dir, 'not-a-dir');
      writeFileSync(blocker, '');
      const session = await fixture.createSession();
      const entry = await runForegroundTurn(
        { ...fixture.ctx, logsDir: path.join(blocker, 'logs') },
        { sessionId: session.sessionId, executor: 'command', prompt: 'true', settings: SHELL_AGENT.settings, cwd: fixture.dir },
      );
      expect(entry.status).toBe('failed');
      expect(entry.error).toContain('Cannot open the event log');
    } finally {
      await fixture.dispose();
    }
  });
});
