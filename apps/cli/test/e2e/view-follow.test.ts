import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { GENIE_BIN } from './support/genie-process';
import { cleanUpWorkspaces, TestWorkspace } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

interface Follower {
  /** Resolves once stdout has a line equal to `line`. */
  printed(line: string): Promise<void>;
  stdout(): string;
  exited: Promise<number | null>;
  exitCode(): number | null;
}

/** `genie view <session> --follow` as a real process, read as it prints. */
function follow(workspace: TestWorkspace, session: string): Follower {
  const child = spawn(process.execPath, [GENIE_BIN, 'view', session, '--follow'], { cwd: workspace.dir, env: workspace.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  const waiting: Array<{ line: string; resolve: () => void }> = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    const lines = stdout.split('\n');
    for (const wait of waiting.filter((entry) => lines.includes(entry.line))) {
      waiting.splice(waiting.indexOf(wait), 1);
      wait.resolve();
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    printed: (line) =>
      stdout.split('\n').includes(line)
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            waiting.push({ line, resolve });
            void exited.then(() => reject(new Error(`genie view --follow ended without printing ${JSON.stringify(line)}:\n${stdout}`)));
          }),
    stdout: () => stdout,
    exited,
    exitCode: () => child.exitCode,
  };
}

describe('genie view --follow of a running session', () => {
  const workspace = new TestWorkspace();
  workspace.writeAgent('streamer', 'claude');
  // A hung agent (final result, then no exit) keeps its turn running until stopped.
  fs.writeFileSync(path.join(workspace.dir, '.genie', 'config.yaml'), 'hangGuard:\n  ms: 600000\n');

  afterAll(async () => {
    await workspace.genie(['stop', 'held']);
  });

  it('prints each message while the turn is still running', async () => {
    await workspace.json(['run', 'streamer', '[stream:5] [hang] summarise', '--background', '--name', 'held']);
    const follower = follow(workspace, 'held');
    await follower.printed('Progress 1/5');
    await follower.printed('Progress 5/5');
    // The agent hangs after its answer, so the turn cannot have ended yet: these lines
    // arrived while it ran.
    const view = await workspace.json(['view', 'held']);
    expect(view.status).toBe('running');
    expect(follower.exitCode()).toBeNull();

    const stopped = await workspace.genie(['stop', 'held']);
    expect(stopped.code).toBe(0);
    expect(await follower.exited).toBe(0);
    expect(follower.stdout()).toMatch(/stopped/);
  });

  it('ends when the turn ends, after the messages in order and the outcome', async () => {
    // The pause before the first message lets `view --follow` start while the turn runs.
    await workspace.json(['run', 'streamer', '[sleep:2000] [stream:5] write it up', '--background', '--name', 'finishing']);
    const follower = follow(workspace, 'finishing');
    expect(await follower.exited).toBe(0);
    const lines = follower.stdout().split('\n');
    const progress = lines.filter((line) => line.startsWith('Progress '));
    expect(progress).toEqual(['Progress 1/5', 'Progress 2/5', 'Progress 3/5', 'Progress 4/5', 'Progress 5/5']);
    expect(lines.indexOf('Done: write it up')).toBeGreaterThan(lines.indexOf('Progress 5/5'));
    expect(lines.at(-2)).toMatch(/^✔ completed/);
    expect((await workspace.json(['view', 'finishing'])).status).toBe('completed');
  });
});
