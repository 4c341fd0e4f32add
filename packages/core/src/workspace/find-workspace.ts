import { realpathSync, statSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { GenieError } from '@genie/errors';

/** Environment variable that pins the workspace, skipping the upward search. */
export const WORKSPACE_ENV = 'GENIE_WORKSPACE';

/**
 * Environment variable listing directories (absolute, separated like PATH) the upward
 * search never looks into, like git's GIT_CEILING_DIRECTORIES: a `.genie/` in one of
 * them or above does not make every directory below it part of that workspace.
 */
export const CEILING_ENV = 'GENIE_CEILING_DIRECTORIES';

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

/** The ceiling directories, each as written (resolved) and as the file system resolves it. */
function ceilingsOf(env: NodeJS.ProcessEnv): Set<string> {
  const ceilings = new Set<string>();
  for (const entry of (env[CEILING_ENV] ?? '').split(delimiter)) {
    // Relative entries are ignored, as git does: they would mean a different place in every directory.
    if (entry === '' || !isAbsolute(entry)) continue;
    ceilings.add(resolve(entry));
    try {
      ceilings.add(realpathSync(entry));
    } catch {
      // A ceiling that does not exist stops nothing that exists.
    }
  }
  return ceilings;
}

/**
 * The workspace is the nearest ancestor of `cwd` holding `.genie/`, like git finds its
 * repository; the search does not go up into a ceiling directory (see CEILING_ENV).
 * Without one, `cwd` itself is the workspace, so built-in agents work in a fresh
 * directory and the first write creates `.genie/state/` there.
 */
export function findWorkspace(cwd: string, env: NodeJS.ProcessEnv): string {
  const start = resolve(cwd);
  const pinned = env[WORKSPACE_ENV];
  if (pinned && pinned.trim() !== '') return pinnedWorkspace(start, pinned);
  const ceilings = ceilingsOf(env);
  for (let dir = start; ; dir = dirname(dir)) {
    if (isDirectory(join(dir, '.genie'))) return dir;
    const parent = dirname(dir);
    if (parent === dir || ceilings.has(parent)) return start;
  }
}
