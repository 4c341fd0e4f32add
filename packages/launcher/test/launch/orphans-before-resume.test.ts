import { startBackgroundTurn } from '../../src/launch/start-background-turn';
import { isProcessAlive } from '../../src/process/process-identity';
import { eventually, LaunchFixture, shellSettings } from '../helpers/launch-fixture';
import { printedPids } from '../helpers/session-pids';

/**
 * A supervisor killed mid-turn leaves its agent behind. The process that settles the record
 * `lost` ends that agent right after, but a resume from another process can come in between
 * (an MCP client's `wait` saw `lost` and resumed at once). The resume must not start a second
 * agent on the conversation while the first still runs.
 */
describe('a resume of a session whose supervisor died', () => {
  let fixture: LaunchFixture;
  beforeAll(() => {
    fixture = new LaunchFixture();
  });
  afterAll(() => fixture.dispose());

  it('ends the previous turn’s agent, even one that ignores SIGTERM, before the new turn is claimed', async () => {
    const session = await fixture.createSession();
    await startBackgroundTurn(fixture.ctx, {
      sessionId: session.sessionId,
      executor: 'command',
      prompt: 'first',
      // The agent ignores SIGTERM, as one busy in a tool call may: only SIGKILL ends it.
      settings: shellSettings(`trap '' TERM; echo "pid $$"; exec sleep 300`),
      cwd: fixture.dir,
    });
    const running = await eventually(async () => {
      const entry = await fixture.storage.get(session.sessionId);
      return entry?.status === 'running' && printedPids(entry.logFile as string).length > 0 ? entry : undefined;
    }, 'the first turn to run');
    const [agent] = printedPids(running.logFile as string) as [number];
    process.kill(running.runnerPid as number, 'SIGKILL');
    await eventually(() => !isProcessAlive(running.runnerPid), 'the supervisor to die');
    // Another process has settled the record `lost` and not yet ended the agent.
    await fixture.storage.update(session.sessionId, (current) => ({ ...current, status: 'lost', error: 'Its supervisor is gone.' }));
    expect(isProcessAlive(agent)).toBe(true);

    const resumed = await startBackgroundTurn(fixture.ctx, {
      sessionId: session.sessionId,
      executor: 'command',
      prompt: 'second',
      settings: shellSettings('echo second turn'),
      cwd: fixture.dir,
    });

    expect(isProcessAlive(agent)).toBe(false);
    expect(resumed.turns).toBe(2);
    await eventually(async () => (await fixture.storage.get(session.sessionId))?.status === 'completed', 'the second turn to complete');
  });
});
