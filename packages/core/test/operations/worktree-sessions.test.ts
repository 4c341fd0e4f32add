import fs from 'node:fs';
import path from 'node:path';
import { errorOf } from '../helpers/error-of';
import { GIT_IDENTITY, gitIn, makeGitWorkspace } from '../helpers/git-repo';
import { makeWorkspace, removeTempDirs } from '../helpers/temp-workspace';
import { closeTestGenies, openTestGenie } from '../helpers/test-genie';

const savedEnv = { ...process.env };
beforeAll(() => Object.assign(process.env, GIT_IDENTITY));
afterAll(async () => {
  await closeTestGenies();
  removeTempDirs();
  process.env = savedEnv;
});

const edit = (text: string): string => `printf '${text}\\n' > file.txt && git add file.txt && git commit --quiet -m '${text}'`;

describe('sessions in their own git worktree', () => {
  it('gives two sessions editing one file their own branches, then diffs, merges, refuses a conflict and cleans', async () => {
    const repo = makeGitWorkspace();
    const genie = await openTestGenie(repo);
    const one = await genie.run({ agent: 'shell', prompt: edit('one'), name: 'one', worktree: true, background: false });
    const two = await genie.run({ agent: 'shell', prompt: edit('two'), name: 'two', worktree: true, background: false });
    expect([one.status, two.status]).toEqual(['completed', 'completed']);
    expect(one.worktree).toMatchObject({ branch: 'genie/one', path: path.join(repo, '.genie/worktrees/one'), repository: repo });
    expect(fs.readFileSync(path.join(repo, '.genie/worktrees/two/file.txt'), 'utf8')).toBe('two\n');
    expect(fs.readFileSync(path.join(repo, 'file.txt'), 'utf8')).toBe('base\n');
    // The worktrees stay out of the repository's own status.
    expect(gitIn(repo, 'status', '--porcelain', '--', '.genie/worktrees')).toBe('');

    const diff = await genie.diff({ session: 'one' });
    expect(diff.files).toEqual(['file.txt']);
    expect(diff.diff).toContain('-base\n+one\n');

    const merged = await genie.merge({ session: 'one' });
    expect(merged).toMatchObject({ merged: true, into: 'main', commits: 1 });
    expect(fs.readFileSync(path.join(repo, 'file.txt'), 'utf8')).toBe('one\n');

    const conflict = await errorOf(genie.merge({ session: 'two' }));
    expect(conflict.code).toBe('MERGE_CONFLICT');
    expect(conflict.details).toMatchObject({ conflicts: ['file.txt'] });
    expect(fs.readFileSync(path.join(repo, 'file.txt'), 'utf8')).toBe('one\n');
    expect(gitIn(repo, 'status', '--porcelain', '--untracked-files=no')).toBe('');
    expect(gitIn(repo, 'rev-parse', 'HEAD')).toBe(`${merged.head}\n`);

    const dry = await genie.clean({ dryRun: true });
    expect(dry.removed.map((item) => item.name)).toEqual(['one']);
    expect(dry.kept).toEqual([expect.objectContaining({ name: 'two', reasons: ['1 commit(s) not merged into the current branch'] })]);
    expect(fs.existsSync(one.worktree?.path as string)).toBe(true);

    const cleaned = await genie.clean();
    expect(cleaned.removed.map((item) => item.name)).toEqual(['one']);
    expect(fs.existsSync(one.worktree?.path as string)).toBe(false);
    expect(gitIn(repo, 'branch', '--list', '--format=%(refname:short)', 'genie/*')).toBe('genie/two\n');
    const resumed = await errorOf(genie.resume({ session: 'one', prompt: 'true', background: false }));
    expect(resumed.code).toBe('WORKTREE_MISSING');
    expect((await errorOf(genie.diff({ session: 'one' }))).code).toBe('WORKTREE_MISSING');
    // A cleaned session's view still says where it ran, and when its worktree went.
    expect((await genie.view({ session: 'one' })).worktree?.removedAt).toEqual(expect.any(String));
  });

  it('gives parallel runs in the same minute their own names, branches and worktrees', async () => {
    const repo = makeGitWorkspace();
    const genie = await openTestGenie(repo);
    const runs = await Promise.all([1, 2, 3].map(() => genie.run({ agent: 'shell', prompt: 'pwd', worktree: true, background: false })));
    const branches = runs.map((run) => run.worktree?.branch);
    expect(new Set(branches).size).toBe(3);
    for (const run of runs) {
      expect(run.worktree?.branch).toBe(`genie/${run.name}`);
      expect(run.answer?.trim()).toBe(run.worktree?.path);
    }
  });

  it('resumes a worktree session in its worktree', async () => {
    const repo = makeGitWorkspace();
    const genie = await openTestGenie(repo);
    const first = await genie.run({ agent: 'shell', prompt: 'pwd', worktree: true, background: false });
    const again = await genie.resume({ session: first.sessionId, prompt: 'pwd', background: false });
    expect(first.answer?.trim()).toBe(first.worktree?.path);
    expect(again.answer?.trim()).toBe(first.worktree?.path);
  });

  it('keeps uncommitted work from being merged or cleaned unless asked', async () => {
    const repo = makeGitWorkspace();
    const genie = await openTestGenie(repo);
    const run = await genie.run({ agent: 'shell', prompt: 'echo new > added.txt', name: 'dirty', worktree: true, background: false });
    expect((await genie.diff({ session: 'dirty' })).files).toEqual(['added.txt']);
    expect((await errorOf(genie.merge({ session: 'dirty' }))).code).toBe('WORKTREE_DIRTY');
    expect((await genie.clean()).kept.map((item) => item.reasons)).toEqual([['1 uncommitted change(s)']]);
    expect(fs.existsSync(path.join(run.worktree?.path as string, 'added.txt'))).toBe(true);
    expect(await genie.merge({ session: 'dirty', commit: true })).toMatchObject({ merged: true, commits: 1 });
    expect(fs.readFileSync(path.join(repo, 'added.txt'), 'utf8')).toBe('new\n');
  });

  it('takes the worktree default from the agent, then the config; the caller decides last', async () => {
    const repo = makeGitWorkspace();
    fs.mkdirSync(path.join(repo, '.genie/agents'), { recursive: true });
    fs.writeFileSync(path.join(repo, '.genie/agents/isolated.md'), '---\ngenie:\n  executor: command\n  runArgs: ["pwd"]\n  worktree: true\n---\n');
    fs.writeFileSync(path.join(repo, '.genie/config.yaml'), 'defaults:\n  worktree: true\nexecutors:\n  command:\n    runArgs: ["pwd"]\n');
    const genie = await openTestGenie(repo);
    const byAgent = await genie.run({ agent: 'isolated', prompt: 'go', background: false });
    expect(byAgent.worktree?.branch).toBe(`genie/${byAgent.name}`);
    const byConfig = await genie.run({ agent: 'shell', prompt: 'pwd', background: false });
    expect(byConfig.worktree).not.toBeNull();
    const byCaller = await genie.run({ agent: 'shell', prompt: 'pwd', worktree: false, background: false });
    expect(byCaller.worktree).toBeNull();
    expect(byCaller.answer?.trim()).toBe(repo);
  });

  it('refuses --base without a worktree', async () => {
    const genie = await openTestGenie(makeGitWorkspace());
    const error = await errorOf(genie.run({ agent: 'shell', prompt: 'true', base: 'main', background: false }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.hint).toContain('--worktree');
    expect(await genie.listSessions()).toEqual([]);
  });

  it('refuses --worktree outside a git repository and records nothing', async () => {
    const genie = await openTestGenie(makeWorkspace());
    const error = await errorOf(genie.run({ agent: 'shell', prompt: 'true', worktree: true, background: false }));
    expect(error.code).toBe('NOT_A_GIT_REPOSITORY');
    expect(await genie.listSessions()).toEqual([]);
  });

  it('starts the branch from --base and refuses a base that names no commit', async () => {
    const repo = makeGitWorkspace();
    const base = gitIn(repo, 'rev-parse', 'HEAD').trim();
    fs.writeFileSync(path.join(repo, 'file.txt'), 'later\n');
    gitIn(repo, 'commit', '--quiet', '-am', 'later');
    const genie = await openTestGenie(repo);
    const run = await genie.run({ agent: 'shell', prompt: 'cat file.txt', worktree: true, base, background: false });
    expect(run.worktree?.base).toBe(base);
    expect(run.answer?.trim()).toBe('base');
    const error = await errorOf(genie.run({ agent: 'shell', prompt: 'true', worktree: true, base: 'no-such-ref', background: false }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(await genie.listSessions()).toHaveLength(1);
  });
});
