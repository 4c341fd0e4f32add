import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { makeWorkspace } from './temp-workspace';

/** A fixed identity, so commits work on machines without a git config. */
export const GIT_IDENTITY: NodeJS.ProcessEnv = {
  GIT_AUTHOR_NAME: 'genie test',
  GIT_AUTHOR_EMAIL: 'genie@example.invalid',
  GIT_COMMITTER_NAME: 'genie test',
  GIT_COMMITTER_EMAIL: 'genie@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
};

export function gitIn(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ...GIT_IDENTITY } });
}

/** A workspace that is a git repository on `main` with one commit holding `files`. */
export function makeGitWorkspace(files: Record<string, string> = { 'file.txt': 'base\n' }): string {
  const root = makeWorkspace();
  gitIn(root, 'init', '--quiet', '--initial-branch=main');
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(root, name), content);
  gitIn(root, 'add', ...Object.keys(files));
  gitIn(root, 'commit', '--quiet', '-m', 'base');
  return root;
}
