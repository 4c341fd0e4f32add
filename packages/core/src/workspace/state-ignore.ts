import { join } from 'node:path';
import { ignoreEverythingIn } from '../git/ignore-everything-in';
import type { WorkspacePaths } from './workspace-paths';

/**
 * genie's state (the session database and the event logs, which hold every prompt and
 * answer) belongs to this machine, not to the project: `.genie/state` ignores itself, while
 * `.genie/config.yaml` and `.genie/agents` stay for the repository. Best effort: a folder
 * that cannot be written fails where it matters, when the store or a log is written.
 */
export function keepStateOutOfGit(paths: WorkspacePaths): void {
  try {
    ignoreEverythingIn(join(paths.genieDir, 'state'));
  } catch {
    // Reported by the write that needs the folder.
  }
}
