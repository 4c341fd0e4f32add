import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GenieError } from '@genie/errors';
import type { InitReport } from '../api-types';
import { INIT_FILES } from '../init/init-templates';
import { keepStateOutOfGit } from '../workspace/state-ignore';
import type { WorkspacePaths } from '../workspace/workspace-paths';

function cannotCreate(target: string, paths: WorkspacePaths, error: Error): GenieError {
  return new GenieError('STORE_IO', `Cannot create ${target}: ${error.message}`, {
    hint: `Check that ${paths.genieDir} is a folder you can write to (or does not exist yet), then run genie init again.`,
    details: { file: target, errno: (error as NodeJS.ErrnoException).code ?? null },
    cause: error,
  });
}

/**
 * Creates `.genie/` with a commented config and example agents. Existing files are never
 * overwritten: they are reported as skipped, so running init twice is harmless. The
 * built-in `shell` agent needs no file. `.genie/state` is kept out of git (state-ignore.ts).
 */
export function initWorkspace(paths: WorkspacePaths): InitReport {
  const created: string[] = [];
  const skipped: string[] = [];
  try {
    mkdirSync(paths.agentsDir, { recursive: true });
  } catch (error) {
    throw cannotCreate(paths.agentsDir, paths, error as Error);
  }
  for (const [relative, content] of INIT_FILES) {
    const file = join(paths.genieDir, relative);
    try {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content, { flag: 'wx' });
      created.push(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw cannotCreate(file, paths, error as Error);
      skipped.push(file);
    }
  }
  keepStateOutOfGit(paths);
  return { workspace: paths.root, created, skipped };
}
