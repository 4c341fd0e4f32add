import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { normaliseRemote, projectIdentity } from '../../src/workspace/project-identity';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'genie-project-'));
}

describe('project identity', () => {
  it('gives every way of naming one remote the same name', () => {
    const names = [
      'git@github.com:Team/App.git',
      'https://github.com/team/app',
      'https://user:token@github.com/team/app.git/',
      'ssh://git@github.com:22/team/app.git',
      'git://github.com/team/app.git',
    ].map(normaliseRemote);
    expect(new Set(names)).toEqual(new Set(['github.com/team/app']));
    expect(normaliseRemote('git@github.com:team/other.git')).not.toBe('github.com/team/app');
  });

  it('is the origin remote for a clone, from its root, a subdirectory and a linked worktree', () => {
    const dir = tempDir();
    const repo = path.join(dir, 'repo');
    execFileSync('git', ['init', '--quiet', repo]);
    execFileSync('git', ['-C', repo, 'remote', 'add', 'origin', 'git@example.com:team/app.git']);
    execFileSync('git', ['-C', repo, '-c', 'user.email=t@e', '-c', 'user.name=t', 'commit', '--quiet', '--allow-empty', '-m', 'first']);
    execFileSync('git', ['-C', repo, 'worktree', 'add', '--quiet', path.join(dir, 'linked')]);
    fs.mkdirSync(path.join(repo, 'sub'));
    expect(projectIdentity(repo, 'host-a')).toBe('example.com/team/app');
    expect(projectIdentity(path.join(repo, 'sub'), 'host-a')).toBe('example.com/team/app');
    expect(projectIdentity(path.join(dir, 'linked'), 'host-b')).toBe('example.com/team/app');
  });

  it('is host and path outside git, or without an origin', () => {
    const plain = tempDir();
    expect(projectIdentity(plain, 'host-a')).toBe(`host-a:${plain}`);
    const noOrigin = tempDir();
    execFileSync('git', ['init', '--quiet', noOrigin]);
    execFileSync('git', ['-C', noOrigin, 'remote', 'add', 'upstream', 'git@example.com:team/app.git']);
    expect(projectIdentity(noOrigin, 'host-a')).toBe(`host-a:${noOrigin}`);
  });
});
