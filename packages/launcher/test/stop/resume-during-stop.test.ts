import { existsSync, readFileSync } from 'node:fs';
import { isProcessAlive } from '../../src/process/process-identity';
import { startBackgroundTurn } from '../../src/launch/start-background-turn';
import { stopSession } from '../../src/stop/stop-session';
import { readLastTurn } from '../../src/transcript/read-last-turn';
import { eventually, LaunchFixture, shellSettings } from '../helpers/launch-fixture';

// An agent that ignores SIGTERM, so its stop lasts the whole grace period.
const STUBBORN = `trap '' TERM; echo ready; while :; do sleep 1; done`;

describe('a resume while another client stops the turn', () => {
  let fixture: LaunchFixture;
  beforeAll(() => {
    fixture = new LaunchFixture({ graceMs: 3_000 });
  });
  afterAll(() => fixture.dispose());

  const plan = (sessionId: string, script: string, prompt: string) => ({
    sessionId,
    executor: 'command',
    prompt,
    settings: shellSettings(script),
    cwd: fixture.dir,
  });

  it('is refused as busy until the stopped turn is gone, and the next turn then runs untouched', async () => {
    const session = await fixture.createSession();
    await startBackgroundTurn(fixture.ctx, plan(session.sessionId, STUBBORN, 'first'));
    const logFile = (await fixture.storage.get(session.sessionId))?.logFile as string;
    await eventually(() => existsSync(logFile) && readFileSync(logFile, 'utf8').includes('"ready"'), 'the first turn to run');
    const first = await fixture.storage.get(session.sessionId);

    const stopping = stopSession(fixture.ctx, session.sessionId);
    await eventually(async () => (await fixture.storage.get(session.sessionId))?.status === 'stopped', 'the stop to be recorded');

    // The first turn's supervisor is still alive (its agent ignores SIGTERM): the session is busy.
    const supervisorAlive = isProcessAlive(first?.runnerPid as number, first?.runnerStartTime);
    const early = await startBackgroundTurn(fixture.ctx, plan(session.sessionId, 'echo early', 'early')).catch((error: unknown) => error);
    await expect(stopping).resolves.toMatchObject({ status: 'stopped' });
    expect(supervisorAlive).toBe(true);
    expect(early).toMatchObject({ code: 'SESSION_BUSY', message: expect.stringContaining('stopping') });

    // Once the stop is over, the resume is accepted and nothing of the old turn's stop touches it.
    await startBackgroundTurn(fixture.ctx, plan(session.sessionId, 'echo second', 'second'));
    const done = await eventually(async () => {
      const entry = await fixture.storage.get(session.sessionId);
      return entry?.status === 'completed' || entry?.status === 'lost' || entry?.status === 'failed' ? entry : undefined;
    }, 'the second turn to end');
    expect(done).toMatchObject({ status: 'completed', turns: 2 });
    await expect(readLastTurn(logFile)).resolves.toMatchObject({ turn: 2, status: 'completed', answer: 'second' });
  });
});
