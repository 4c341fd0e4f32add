import { RealCliWorkspace } from './support/real-cli-workspace';

/** claude retries a failing API call for minutes by default; genie must not show only "still running". */
describe('claude API retries', () => {
  let workspace: RealCliWorkspace;
  beforeAll(async () => {
    workspace = await RealCliWorkspace.create();
    workspace.anthropic.failWith = 500;
  });
  afterAll(() => workspace.dispose());

  it('shows the retries of a turn that seems stuck, in view and view --follow', async () => {
    // claude waits about 0.5, 1, 2 and 4 s between its retries: the turn runs for seconds.
    const started = await workspace.json(['run', 'claude-helper', 'hello'], 0, { CLAUDE_CODE_MAX_RETRIES: '4' });
    let text = '';
    for (;;) {
      text = (await workspace.genie(['view', started.sessionId])).stdout;
      if (text.includes('warning: API call failed (500') || !/still (running|starting)/.test(text)) break;
    }
    expect(text).toMatch(/warning: API call failed \(500 [a-z_]+\); retry \d of 4/);
    expect(text).toMatch(/still running/);
    const follow = await workspace.genie(['view', started.sessionId, '--follow']);
    expect(follow.stdout).toMatch(/warning: API call failed \(500 [a-z_]+\); retry 4 of 4/);
    expect(follow.stdout).toMatch(/failed/);
  });
});
