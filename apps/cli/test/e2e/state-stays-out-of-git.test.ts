import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cleanUpWorkspaces, TestWorkspace } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

/** A workspace that is a git repository (nothing committed), and its `git status --porcelain`. */
function gitWorkspace(): { workspace: TestWorkspace; untracked: () => string[] } {
  const workspace = new TestWorkspace({ genieDir: false });
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: workspace.dir, env: { ...workspace.env, GIT_CONFIG_NOSYSTEM: '1' }, encoding: 'utf8' });
  git('init', '--quiet');
  return { workspace, untracked: () => git('status', '--porcelain', '--untracked-files=all').split('\n').filter(Boolean) };
}

/**
 * The session database and event logs hold every prompt and answer of this machine's
 * sessions: `git add -A` must not commit them, while the config and agents of `.genie/`
 * are the project's to commit.
 */
describe("genie's state in a git repository", () => {
  it('stays out of `git status` after init and a run; config and agents do not', async () => {
    const { workspace, untracked } = gitWorkspace();
    const init = await workspace.genie(['init']);
    expect(init.code).toBe(0);
    const run = await workspace.genie(['run', 'shell', 'echo hello', '--no-background']);
    expect(run.code).toBe(0);
    expect(fs.existsSync(workspace.databaseFile)).toBe(true);

    const listed = untracked();
    expect(listed.filter((line) => line.includes('.genie/state'))).toEqual([]);
    expect(listed).toEqual(expect.arrayContaining(['?? .genie/config.yaml']));
  });

  it('stays out of `git status` in a workspace never initialised', async () => {
    const { workspace, untracked } = gitWorkspace();
    const run = await workspace.genie(['run', 'shell', 'echo hello', '--no-background']);
    expect(run.code).toBe(0);
    expect(fs.readdirSync(path.join(workspace.dir, '.genie', 'state', 'agents', 'logs'))).toHaveLength(1);
    expect(untracked()).toEqual([]);
  });

  it('leaves an ignore file the user wrote as it is', async () => {
    const { workspace } = gitWorkspace();
    const ignore = path.join(workspace.dir, '.genie', 'state', '.gitignore');
    fs.mkdirSync(path.dirname(ignore), { recursive: true });
    fs.writeFileSync(ignore, 'genie.db*\n');
    const run = await workspace.genie(['run', 'shell', 'echo hello', '--no-background']);
    expect(run.code).toBe(0);
    expect(fs.readFileSync(ignore, 'utf8')).toBe('genie.db*\n');
  });
});
