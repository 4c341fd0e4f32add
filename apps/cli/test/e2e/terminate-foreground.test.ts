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
 * A terminal window closed or an ssh session dropped (SIGHUP, then writes that fail with EIO)
 * must end the turn as Ctrl-C does, without a crash. SIGTERM and SIGHUP sent directly, and the
 * agent being gone afterwards, are covered by interrupt.test.ts.
 */
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
