import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkspacePaths } from './workspace-paths';

/**
 * genie's state (the session database and the event logs, which hold every prompt and
 * answer) belongs to this machine, not to the project: an ignore file that ignores
 * everything beside it, itself included, keeps `.genie/state` out of `git status` and
 * `git add -A`, while `.genie/config.yaml` and `.genie/agents` stay for the repository.
 * An ignore file already there is left as the user made it. Best effort: a folder that
 * cannot be written fails where it matters, when the store or a log is written.
 */
export function keepStateOutOfGit(paths: WorkspacePaths): void {
  const stateDir = join(paths.genieDir, 'state');
  const ignore = join(stateDir, '.gitignore');
  if (existsSync(ignore)) return;
  try {
    mkdirSync(stateDir, { recursive: true });
    writeFileSync(ignore, '*\n', { flag: 'wx' });
  } catch {
    // Reported by the write that needs the folder.
  }
}
