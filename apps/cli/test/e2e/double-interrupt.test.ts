import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { GENIE_BIN } from './support/genie-process';
import { cleanUpWorkspaces, TestWorkspace } from './support/workspace';

/** Every live process whose environment carries the session's marker. */
function markedProcesses(sessionId: string): number[] {
  const marker = Buffer.from(`GENIE_SESSION_ID=${sessionId}\0`);
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (Buffer.concat([fs.readFileSync(`/proc/${entry}/environ`), Buffer.from('\0')]).includes(marker)) found.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

let leftovers: number[] = [];
afterAll(() => {
  for (const pid of leftovers) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  cleanUpWorkspaces();
});

const onLinux = process.platform === 'linux' ? describe : describe.skip;

onLinux('Ctrl-C twice during a foreground run', () => {
  const workspace = new TestWorkspace();
  fs.writeFileSync(path.join(workspace.dir, '.genie', 'config.yaml'), 'stop:\n  graceMs: 600000\n');

  // The grace period is ten minutes, so only a second Ctrl-C that kills at once can pass.
  it('kills at once an agent that ignores SIGTERM, records `stopped` and exits 130', async () => {
    const child = spawn(process.execPath, [GENIE_BIN, 'run', 'shell', 'trap "" TERM; sleep 300 & wait', '--no-background', '--name', 'stubborn'], {
      cwd: workspace.dir,
      env: workspace.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    let stdout = '';
    let stderr = '';
    const sessionId = await new Promise<string>((resolve) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        const id = /^stubborn ([0-9a-f-]{36})$/m.exec(stdout)?.[1];
        if (id) resolve(id);
      });
    });
    const stopping = new Promise<void>((resolve) => {
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        if (stderr.includes('stopping the agent')) resolve();
      });
    });
    // bash and its sleep both run before the first Ctrl-C.
    while (markedProcesses(sessionId).length < 2) await new Promise((resolve) => setTimeout(resolve, 50));

    child.kill('SIGINT');
    await stopping;
    child.kill('SIGINT');

    expect(await exited).toBe(130);
    // SIGKILL ends a process when the kernel next schedules it, and a loaded machine may take
    // a moment: wait (bounded) for the tree to be gone rather than reading /proc at once.
    const deadline = Date.now() + 10_000;
    while (markedProcesses(sessionId).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    leftovers = markedProcesses(sessionId);
    expect(leftovers).toEqual([]);
    const view = await workspace.json(['view', 'stubborn']);
    expect(view.status).toBe('stopped');
  });
});
