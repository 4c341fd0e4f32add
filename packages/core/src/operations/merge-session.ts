import { GenieError } from '@genie/errors';
import { ACTIVE_STATUSES, type SessionEntry, type SessionWorktree } from '@genie/session-schema';
import type { MergeOptions, MergeReport } from '../api-types';
import type { GenieContext } from '../genie-context';
import { git, gitFailed, runGit } from '../git/run-git';
import { uncommittedChanges, unmergedCommits, worktreeMissing } from '../git/session-worktree';
import { findWorktreeSession } from './worktree-session';

function sessionName(entry: SessionEntry): string {
  return entry.name ?? entry.sessionId;
}

function assertEnded(entry: SessionEntry): void {
  if (!(ACTIVE_STATUSES as readonly string[]).includes(entry.status ?? '')) return;
  throw new GenieError('SESSION_BUSY', `Session ${sessionName(entry)} is still ${entry.status}; its work is not finished.`, {
    hint: `Wait for the turn to end (genie view ${sessionName(entry)} --follow), or stop it, then merge.`,
    details: { sessionId: entry.sessionId, status: entry.status },
  });
}

/** Uncommitted work is either committed on the session's branch (`commit`) or the merge is refused. */
async function settleUncommitted(entry: SessionEntry, worktree: SessionWorktree, commit: boolean): Promise<void> {
  if (worktreeMissing(worktree)) return;
  const changes = await uncommittedChanges(worktree);
  if (changes.length === 0) return;
  if (!commit) {
    const shown = changes.slice(0, 10).map((line) => line.trim()).join(', ');
    throw new GenieError('WORKTREE_DIRTY', `Session ${sessionName(entry)} has ${changes.length} uncommitted change(s) in ${worktree.path} (${shown}); nothing was merged.`, {
      hint: `Commit them on ${worktree.branch} with \`genie merge ${sessionName(entry)} --commit\`, or commit or discard them in the worktree yourself.`,
      details: { sessionId: entry.sessionId, worktree: worktree.path, changes },
    });
  }
  await git(worktree.path, ['add', '--all']);
  const subject = `genie: ${sessionName(entry)}${entry.lastPrompt ? `: ${entry.lastPrompt.split('\n')[0]?.slice(0, 60)}` : ''}`;
  await git(worktree.path, ['commit', '--no-verify', '--quiet', '-m', subject]);
}

async function currentBranch(repository: string): Promise<string> {
  const result = await runGit(repository, ['symbolic-ref', '--quiet', '--short', 'HEAD']);
  return result.code === 0 ? result.stdout.trim() : 'HEAD';
}

/**
 * Merges a worktree session's branch into the branch checked out in the repository it
 * came from. A conflict leaves everything as it was (the merge is aborted) and lists the
 * conflicting files; the session's commits stay on its branch.
 */
export async function mergeSession(context: GenieContext, options: MergeOptions): Promise<MergeReport> {
  const { entry, worktree } = await findWorktreeSession(context, options.session);
  assertEnded(entry);
  await settleUncommitted(entry, worktree, options.commit === true);
  const { repository, branch } = worktree;
  const into = await currentBranch(repository);
  const pending = await unmergedCommits(worktree);
  const report = { sessionId: entry.sessionId, name: entry.name ?? null, branch, into, repository, commits: pending.length };
  if (pending.length === 0) return { ...report, merged: false, alreadyMerged: true, head: (await git(repository, ['rev-parse', 'HEAD'])).trim() };

  const args = ['merge', '--no-ff', '--no-edit', '-m', `Merge genie session ${sessionName(entry)} (${branch})`, branch];
  const result = await runGit(repository, args);
  if (result.code !== 0) {
    const conflicts = (await git(repository, ['diff', '--name-only', '--diff-filter=U'])).split('\n').filter((file) => file !== '');
    if (conflicts.length === 0) throw gitFailed(repository, args, result);
    await git(repository, ['merge', '--abort']);
    throw new GenieError('MERGE_CONFLICT', `Merging ${branch} into ${into} conflicts in ${conflicts.join(', ')}; the merge was aborted and nothing changed.`, {
      hint: `Resolve it by hand (git merge ${branch} in ${repository}), or resume the session to rebase its branch on ${into}, then merge again.`,
      details: { sessionId: entry.sessionId, branch, into, conflicts },
    });
  }
  return { ...report, merged: true, alreadyMerged: false, head: (await git(repository, ['rev-parse', 'HEAD'])).trim() };
}
