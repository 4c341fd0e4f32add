import { cleanUpWorkspaces, TestWorkspace } from './support/workspace';
import { until } from './support/until';

afterAll(() => cleanUpWorkspaces());

describe('genie view of a session whose turn is still running', () => {
  const workspace = new TestWorkspace();
  workspace.writeAgent('streamer', 'claude');

  afterAll(async () => {
    await workspace.genie(['stop', 'still-going']);
    await workspace.genie(['stop', 'resumed']);
  });

  it('shows the output so far as such, not as the answer, and says how to follow it', async () => {
    await workspace.json(['run', 'streamer', '[stream:600] remember teal', '--background', '--name', 'still-going']);
    const running = await until(
      () => workspace.json(['view', 'still-going']),
      (view) => view.status === 'running' && (view.lastTurn?.answer ?? '').startsWith('Progress'),
    );
    // The JSON keeps `answer` for the final answer of a finished turn.
    expect(running.answer).toBeNull();

    const result = await workspace.genie(['view', 'still-going']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines).not.toContain('answer');
    expect(lines).toContain('so far');
    expect(result.stdout).toMatch(/Progress \d+\/600/);
    expect(result.stdout).toContain('genie view still-going --follow');
  });

  it('does not pass the previous turn’s answer off as the running turn’s output', async () => {
    await workspace.json(['run', 'streamer', 'remember amber', '--no-background', '--name', 'resumed']);
    await workspace.json(['resume', 'resumed', '[sleep:60000] what did I ask you to remember?', '--background']);
    await until(() => workspace.json(['view', 'resumed']), (view) => view.status === 'running');

    const result = await workspace.genie(['view', 'resumed']);
    const lines = result.stdout.split('\n');
    expect(lines).not.toContain('so far');
    expect(lines).not.toContain('answer');
    expect(lines).toContain('previous answer');
    expect(result.stdout).toContain('OK, I will remember amber.');
    expect(result.stdout).toContain('genie view resumed --follow');
  });
});
