import { spawn } from 'node:child_process';
import { GENIE_BIN } from './support/genie-process';
import { cleanUpWorkspaces, TestWorkspace } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

describe('Ctrl-C during a foreground run', () => {
  const workspace = new TestWorkspace();
  workspace.writeAgent('claude-agent', 'claude');

  it('stops the agent, records `stopped` and exits 130', async () => {
    const child = spawn(process.execPath, [GENIE_BIN, 'run', 'claude-agent', '[sleep:60000] think long', '--no-background', '--name', 'interrupted'], {
      cwd: workspace.dir,
      env: workspace.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    // The session line comes first; once it is out, the session exists and the agent runs.
    await new Promise<void>((resolve) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        if (stdout.includes('\n')) resolve();
      });
    });
    expect(stdout.split('\n')[0]).toMatch(/^interrupted [0-9a-f-]{36}$/);
    await new Promise((resolve) => setTimeout(resolve, 500));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    const view = await workspace.json(['view', 'interrupted']);
    expect(view.status).toBe('stopped');
  });
});
