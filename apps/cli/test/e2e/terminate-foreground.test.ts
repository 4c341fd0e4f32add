import { spawn } from 'node:child_process';
import { GENIE_BIN } from './support/genie-process';
import { cleanUpWorkspaces, TestWorkspace } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

/**
 * `timeout 600 genie run ... --no-background`, a CI job cancelled, a service manager
 * stopping its unit: each sends SIGTERM, which must end the turn as Ctrl-C does.
 */
describe('SIGTERM during a foreground run', () => {
  const workspace = new TestWorkspace();

  it('stops the agent, records `stopped` (not `lost`) and exits 130', async () => {
    const child = spawn(process.execPath, [GENIE_BIN, 'run', 'shell', 'echo started; sleep 60', '--no-background', '--name', 'terminated'], {
      cwd: workspace.dir,
      env: workspace.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    // Once the agent printed, the session exists and its turn runs.
    await new Promise<void>((resolve) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        if (stdout.includes('started\n')) resolve();
      });
    });
    child.kill('SIGTERM');
    expect(await exited).toBe(130);
    const view = await workspace.json(['view', 'terminated']);
    expect(view.status).toBe('stopped');
    expect(stdout).toContain('stopped');
  });
});
