import fs from 'node:fs';
import path from 'node:path';
import { describeResult } from './support/genie-process';
import { cleanUpWorkspaces, TestWorkspace } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

function logsDir(workspace: TestWorkspace): string {
  return path.join(path.dirname(workspace.sessionsFile), 'logs');
}

describe('ids and log paths read from a store stay inside the logs directory', () => {
  it('a session whose id climbs out of the logs directory is resumed under a safe id, writing nothing outside', async () => {
    const workspace = new TestWorkspace();
    const outside = path.join(path.dirname(workspace.dir), 'outside');
    fs.mkdirSync(outside);
    // From the logs directory, up to the scratch directory and into `outside`.
    const hostile = `../../../../../outside/pwned`;
    expect(path.resolve(logsDir(workspace), `${hostile}.jsonl`)).toBe(path.join(outside, 'pwned.jsonl'));
    fs.mkdirSync(logsDir(workspace), { recursive: true });
    fs.writeFileSync(
      workspace.sessionsFile,
      JSON.stringify({
        version: 2,
        sessions: {
          [hostile]: {
            sessionId: hostile,
            agent: 'shell',
            name: 'pwned',
            executor: 'command',
            status: 'completed',
            turns: 1,
            logFile: path.join(outside, 'pwned.jsonl'),
            cwd: workspace.dir,
          },
        },
      }),
    );

    const result = await workspace.genie(['resume', 'pwned', 'echo second', '--no-background']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('is not allowed (it names the log file)');
    expect(fs.readdirSync(outside)).toEqual([]);

    const [session] = Object.values(workspace.readStore().sessions);
    expect(session).toMatchObject({ name: 'pwned', originalSessionId: hostile, status: 'completed', turns: 2 });
    const log = path.join(logsDir(workspace), `${session?.sessionId as string}.jsonl`);
    expect(fs.readFileSync(log, 'utf8')).toContain('second');
    const view = await workspace.genie(['view', 'pwned']);
    expect(view.stdout).toContain('second');
  });

  it('a symbolic link planted at a log path is neither written through nor read through', async () => {
    const workspace = new TestWorkspace();
    const session = await workspace.json(['run', 'shell', 'echo first', '--no-background', '--name', 'linked']);
    const log = path.join(logsDir(workspace), `${session.sessionId}.jsonl`);
    const target = path.join(path.dirname(workspace.dir), 'target.txt');
    fs.writeFileSync(target, 'secret\n');
    fs.rmSync(log);
    fs.symlinkSync(target, log);

    const view = await workspace.genie(['view', 'linked']);
    expect(view.code).toBe(4);
    expect(view.stderr).toContain('symbolic link');
    expect(view.stdout).not.toContain('secret');

    const resumed = await workspace.genie(['resume', 'linked', 'echo second', '--no-background']);
    expect(resumed.code).toBe(4);
    expect(fs.readFileSync(target, 'utf8')).toBe('secret\n');
    expect(fs.lstatSync(log).isSymbolicLink()).toBe(true);
    expect(describeResult(resumed)).toMatch(/event log/);
  });
});
