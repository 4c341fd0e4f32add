import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { GENIE_BIN } from './support/genie-process';
import { cleanUpWorkspaces, TestWorkspace } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

/** Runs genie with its stdout on /dev/full, where every write fails with ENOSPC, as on a full disk under `> out.log`. */
function genieIntoFullDisk(workspace: TestWorkspace, args: string[]): Promise<{ code: number | null; stderr: string }> {
  const full = fs.openSync('/dev/full', 'w');
  const child = spawn(process.execPath, [GENIE_BIN, ...args], { cwd: workspace.dir, env: workspace.env, stdio: ['ignore', full, 'pipe'] });
  fs.closeSync(full);
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

describe('output that cannot be written (`genie ... > out.log` on a full disk)', () => {
  const workspace = new TestWorkspace();

  it('lets a foreground turn finish and be recorded, says the output was lost and exits 4, without a stack trace', async () => {
    const result = await genieIntoFullDisk(workspace, ['run', 'shell', 'echo first; sleep 1; echo last', '--no-background', '--name', 'unwritten']);
    const view = await workspace.json(['view', 'unwritten']);
    expect(view.status).toBe('completed');
    expect(view.answer).toContain('last');
    expect(result.stderr).toContain('Could not write the output');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.code).toBe(4);
  });

  it('fails `list sessions` with exit 4 and a message, without a stack trace', async () => {
    const result = await genieIntoFullDisk(workspace, ['list', 'sessions']);
    expect(result.stderr).toContain('Could not write the output');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.code).toBe(4);
  });

  it('keeps the exit code of an error whose message cannot be written to stderr', async () => {
    const full = fs.openSync('/dev/full', 'w');
    const child = spawn(process.execPath, [GENIE_BIN, 'view', 'no-such-session'], {
      cwd: workspace.dir,
      env: workspace.env,
      stdio: ['ignore', 'ignore', full],
    });
    fs.closeSync(full);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(3);
  });
});
