import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { GenieError } from '@genie/errors';
import type { SessionWorktree } from '@genie/session-schema';
import { ignoreEverythingIn } from './ignore-everything-in';
import { git, gitFailed, runGit } from './run-git';

/** Branches of sessions live under this prefix, so they are easy to tell from people's own. */
export const SESSION_BRANCH_PREFIX = 'genie/';

export function sessionBranch(name: string): string {
  return `${SESSION_BRANCH_PREFIX}${name}`;
}

/** A session name must make a valid branch name; git is the judge of that. */
export async function checkBranchName(repository: string, name: string): Promise<void> {
  const result = await runGit(repository, ['check-ref-format', '--branch', sessionBranch(name)]);
  if (result.code !== 0) {
    throw new GenieError('INVALID_INPUT', `Session name "${name}" cannot name a git branch (${sessionBranch(name)}).`, {
      hint: 'Pick a --name without `..`, a trailing `.` or `.lock`, e.g. `fix-login-bug`.',
      details: { name },
    });
  }
}

async function branchExists(repository: string, branch: string): Promise<boolean> {
  return (await runGit(repository, ['show-ref', '--verify', '--quiet', `refs/heads/${branch}`])).code === 0;
}

/**
 * Adds `<worktreesDir>/<name>` on a new branch `genie/<name>` at `base`. Returns null,
 * changing nothing, when that branch or directory already exists, so the caller can pick
 * another name.
 */
export async function addSessionWorktree(
  repository: string,
  worktreesDir: string,
  name: string,
  base: string,
): Promise<SessionWorktree | null> {
  const branch = sessionBranch(name);
  const path = join(worktreesDir, name);
  if (existsSync(path) || (await branchExists(repository, branch))) return null;
  // Worktrees sit inside the checkout they belong to, and must stay out of its `git status`.
  ignoreEverythingIn(worktreesDir);
  const args = ['worktree', 'add', '-b', branch, path, base];
  const result = await runGit(repository, args);
  if (result.code !== 0) {
    // Another genie may have taken the name between the checks and the add.
    if (/already exists/.test(result.stderr)) return null;
    throw gitFailed(repository, args, result);
  }
  return { path, branch, base, repository };
}

/** Removes a session's worktree and its branch; `force` also discards uncommitted and unmerged work. */
export async function removeSessionWorktree(worktree: SessionWorktree, force: boolean): Promise<void> {
  if (existsSync(worktree.path)) {
    await git(worktree.repository, ['worktree', 'remove', ...(force ? ['--force'] : []), worktree.path]);
  } else {
    await git(worktree.repository, ['worktree', 'prune']);
  }
  if (await branchExists(worktree.repository, worktree.branch)) {
    await git(worktree.repository, ['branch', force ? '-D' : '-d', worktree.branch]);
  }
}

/** Changes in the worktree that no commit holds yet (tracked and untracked), as `git status --porcelain` lines. */
export async function uncommittedChanges(worktree: SessionWorktree): Promise<string[]> {
  const out = await git(worktree.path, ['status', '--porcelain', '--untracked-files=all']);
  return out.split('\n').filter((line) => line !== '');
}

/** Commits of the session's branch that the repository's current HEAD does not contain. */
export async function unmergedCommits(worktree: SessionWorktree): Promise<string[]> {
  if (!(await branchExists(worktree.repository, worktree.branch))) return [];
  const out = await git(worktree.repository, ['rev-list', '--oneline', `HEAD..${worktree.branch}`]);
  return out.split('\n').filter((line) => line !== '');
}

/** The worktree is gone: removed by `clean`, or deleted by hand. */
export function worktreeMissing(worktree: SessionWorktree): boolean {
  return worktree.removedAt !== undefined || !existsSync(worktree.path);
}
