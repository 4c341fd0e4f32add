import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/** The `.git` directory holding the config of the repository `dir` is in (a worktree's points at its main one). */
function gitConfigFile(dir: string): string | undefined {
  for (let current = resolve(dir); ; current = dirname(current)) {
    const dotGit = join(current, '.git');
    try {
      if (statSync(dotGit).isDirectory()) return join(dotGit, 'config');
      // A worktree or submodule: `.git` is a file naming the real git directory.
      const pointer = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1]?.trim();
      if (!pointer) return undefined;
      const gitDir = isAbsolute(pointer) ? pointer : resolve(current, pointer);
      let common = gitDir;
      try {
        const relative = readFileSync(join(gitDir, 'commondir'), 'utf8').trim();
        common = isAbsolute(relative) ? relative : resolve(gitDir, relative);
      } catch {
        // No commondir: the git directory is the repository's own.
      }
      return join(common, 'config');
    } catch {
      // No `.git` here: look further up.
    }
    if (dirname(current) === current) return undefined;
  }
}

/** `url` of `[remote "origin"]` in a git config file's text. */
function originUrl(configText: string): string | undefined {
  let inOrigin = false;
  for (const raw of configText.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('[')) {
      inOrigin = /^\[remote\s+"origin"\]$/.test(line);
      continue;
    }
    const match = inOrigin ? /^url\s*=\s*(.+)$/.exec(line) : null;
    if (match?.[1]) return match[1].trim().replace(/^"(.*)"$/, '$1');
  }
  return undefined;
}

/**
 * One name for every clone of a repository: `git@host:org/repo.git`,
 * `https://user@host/org/repo` and `ssh://git@host/org/repo.git` all become `host/org/repo`.
 */
export function normaliseRemote(url: string): string {
  let rest = url.trim().replace(/\/+$/, '').replace(/\.git$/, '');
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(rest);
  if (scheme) rest = rest.slice(scheme[0].length);
  else if (/^[^/]+:/.test(rest)) rest = rest.replace(':', '/'); // scp-like: host:path
  rest = rest.replace(/^[^@/]+@/, ''); // user@
  return rest.replace(/:\d+\//, '/').toLowerCase();
}

/**
 * The project a workspace's sessions belong to in a shared database. Checkouts of one
 * repository on different hosts (or in different directories) share it: it is the
 * repository's `origin` remote. A workspace outside git, or without an origin, is its own
 * project: `<host>:<path>`.
 */
export function projectIdentity(workspaceRoot: string, host: string): string {
  const configFile = gitConfigFile(workspaceRoot);
  let remote: string | undefined;
  try {
    remote = configFile ? originUrl(readFileSync(configFile, 'utf8')) : undefined;
  } catch {
    remote = undefined;
  }
  return remote ? normaliseRemote(remote) : `${host}:${resolve(workspaceRoot)}`;
}
