import { GenieError } from '@genie/errors';
import type { SessionEntry, SessionWorktree } from '@genie/session-schema';
import type { GenieContext } from '../genie-context';
import { findSession } from '../sessions/find-session';

export interface WorktreeSession {
  entry: SessionEntry;
  worktree: SessionWorktree;
}

/** The session named by `reference`, which must have been run with --worktree. */
export async function findWorktreeSession(context: GenieContext, reference: string): Promise<WorktreeSession> {
  const entry = await findSession(context, reference);
  const { worktree } = entry;
  if (!worktree) {
    const name = entry.name ?? entry.sessionId;
    throw new GenieError('WORKTREE_MISSING', `Session ${name} has no worktree: it ran in the workspace itself, so there is no branch to diff or merge.`, {
      hint: 'Use `git diff` in the workspace; start sessions with --worktree to give each its own branch.',
      details: { sessionId: entry.sessionId },
    });
  }
  return { entry, worktree };
}
