import { cleanUpWorkspaces, TestWorkspace } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

describe('genie list sessions with filters', () => {
  const workspace = new TestWorkspace();

  beforeAll(async () => {
    await workspace.json(['run', 'shell', 'echo one', '--no-background', '--name', 'listed']);
  });

  it('says that nothing matched the filters, not that there are no sessions at all', async () => {
    const result = await workspace.genie(['list', 'sessions', '--agent', 'nobody']);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('No sessions.');
    expect(result.stdout).toContain('No sessions match');
    expect(result.stdout).toContain('--agent nobody');
    const byStatus = await workspace.genie(['list', 'sessions', '--status', 'lost', '--status', 'stopped']);
    expect(byStatus.stdout).toContain('--status lost --status stopped');
  });

  it('still lists the session without filters', async () => {
    const result = await workspace.genie(['list', 'sessions']);
    expect(result.stdout).toContain('listed');
  });

  it('names the value of a --limit that is not a number', async () => {
    const result = await workspace.genie(['list', 'sessions', '--limit', 'ten']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"ten"');
    expect(result.stderr).not.toContain('NaN');
  });
});
