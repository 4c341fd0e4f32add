import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { GENIE_BIN } from './support/genie-process';
import { until } from './support/until';
import { cleanUpWorkspaces, TestWorkspace, type SessionJson } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

/** Resolves once `stream` has carried `text`. */
function waitForOutput(stream: NodeJS.ReadableStream, text: string): Promise<void> {
  let seen = '';
  return new Promise((resolve) => {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      seen += chunk;
      if (seen.includes(text)) resolve();
    });
  });
}

/**
 * `timeout 600 genie run ... --no-background`, a CI job cancelled, a service manager
 * stopping its unit (SIGTERM), a terminal window closed (SIGHUP): each must end the turn
 * as Ctrl-C does, never leave the session `lost`.
 */
describe.each(['SIGTERM', 'SIGHUP'] as const)('%s during a foreground run', (signal) => {
  const workspace = new TestWorkspace();

  it('stops the agent, records `stopped` and exits 130', async () => {
    const child = spawn(process.execPath, [GENIE_BIN, 'run', 'shell', 'echo started; sleep 60', '--no-background', '--name', 'signalled'], {
      cwd: workspace.dir,
      env: workspace.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    // Once the agent printed, the session exists and its turn runs.
    await waitForOutput(child.stdout, 'started\n');
    child.kill(signal);
    expect(await exited).toBe(130);
    const view = await workspace.json(['view', 'signalled']);
    expect(view.status).toBe('stopped');
  });
});

describe('the terminal of a foreground run hangs up', () => {
  const workspace = new TestWorkspace();

  it('records the session `stopped` and ends genie without a crash', async () => {
    const errors = path.join(workspace.dir, 'genie-stderr.txt');
    const quote = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;
    const command = [process.execPath, GENIE_BIN, 'run', 'shell', 'echo started; sleep 60', '--no-background', '--name', 'hungup'].map(quote).join(' ');
    // `script` gives genie a terminal of its own; killing `script` closes it, so the kernel
    // sends genie SIGHUP and its later writes to the terminal fail (EIO).
    const terminal = spawn('script', ['-qfec', `exec ${command} 2>${quote(errors)}`, '/dev/null'], {
      cwd: workspace.dir,
      env: workspace.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const closed = new Promise<void>((resolve) => terminal.on('close', () => resolve()));
    await waitForOutput(terminal.stdout, 'started');
    terminal.kill('SIGKILL');
    await closed;

    const view = await until(
      () => workspace.json<SessionJson>(['view', 'hungup']),
      (session) => session.status !== 'running' && session.status !== 'starting',
    );
    expect(view.status).toBe('stopped');
    // genie has gone (its stderr file is closed by then) without a stack trace.
    await until(
      async () => fs.readFileSync(errors, 'utf8'),
      () => !fs.readdirSync('/proc').some((pid) => /^\d+$/.test(pid) && readCommandLine(pid).includes('hungup')),
    );
    expect(fs.readFileSync(errors, 'utf8')).not.toMatch(/\n\s+at /);
  });
});

function readCommandLine(pid: string): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}
