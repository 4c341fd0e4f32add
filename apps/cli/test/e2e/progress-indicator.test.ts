import { spawn, spawnSync } from 'node:child_process';
import { GENIE_BIN, runGenie } from './support/genie-process';
import { cleanUpWorkspaces, TestWorkspace } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

/** util-linux `script` runs a command on a pseudo-terminal: the CLI sees a TTY. */
const HAS_SCRIPT = !spawnSync('script', ['--version'], { encoding: 'utf8' }).error;

const SPINNER_FRAME = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] \S+ is working/;

function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Runs `genie <args>` on a pseudo-terminal and returns everything the terminal showed. */
function genieOnTty(workspace: TestWorkspace, args: string[]): Promise<{ code: number | null; screen: string }> {
  const command = [process.execPath, GENIE_BIN, ...args].map(shellQuote).join(' ');
  const env = { ...workspace.env };
  // The indicator stays off in CI logs, which are not terminals even when they claim to be.
  delete env.CI;
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: workspace.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let screen = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (screen += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (screen += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, screen }));
  });
}

describe('the progress indicator of a foreground run', () => {
  const workspace = new TestWorkspace();

  (HAS_SCRIPT ? it : it.skip)(
    HAS_SCRIPT ? 'is shown on a terminal, and erased before the output' : 'SKIPPED: util-linux `script` is missing, so there is no pseudo-terminal to run genie on',
    async () => {
      const { code, screen } = await genieOnTty(workspace, ['run', 'shell', 'echo from the agent', '--no-background', '--name', 'on-tty']);
      expect(code).toBe(0);
      expect(screen).toMatch(SPINNER_FRAME);
      expect(screen).toContain('on-tty is working');
      // The line is cleared before the agent's output is printed, so it never ends up inside it.
      expect(screen).toMatch(/\r\u001b\[K[^\n]*from the agent/);
    },
  );

  it('never appears in a pipe', async () => {
    const env = { ...workspace.env };
    delete env.CI;
    const result = await runGenie(['run', 'shell', 'echo from the agent', '--no-background', '--name', 'in-pipe'], { cwd: workspace.dir, env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('from the agent');
    for (const text of [result.stdout, result.stderr]) {
      expect(text).not.toMatch(SPINNER_FRAME);
      expect(text).not.toContain('is working');
      expect(text).not.toContain('\r');
    }
  });
});
