import { readFileSync } from 'node:fs';
import { runForegroundTurn } from '../../src/launch/run-foreground-turn';
import type { LaunchContext, TurnPlan } from '../../src/launch/launch-context';
import { readTranscript } from '../../src/transcript/read-transcript';
import type { TranscriptEvent } from '../../src/transcript/transcript-types';
import { doubleEnv } from '../helpers/double-env';
import { LaunchFixture } from '../helpers/launch-fixture';

/** What the real claude 2.1.x and codex 0.17x do that earlier stand-ins did not, through a whole turn. */
/** codex's `turn.completed.usage`: the thread's running total. */
interface ReportedUsage {
  input_tokens: number;
  cached_input_tokens: number;
  output_tokens: number;
}

describe('turns under the real CLIs\' behaviours', () => {
  let fixture: LaunchFixture;
  let ctx: LaunchContext;
  beforeAll(() => {
    fixture = new LaunchFixture({ graceMs: 1_000 });
    ctx = { ...fixture.ctx, env: { ...doubleEnv(fixture.dir), CLAUDE_CODE_MAX_RETRIES: '3' } };
  });
  afterAll(() => fixture.dispose());

  const plan = (sessionId: string, executor: string, prompt: string): TurnPlan => ({ sessionId, executor, prompt, settings: {}, cwd: fixture.dir });

  /** The usage codex itself reported at the end of each turn, from the raw event log. */
  function reportedTotals(logFile: string): ReportedUsage[] {
    return readFileSync(logFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { line?: string })
      .flatMap((record) => (record.line?.includes('"turn.completed"') ? [JSON.parse(record.line).usage] : []));
  }

  it('codex: each turn counts its own tokens, though codex reports the thread\'s running total', async () => {
    const session = await fixture.createSession({ executor: 'codex' });
    await runForegroundTurn(ctx, plan(session.sessionId, 'codex', 'remember the blue door'));
    await runForegroundTurn(ctx, plan(session.sessionId, 'codex', 'what did I ask you to remember?'));
    const entry = await runForegroundTurn(ctx, plan(session.sessionId, 'codex', 'and once more: what did I ask you to remember?'));

    const totals = reportedTotals(entry.logFile as string);
    expect(totals).toHaveLength(3);
    const last = totals[2] as ReportedUsage;
    expect(entry.usage).toEqual({ inputTokens: last.input_tokens, cachedInputTokens: last.cached_input_tokens, outputTokens: last.output_tokens });
    const turns = await readTranscript(entry.logFile as string);
    expect(turns.map((turn) => turn.usage?.outputTokens)).toEqual(
      totals.map((total, index) => total.output_tokens - (index === 0 ? 0 : (totals[index - 1] as ReportedUsage).output_tokens)),
    );
  });

  it('claude: an API failure shows its retries, is the turn\'s error, and gives no answer', async () => {
    const session = await fixture.createSession({ executor: 'claude' });
    const events: TranscriptEvent[] = [];
    const entry = await runForegroundTurn(ctx, plan(session.sessionId, 'claude', '[apierror] hello'), { onEvent: (event) => events.push(event) });

    expect(entry).toMatchObject({ status: 'failed', exitCode: 1, lastAnswer: null });
    expect(entry.error).toMatch(/^claude exited with code 1: API Error: 500 /);
    expect(events.filter((event) => event.kind === 'warning').map((event) => (event as { message: string }).message)).toEqual([
      'API call failed (500 server_error); retry 1 of 3 in 0.5 s',
      'API call failed (500 server_error); retry 2 of 3 in 1.0 s',
      'API call failed (500 server_error); retry 3 of 3 in 1.5 s',
    ]);
    expect(events.some((event) => event.kind === 'message')).toBe(false);
    const [turn] = await readTranscript(entry.logFile as string);
    expect(turn).toMatchObject({ status: 'failed', answer: null });
    expect(turn?.events.filter((event) => event.kind === 'warning')).toHaveLength(3);
  });

  it('codex: an error item is a warning; the turn completes', async () => {
    const session = await fixture.createSession({ executor: 'codex' });
    const events: TranscriptEvent[] = [];
    const entry = await runForegroundTurn(ctx, { ...plan(session.sessionId, 'codex', 'hello'), settings: { model: 'gpt-fake' } }, { onEvent: (event) => events.push(event) });
    expect(entry).toMatchObject({ status: 'completed', error: null, lastAnswer: 'Done: hello' });
    expect(events.filter((event) => event.kind === 'error')).toEqual([]);
    expect(events.find((event) => event.kind === 'warning')).toMatchObject({ message: expect.stringContaining('Model metadata for `gpt-fake` not found') });
  });

  it('codex: gets its prompt on stdin, so it never waits for more input', async () => {
    const session = await fixture.createSession({ executor: 'codex' });
    const events: TranscriptEvent[] = [];
    const entry = await runForegroundTurn(ctx, plan(session.sessionId, 'codex', 'hello'), { onEvent: (event) => events.push(event) });
    expect(entry.lastAnswer).toBe('Done: hello');
    expect(readFileSync(entry.logFile as string, 'utf8')).not.toContain('Reading additional input from stdin');
  });

  it.each(['claude', 'codex'])('%s: a prompt over the 128 KiB argv string limit reaches the agent whole', async (executor) => {
    const session = await fixture.createSession({ executor });
    const word = 'x'.repeat(200 * 1024);
    const entry = await runForegroundTurn(ctx, plan(session.sessionId, executor, `remember ${word}`));
    expect(entry.error).toBeNull();
    expect(entry).toMatchObject({ status: 'completed', lastAnswer: `OK, I will remember ${word}.` });
  });
});
