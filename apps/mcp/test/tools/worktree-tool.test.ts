import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { connect, textOf, type Connected } from '../helpers/connect';

const IDENTITY = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' };

function gitInit(dir: string): void {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env: { ...process.env, ...IDENTITY } });
  git('init', '--quiet', '--initial-branch=main');
  fs.writeFileSync(path.join(dir, 'README'), 'hi\n');
  git('add', 'README');
  git('commit', '--quiet', '-m', 'first');
}

describe('run and resume with worktree', () => {
  let mcp: Connected;
  afterEach(async () => mcp.close());

  it('runs a session in its own worktree and branch, and resumes it there', async () => {
    mcp = await connect();
    gitInit(mcp.workspace.dir);
    const run = await mcp.call('run', { agent: 'coder', prompt: 'remember slate', name: 'isolated', worktree: true, background: false });
    expect(run.isError).toBeFalsy();
    expect(run.structuredContent?.worktree).toMatchObject({ branch: 'genie/isolated', path: path.join(fs.realpathSync(mcp.workspace.dir), '.genie/worktrees/isolated') });
    expect(textOf(run)).toContain('completed');
    expect(textOf(run)).toContain('on branch genie/isolated');

    const resumed = await mcp.call('resume', { sessionId: 'isolated', prompt: 'what did I ask you to remember?', worktree: true, background: false });
    expect(resumed.structuredContent).toMatchObject({ status: 'completed', answer: 'You asked me to remember slate.' });
    const refused = await mcp.call('resume', { sessionId: 'isolated', prompt: 'again', worktree: false });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toContain('INVALID_INPUT');
  });

  it('answers worktree outside a git repository with a clear error and starts nothing', async () => {
    mcp = await connect();
    const result = await mcp.call('run', { agent: 'coder', prompt: 'hello', worktree: true });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('NOT_A_GIT_REPOSITORY');
    expect(await mcp.genie.listSessions()).toEqual([]);
  });
});
