import { spawn } from 'node:child_process';
import { GENIE_BIN } from './support/genie-process';
import { cleanUpWorkspaces, TestWorkspace } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

describe('a foreground run whose reader stops early (`genie run ... --no-background | head -1`)', () => {
  const workspace = new TestWorkspace();

  it('still runs the turn to its end and records its outcome, never leaving the session lost', async () => {
    const child = spawn(
      process.execPath,
      [GENIE_BIN, 'run', 'shell', 'echo first; sleep 1; echo second; sleep 1; echo last', '--no-background', '--name', 'piped'],
      {
        cwd: workspace.dir,
        env: workspace.env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // The reader takes the session line and goes away, as `head -1` does.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (exitCode) => resolve(exitCode)));

    const view = await workspace.json(['view', 'piped']);
    expect(view.status).toBe('completed');
    expect(view.answer).toContain('last');
    expect(code).toBe(0);
    expect(stderr).not.toContain('EPIPE');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
