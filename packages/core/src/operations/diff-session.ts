import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GenieError } from '@genie/errors';
import type { DiffOptions, SessionDiff } from '../api-types';
import type { GenieContext } from '../genie-context';
import { git, runGit } from '../git/run-git';
import { worktreeMissing } from '../git/session-worktree';
import { findWorktreeSession } from './worktree-session';

/**
 * The working tree as a tree object, without touching the worktree's own index: a copy of
 * the index takes every change (new files too), so uncommitted work shows in the diff
 * exactly as a commit of everything would.
 */
async function snapshotTree(worktree: string): Promise<string> {
  const index = (await git(worktree, ['rev-parse', '--path-format=absolute', '--git-path', 'index'])).trim();
  const dir = mkdtempSync(join(tmpdir(), 'genie-diff-'));
  try {
    const scratch = join(dir, 'index');
    if (existsSync(index)) copyFileSync(index, scratch);
    const env = { ...process.env, GIT_INDEX_FILE: scratch };
    await git(worktree, ['add', '--all'], env);
    return (await git(worktree, ['write-tree'], env)).trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What a worktree session changed: its branch and any uncommitted work in its worktree,
 * against the commit the branch started from. Once the worktree is removed, the branch
 * alone (while it exists).
 */
export async function diffSession(context: GenieContext, options: DiffOptions): Promise<SessionDiff> {
  const { entry, worktree } = await findWorktreeSession(context, options.session);
  const missing = worktreeMissing(worktree);
  if (missing && (await runGit(worktree.repository, ['rev-parse', '--verify', '--quiet', `refs/heads/${worktree.branch}`])).code !== 0) {
    const name = entry.name ?? entry.sessionId;
    throw new GenieError('WORKTREE_MISSING', `Session ${name} has neither its worktree ${worktree.path} nor its branch ${worktree.branch} any more; there is nothing to diff.`, {
      hint: worktree.removedAt ? `\`genie clean\` removed them at ${worktree.removedAt}, after its work was merged.` : 'They were removed outside genie.',
      details: { sessionId: entry.sessionId, worktree: worktree.path, branch: worktree.branch },
    });
  }
  const target = missing ? worktree.branch : await snapshotTree(worktree.path);
  const where = missing ? worktree.repository : worktree.path;
  const format = options.stat ? ['--stat'] : ['--patch'];
  const [diff, names] = await Promise.all([
    git(where, ['diff', '--no-color', '--no-ext-diff', ...format, worktree.base, target, '--']),
    git(where, ['diff', '--name-only', worktree.base, target, '--']),
  ]);
  return {
    sessionId: entry.sessionId,
    name: entry.name ?? null,
    branch: worktree.branch,
    base: worktree.base,
    worktree: worktree.path,
    files: names.split('\n').filter((file) => file !== ''),
    diff,
  };
}
