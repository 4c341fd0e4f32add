import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { storedRecord } from '../helpers/stored-records';
import { closeTestGenies, openTestGenie } from '../helpers/test-genie';
import { makeWorkspace, removeTempDirs } from '../helpers/temp-workspace';

afterAll(async () => {
  await closeTestGenies();
  removeTempDirs();
});

const SESSION_ID = '11111111-2222-4333-8444-555555555555';

function writeStore(workspace: string, entry: Record<string, unknown>): string {
  const file = path.join(workspace, '.genie/state/agents/sessions.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ version: 2, sessions: { [SESSION_ID]: { sessionId: SESSION_ID, agent: 'shell', executor: 'command', ...entry } } }));
  return file;
}

/** Writes the session's event log as `text`; returns its path. */
function writeLog(workspace: string, text: string): string {
  const file = path.join(workspace, '.genie/state/agents/logs', `${SESSION_ID}.jsonl`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

function logLines(file: string): Array<Record<string, unknown>> {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('stuck and half-written states', () => {
  it('settles a predecessor record `running` whose pid now belongs to an unrelated process as lost, and lets it resume', async () => {
    // A process that took over the recorded pid long after the turn started; the
    // predecessor kept no start time to tell them apart.
    const stranger = spawn('sleep', ['300'], { stdio: 'ignore', detached: true });
    try {
      const workspace = makeWorkspace();
      const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
      writeStore(workspace, { status: 'running', runnerPid: stranger.pid, startTime: hourAgo, lastUsed: hourAgo, created: hourAgo, turns: 1 });
      const genie = await openTestGenie(workspace);

      const [listed] = await genie.listSessions();
      expect(listed).toMatchObject({ sessionId: SESSION_ID, status: 'lost' });
      const resumed = await genie.resume({ session: SESSION_ID, prompt: 'echo again', background: false });
      expect(resumed).toMatchObject({ status: 'completed', answer: 'again' });
    } finally {
      stranger.kill('SIGKILL');
    }
  });

  it('shows the outcome the record settled when the log was left with its turn open (writer killed in between)', async () => {
    const workspace = makeWorkspace();
    const started = new Date(Date.now() - 60_000).toISOString();
    const logFile = writeLog(
      workspace,
      `${JSON.stringify({ time: started, turn: 1, stream: 'meta', type: 'turn.start', prompt: 'sleep 30', executor: 'command', resume: false })}\n`,
    );
    writeStore(workspace, { status: 'lost', error: 'Its supervisor (pid 1234) is gone', runnerPid: null, turns: 1, logFile, startTime: started, lastUsed: started });
    const genie = await openTestGenie(workspace);

    const view = await genie.view({ session: SESSION_ID });

    expect(view.status).toBe('lost');
    expect(view.lastTurn).toMatchObject({ turn: 1, prompt: 'sleep 30', status: 'lost' });
    expect(view.lastTurn?.endedAt).toEqual(expect.any(String));
    // The log itself is closed, so every reader of it agrees from now on.
    expect(logLines(logFile).at(-1)).toMatchObject({ type: 'turn.end', turn: 1, status: 'lost' });
    expect((await genie.view({ session: SESSION_ID, full: true })).transcript?.at(-1)).toMatchObject({ status: 'lost' });
  });

  it.each([true, false])('closes a turn the log left open when the session is resumed without being viewed first (background: %s)', async (background) => {
    const workspace = makeWorkspace();
    const started = new Date(Date.now() - 60_000).toISOString();
    // A crash cut the turn's `turn.end` short: the record has the outcome, the log has half a line.
    const logFile = writeLog(
      workspace,
      `${JSON.stringify({ time: started, turn: 1, stream: 'meta', type: 'turn.start', prompt: 'echo one', executor: 'command', resume: false })}\n` +
        `${JSON.stringify({ time: started, turn: 1, stream: 'stdout', line: 'one' })}\n{"time":"${started}","turn":1,"stream":"meta","type":"turn.e`,
    );
    writeStore(workspace, { status: 'completed', exitCode: 0, runnerPid: null, turns: 1, logFile, startTime: started, lastUsed: started, cwd: workspace });
    const genie = await openTestGenie(workspace);

    const resumed = await genie.resume({ session: SESSION_ID, prompt: 'echo two', background });
    if (background) await genie.wait({ session: SESSION_ID });

    const full = await genie.view({ session: SESSION_ID, full: true });
    expect(resumed.turns).toBe(2);
    expect(full.transcript?.map((turn) => [turn.turn, turn.status])).toEqual([
      [1, 'completed'],
      [2, 'completed'],
    ]);
    expect(full.transcript?.[0]?.endedAt).toEqual(expect.any(String));
  });

  it('numbers a resume after the turns the log holds when the record is older than its log (a store restored from a backup)', async () => {
    const workspace = makeWorkspace();
    const time = new Date(Date.now() - 60_000).toISOString();
    const turn = (n: number, prompt: string): string =>
      [
        { time, turn: n, stream: 'meta', type: 'turn.start', prompt, executor: 'command', resume: n > 1 },
        { time, turn: n, stream: 'meta', type: 'turn.end', status: 'completed', exitCode: 0, signal: null, error: null, answer: prompt },
      ]
        .map((record) => `${JSON.stringify(record)}\n`)
        .join('');
    const logFile = writeLog(workspace, turn(1, 'echo one') + turn(2, 'echo two') + turn(3, 'echo three'));
    // The record as the backup kept it: one turn.
    writeStore(workspace, { status: 'completed', exitCode: 0, runnerPid: null, turns: 1, logFile, startTime: time, lastUsed: time, cwd: workspace });
    const genie = await openTestGenie(workspace);

    const resumed = await genie.resume({ session: SESSION_ID, prompt: 'echo four', background: false });

    expect(resumed).toMatchObject({ turns: 4, status: 'completed', answer: 'four' });
    const full = await genie.view({ session: SESSION_ID, full: true });
    expect(full.transcript?.map((view) => [view.turn, view.prompt])).toEqual([
      [1, 'echo one'],
      [2, 'echo two'],
      [3, 'echo three'],
      [4, 'echo four'],
    ]);
  });

  it('keeps the prompt of a turn whose supervisor is killed (by a stop) before it ran anything', async () => {
    const genie = await openTestGenie(makeWorkspace());
    const run = await genie.run({ agent: 'shell', prompt: 'echo the prompt that must not be lost', background: true });
    // What a stop racing the launch does: the supervisor dies before it read its turn.
    process.kill((await storedRecord(genie.workspace, run.sessionId))?.runnerPid as number, 'SIGKILL');

    const stopped = await genie.stop({ session: run.sessionId });

    // `lost` when the stop's own read already found the supervisor dead, `stopped` otherwise.
    expect(['stopped', 'lost']).toContain(stopped.status);
    expect(stopped.lastTurn).toMatchObject({ turn: 1, prompt: 'echo the prompt that must not be lost', status: stopped.status });
    expect(stopped.lastTurn?.endedAt).toEqual(expect.any(String));
  });
});
