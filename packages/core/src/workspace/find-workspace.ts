import fs from 'node:fs';
import path from 'node:path';

/** Environment variable that pins the workspace, skipping the upward search. */
export const WORKSPACE_ENV = 'GENIE_WORKSPACE';

function hasGenieDir(dir: string): boolean {
  try {
    return fs.statSync(path.join(dir, '.genie')).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The workspace is the nearest ancestor of `cwd` holding `.genie/`, like git finds its
 * repository. Without one anywhere, `cwd` itself is the workspace, so built-in agents
 * work in a fresh directory and the first write creates `.genie/state/` there.
 */
export function findWorkspace(cwd: string, env: NodeJS.ProcessEnv): string {
  const start = path.resolve(cwd);
  const pinned = env[WORKSPACE_ENV];
  if (pinned && pinned.trim() !== '') return path.resolve(start, pinned);
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (hasGenieDir(dir)) return dir;
    if (path.dirname(dir) === dir) return start;
  }
}
