import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const created: string[] = [];

/**
 * An environment in which the workspace search stops below the temp directory: a stray
 * `.genie/` there (from running genie in it) must not become every test's workspace.
 */
export const ISOLATED_ENV: NodeJS.ProcessEnv = { GENIE_CEILING_DIRECTORIES: fs.realpathSync(os.tmpdir()) };

/** A fresh directory for one test; removed by removeTempDirs(). */
export function makeTempDir(prefix = 'genie-core-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  created.push(dir);
  return dir;
}

/** Writes files (relative path -> content) under root, creating folders. */
export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

/** A workspace with a `.genie/` folder holding the given files (paths relative to `.genie/`). */
export function makeWorkspace(files: Record<string, string> = {}): string {
  const root = makeTempDir();
  fs.mkdirSync(path.join(root, '.genie'), { recursive: true });
  writeFiles(path.join(root, '.genie'), files);
  return root;
}

export function removeTempDirs(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}
