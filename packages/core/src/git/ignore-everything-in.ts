import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Makes `dir` (and its parents) with a `.gitignore` that ignores everything in it, itself
 * included, so what genie keeps there stays out of the checkout's `git status` and
 * `git add -A`. An ignore file already there, the user's or another genie's, is left as it is.
 */
export function ignoreEverythingIn(dir: string): void {
  mkdirSync(dir, { recursive: true });
  try {
    writeFileSync(join(dir, '.gitignore'), '*\n', { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}
