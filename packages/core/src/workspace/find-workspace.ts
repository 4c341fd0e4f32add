import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { GenieError } from '@genie/errors';

/** Environment variable that pins the workspace, skipping the upward search. */
export const WORKSPACE_ENV = 'GENIE_WORKSPACE';

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** A pinned workspace must exist, like a --cwd: a typo must not create state in a new place. */
function pinnedWorkspace(start: string, pinned: string): string {
  const dir = resolve(start, pinned);
  if (isDirectory(dir)) return dir;
  throw new GenieError('INVALID_INPUT', `${WORKSPACE_ENV} names ${dir}, which is not an existing directory.`, {
    hint: `Point ${WORKSPACE_ENV} at an existing project directory (create it first), or unset it to use the current directory.`,
    details: { variable: WORKSPACE_ENV, path: dir },
  });
}

/**
 * The workspace is the nearest ancestor of `cwd` holding `.genie/`, like git finds its
 * repository. Without one anywhere, `cwd` itself is the workspace, so built-in agents
 * work in a fresh directory and the first write creates `.genie/state/` there.
 */
export function findWorkspace(cwd: string, env: NodeJS.ProcessEnv): string {
  const start = resolve(cwd);
  const pinned = env[WORKSPACE_ENV];
  if (pinned && pinned.trim() !== '') return pinnedWorkspace(start, pinned);
  for (let dir = start; ; dir = dirname(dir)) {
    if (isDirectory(join(dir, '.genie'))) return dir;
    if (dirname(dir) === dir) return start;
  }
}
