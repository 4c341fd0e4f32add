import { cleanUpWorkspaces, TestWorkspace } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

describe('a background resume of a session that first ran in the foreground', () => {
  const workspace = new TestWorkspace();

  afterAll(async () => {
    await workspace.genie(['stop', 'was-foreground']);
  });

  it('returns with the hint how to view, follow and stop it, like a background run', async () => {
    await workspace.json(['run', 'shell', 'echo first', '--no-background', '--name', 'was-foreground']);

    const result = await workspace.genie(['resume', 'was-foreground', 'sleep 30', '--background']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('running in the background');
    expect(result.stdout).toContain('genie view was-foreground --follow');
    expect(result.stdout).toContain('genie stop was-foreground');
  });
});
