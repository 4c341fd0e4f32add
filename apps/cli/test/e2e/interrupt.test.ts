import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { GENIE_BIN } from './support/genie-process';
import { until } from './support/until';
import { cleanUpWorkspaces, TestWorkspace } from './support/workspace';
import { isRunning } from '../../../../tooling/process-gone';

afterAll(() => cleanUpWorkspaces());

/**
 * `genie run` of a minute-long turn in the foreground, once its first line (the session's
 * name and id) is out: the session exists and the agent runs.
 */
async function startLongForegroundRun(
  workspace: TestWorkspace,
  name: string,
): Promise<{ child: ChildProcess; exited: Promise<number | null>; firstLine: string }> {
  const child = spawn(process.execPath, [GENIE_BIN, 'run', 'claude-agent', '[sleep:60000] think long', '--no-background', '--name', name], {
    cwd: workspace.dir,
    env: workspace.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  let stdout = '';
  await new Promise<void>((resolve) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.includes('\n')) resolve();
    });
  });
  return { child, exited, firstLine: stdout.split('\n')[0] as string };
}

describe('Ctrl-C during a foreground run', () => {
  const workspace = new TestWorkspace();
  workspace.writeAgent('claude-agent', 'claude');

  it('stops the agent, records `stopped` and exits 130', async () => {
    const { child, exited, firstLine } = await startLongForegroundRun(workspace, 'interrupted');
    expect(firstLine).toMatch(/^interrupted [0-9a-f-]{36}$/);
    await new Promise((resolve) => setTimeout(resolve, 500));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    const view = await workspace.json(['view', 'interrupted']);
    expect(view.status).toBe('stopped');
  });
});

describe.each(['SIGTERM', 'SIGHUP'] as const)('%s to a foreground run (a `timeout`, a closed terminal)', (signal) => {
  const workspace = new TestWorkspace();
  workspace.writeAgent('claude-agent', 'claude');

  it('stops the agent before exiting, records `stopped` and exits 130, leaving nothing running', async () => {
    const name = `ended-by-${signal.toLowerCase()}`;
    const { child, exited } = await startLongForegroundRun(workspace, name);
    const running = await until(
      async () => storedSession(workspace, name),
      (session) => session?.status === 'running' && typeof session.executorPid === 'number',
    );
    child.kill(signal);
    expect(await exited).toBe(130);

    // Read the store itself: a genie command would reconcile the session and end leftovers for us.
    const record = storedSession(workspace, name);
    expect(record?.status).toBe('stopped');
    await until(
      async () => isRunning(running?.executorPid as number),
      (isAlive) => !isAlive,
    );
  });
});

/** The session's record as stored, read without genie (which would reconcile it); undefined before the store is set up. */
function storedSession(workspace: TestWorkspace, name: string): Record<string, unknown> | undefined {
  if (!fs.existsSync(workspace.databaseFile)) return undefined;
  try {
    return Object.values(workspace.readStore().sessions).find((session) => session.name === name);
  } catch {
    // The first genie process is creating its tables right now.
    return undefined;
  }
}

/** One word for `sh -c`, whatever it holds. */
function shellWord(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

describe('a foreground run whose terminal goes away (the window closed, ssh dropped)', () => {
  const workspace = new TestWorkspace();
  workspace.writeAgent('claude-agent', 'claude');

  it('stops the agent and records `stopped`, with no genie command reading the session afterwards', async () => {
    const name = 'terminal-closed';
    const line = [process.execPath, GENIE_BIN, 'run', 'claude-agent', '[sleep:60000] think long', '--no-background', '--name', name].map(shellWord).join(' ');
    // util-linux `script` gives genie a terminal of its own; killing it closes that terminal.
    const terminal = spawn('script', ['-qfc', line, '/dev/null'], { cwd: workspace.dir, env: workspace.env, stdio: ['pipe', 'ignore', 'ignore'] });
    const closed = new Promise((resolve) => terminal.on('close', resolve));
    const running = await until(
      async () => storedSession(workspace, name),
      (session) => session?.status === 'running' && typeof session.executorPid === 'number',
    );
    terminal.kill('SIGKILL');
    await closed;

    // Read the store itself: a genie command would reconcile the session and end leftovers for us.
    const ended = await until(
      async () => storedSession(workspace, name),
      (session) => session?.status !== 'running',
    );
    expect([ended?.status, ended?.error]).toEqual(['stopped', null]);
    await until(
      async () => isRunning(running?.executorPid as number),
      (isAlive) => !isAlive,
    );
  });
});
