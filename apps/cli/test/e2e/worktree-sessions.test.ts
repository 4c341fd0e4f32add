import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describeResult, parseJsonDocument } from './support/genie-process';
import { cleanUpWorkspaces, TestWorkspace, type SessionJson } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

const IDENTITY = {
  GIT_AUTHOR_NAME: 'genie e2e',
  GIT_AUTHOR_EMAIL: 'e2e@example.invalid',
  GIT_COMMITTER_NAME: 'genie e2e',
  GIT_COMMITTER_EMAIL: 'e2e@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
};

interface Worktree {
  path: string;
  branch: string;
  base: string;
  repository: string;
}

/** A workspace that is a git repository on `main`, with file.txt committed; agents commit as IDENTITY. */
function gitWorkspace(): { workspace: TestWorkspace; git: (...args: string[]) => string } {
  const workspace = new TestWorkspace();
  Object.assign(workspace.env, IDENTITY);
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: workspace.dir, env: workspace.env, encoding: 'utf8' });
  git('init', '--quiet', '--initial-branch=main');
  fs.writeFileSync(path.join(workspace.dir, 'file.txt'), 'base\n');
  git('add', 'file.txt');
  git('commit', '--quiet', '-m', 'base');
  return { workspace, git };
}

const editAndCommit = (text: string): string => `printf '${text}\\n' > file.txt && git commit --quiet -am ${text}`;

describe('sessions in their own git worktree (genie run --worktree, diff, merge, clean)', () => {
  it('lets two parallel sessions edit the same file, then diffs, merges one, stops at the conflict and cleans', async () => {
    const { workspace, git } = gitWorkspace();
    const [one, two] = await Promise.all([
      workspace.json(['run', 'shell', editAndCommit('one'), '--name', 'one', '--worktree']),
      workspace.json(['run', 'shell', editAndCommit('two'), '--name', 'two', '--worktree']),
    ]);
    expect((one?.worktree as Worktree).branch).toBe('genie/one');
    expect((two?.worktree as Worktree).branch).toBe('genie/two');
    expect([(await workspace.settled('one')).status, (await workspace.settled('two')).status]).toEqual(['completed', 'completed']);
    expect(fs.readFileSync(path.join(workspace.dir, 'file.txt'), 'utf8')).toBe('base\n');
    expect(fs.readFileSync(path.join((two?.worktree as Worktree).path, 'file.txt'), 'utf8')).toBe('two\n');

    const diff = await workspace.genie(['diff', 'one']);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('--- a/file.txt\n+++ b/file.txt');
    expect(diff.stdout).toContain('-base\n+one\n');

    const list = await workspace.genie(['list', 'sessions']);
    expect(list.stdout).toMatch(/BRANCH/);
    expect(list.stdout).toMatch(/genie\/one/);

    const merged = await workspace.genie(['merge', 'one']);
    expect(merged.code).toBe(0);
    expect(merged.stdout).toContain('Merged genie/one (1 commit(s)) into main');
    expect(fs.readFileSync(path.join(workspace.dir, 'file.txt'), 'utf8')).toBe('one\n');
    const head = git('rev-parse', 'HEAD');

    const conflict = await workspace.genie(['merge', 'two']);
    expect(conflict.code).toBe(1);
    expect(conflict.stdout).toBe('');
    expect(conflict.stderr).toContain('conflicts in file.txt');
    expect(conflict.stderr).toContain('nothing changed');
    // Nothing lost: the checkout is as it was, and the session's commit is still on its branch.
    expect(git('rev-parse', 'HEAD')).toBe(head);
    expect(git('status', '--porcelain', '--untracked-files=no')).toBe('');
    expect(git('log', '--format=%s', '-1', 'genie/two')).toBe('two\n');
    const conflictJson = parseJsonDocument<{ error: { code: string; details: { conflicts: string[] } } }>(
      await workspace.genie(['merge', 'two', '--json']),
    );
    expect(conflictJson.error).toMatchObject({ code: 'MERGE_CONFLICT', details: { conflicts: ['file.txt'] } });

    const dryRun = await workspace.genie(['clean', '--dry-run']);
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toMatch(/^would remove {2}one {2}genie\/one /m);
    expect(dryRun.stdout).toMatch(/^kept {2}two {2}genie\/two .*: 1 commit\(s\) not merged into the current branch$/m);
    expect(fs.existsSync((one?.worktree as Worktree).path)).toBe(true);

    const cleaned = await workspace.json<{ removed: Array<{ name: string }>; kept: Array<{ name: string }> }>(['clean']);
    expect(cleaned.removed.map((item) => item.name)).toEqual(['one']);
    expect(cleaned.kept.map((item) => item.name)).toEqual(['two']);
    expect(fs.existsSync((one?.worktree as Worktree).path)).toBe(false);
    expect(fs.existsSync((two?.worktree as Worktree).path)).toBe(true);

    const resumed = await workspace.genie(['resume', 'one', 'echo again']);
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toContain('removed by `genie clean`');
  });

  it('runs every turn, resumes included, in the session worktree', async () => {
    const { workspace } = gitWorkspace();
    const first = await workspace.json(['run', 'shell', 'pwd', '--worktree', '--no-background']);
    const worktree = first.worktree as Worktree;
    expect(first.answer).toBe(worktree.path);
    expect(worktree.path).toBe(path.join(fs.realpathSync(workspace.dir), '.genie', 'worktrees', first.name as string));
    await workspace.json(['resume', first.sessionId, 'pwd']);
    expect((await workspace.settled(first.sessionId)).answer).toBe(worktree.path);
    const view = await workspace.genie(['view', first.sessionId]);
    expect(view.stdout).toMatch(new RegExp(`branch\\s+genie/${first.name}`));
  });

  it('refuses --worktree outside a git repository as a usage error and records nothing', async () => {
    const workspace = new TestWorkspace();
    const result = await workspace.genie(['run', 'shell', 'echo hi', '--worktree']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not inside a git repository');
    expect(fs.existsSync(workspace.sessionsFile) ? Object.keys(workspace.readStore().sessions) : []).toEqual([]);
  });

  it('says a session without a worktree has nothing to diff or merge', async () => {
    const { workspace } = gitWorkspace();
    const plain = await workspace.json<SessionJson>(['run', 'shell', 'true', '--no-background']);
    const result = await workspace.genie(['diff', plain.sessionId]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('has no worktree');
    expect(describeResult(await workspace.genie(['merge', plain.sessionId]))).toContain('has no worktree');
  });
});
