import { realpathSync } from 'node:fs';
import { join, relative } from 'node:path';
import { GenieError } from '@genie/errors';
import type { SessionWorktree } from '@genie/session-schema';
import type { SessionStorage } from '@genie/storage';
import type { GenieContext } from '../genie-context';
import { commitOf, repositoryOf } from '../git/repository-of';
import { addSessionWorktree, checkBranchName, sessionBranch } from '../git/session-worktree';

export interface PreparedWorktree {
  /** The session's name, which the branch and the directory carry too. */
  name: string;
  worktree: SessionWorktree;
  /** Where the agent runs: the workspace's place inside the worktree. */
  cwd: string;
}

/** Enough candidates for every session of one agent started in the same minute. */
const MAX_NAME_ATTEMPTS = 1000;

function nameTaken(name: string, why: string): GenieError {
  return new GenieError('NAME_TAKEN', `Session name "${name}" is already taken: ${why}.`, {
    hint: 'Choose another --name, or leave it out for a generated one.',
    details: { name },
  });
}

/**
 * Makes the git worktree of a new session: branch `genie/<name>` from `baseRef` (default
 * HEAD) in `.genie/worktrees/<name>`. The name is the first of `name`, `name-2`, ... that
 * no session, branch or directory uses yet; an explicit name that is taken is refused.
 */
export async function prepareWorktree(
  context: GenieContext,
  storage: SessionStorage,
  request: { name: string; explicit: boolean; baseRef?: string },
): Promise<PreparedWorktree> {
  const workspace = realpathSync(context.workspace);
  const repository = realpathSync(await repositoryOf(workspace, context.env));
  const base = await commitOf(repository, request.baseRef ?? 'HEAD', context.env);
  await checkBranchName(repository, request.name);
  const worktreesDir = join(workspace, '.genie', 'worktrees');
  for (let attempt = 1; attempt <= MAX_NAME_ATTEMPTS; attempt += 1) {
    const name = attempt === 1 ? request.name : `${request.name}-${attempt}`;
    const owner = await storage.findByName(name);
    if (owner) {
      if (request.explicit) throw nameTaken(name, `session ${owner.sessionId} uses it`);
      continue;
    }
    const worktree = await addSessionWorktree(repository, worktreesDir, name, base);
    if (worktree) return { name, worktree, cwd: join(worktree.path, relative(repository, workspace)) };
    if (request.explicit) throw nameTaken(name, `the branch ${sessionBranch(name)} or the directory ${join(worktreesDir, name)} exists`);
  }
  throw nameTaken(request.name, `every name up to ${request.name}-${MAX_NAME_ATTEMPTS} is in use`);
}
