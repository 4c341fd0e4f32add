import { ACTIVE_STATUSES, type SessionEntry, type SessionWorktree } from '@genie/session-schema';
import type { CleanOptions, CleanReport, CleanedWorktree } from '../api-types';
import type { GenieContext } from '../genie-context';
import { removeSessionWorktree, uncommittedChanges, unmergedCommits, worktreeMissing } from '../git/session-worktree';
import { reconcileActive } from '../sessions/reconcile-active';

/** Why a worktree must stay; empty when removing it loses nothing. `force` overrides all but a running turn. */
async function reasonsToKeep(entry: SessionEntry, worktree: SessionWorktree): Promise<{ hard: string[]; soft: string[] }> {
  if ((ACTIVE_STATUSES as readonly string[]).includes(entry.status ?? '')) return { hard: [`its turn is ${entry.status}`], soft: [] };
  const soft: string[] = [];
  if (!worktreeMissing(worktree)) {
    const changes = await uncommittedChanges(worktree);
    if (changes.length > 0) soft.push(`${changes.length} uncommitted change(s)`);
  }
  const commits = await unmergedCommits(worktree);
  if (commits.length > 0) soft.push(`${commits.length} commit(s) not merged into the current branch`);
  return { hard: [], soft };
}

/**
 * Removes the worktrees (and branches) of ended sessions whose work is merged. One with
 * uncommitted changes or unmerged commits is kept unless `force`; a running one always.
 * `dryRun` reports the same lists and removes nothing. Each removal is recorded in its
 * session (`worktree.removedAt`), so a later resume says why it cannot continue.
 */
export async function cleanWorktrees(context: GenieContext, options: CleanOptions): Promise<CleanReport> {
  const launch = await context.launchContext();
  await reconcileActive(launch);
  const sessions = (await launch.storage.list()).filter((entry) => entry.worktree && !entry.worktree.removedAt);
  const removed: CleanedWorktree[] = [];
  const kept: CleanedWorktree[] = [];
  for (const entry of sessions) {
    const worktree = entry.worktree as SessionWorktree;
    const item = { sessionId: entry.sessionId, name: entry.name ?? null, worktree: worktree.path, branch: worktree.branch };
    const { hard, soft } = await reasonsToKeep(entry, worktree);
    if (hard.length > 0 || (soft.length > 0 && !options.force)) {
      kept.push({ ...item, reasons: [...hard, ...soft] });
      continue;
    }
    if (!options.dryRun) {
      await removeSessionWorktree(worktree, options.force === true);
      const removedAt = new Date().toISOString();
      await launch.storage.update(entry.sessionId, (current) => (current.worktree ? { ...current, worktree: { ...current.worktree, removedAt } } : current));
    }
    removed.push({ ...item, reasons: soft });
  }
  return { dryRun: options.dryRun === true, removed, kept };
}
