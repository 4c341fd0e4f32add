import { cleanUpWorkspaces, TestWorkspace } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

describe('a prompt too long for an agent that takes it as an argument (the shell agent)', () => {
  const workspace = new TestWorkspace();

  it('fails the turn saying the command line is too long, not that the program is missing', async () => {
    // Linux refuses a single argument over 128 KiB (E2BIG); the shell agent runs `bash -lc <prompt>`.
    const prompt = `echo ${'x'.repeat(200 * 1024)}`;
    const result = await workspace.genie(['run', 'shell', '-', '--no-background', '--json', '--name', 'too-long'], prompt);
    expect(result.code).toBe(1);
    const view = await workspace.json(['view', 'too-long']);
    expect(view.status).toBe('failed');
    expect(view.error).toContain('too long');
    expect(view.error).not.toContain('runArgs');
  });
});
