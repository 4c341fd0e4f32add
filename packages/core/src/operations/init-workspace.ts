import fs from 'node:fs';
import path from 'node:path';
import type { InitReport } from '../api-types';
import { INIT_FILES } from '../init/init-templates';
import type { WorkspacePaths } from '../workspace/workspace-paths';

/**
 * Creates `.genie/` with a commented config and example agents. Existing files are never
 * overwritten: they are reported as skipped, so running init twice is harmless. The
 * built-in `shell` agent needs no file.
 */
export function initWorkspace(paths: WorkspacePaths): InitReport {
  const created: string[] = [];
  const skipped: string[] = [];
  fs.mkdirSync(paths.agentsDir, { recursive: true });
  for (const [relative, content] of INIT_FILES) {
    const file = path.join(paths.genieDir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, content, { flag: 'wx' });
      created.push(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      skipped.push(file);
    }
  }
  return { workspace: paths.root, created, skipped };
}
