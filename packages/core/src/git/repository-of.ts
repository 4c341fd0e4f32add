import { GenieError } from '@genie/errors';
import { runGit } from './run-git';

/** Top directory of the git checkout holding `dir`; NOT_A_GIT_REPOSITORY when there is none. */
export async function repositoryOf(dir: string, env?: NodeJS.ProcessEnv): Promise<string> {
  const result = await runGit(dir, ['rev-parse', '--show-toplevel'], env);
  const top = result.stdout.trim();
  if (result.code !== 0 || top === '') {
    throw new GenieError('NOT_A_GIT_REPOSITORY', `${dir} is not inside a git repository, so a session cannot get its own worktree.`, {
      hint: 'Run genie from a git repository (or `git init` one), or leave out --worktree.',
      details: { dir },
    });
  }
  return top;
}

/** The commit a ref names; INVALID_INPUT when it names none. */
export async function commitOf(repository: string, ref: string, env?: NodeJS.ProcessEnv): Promise<string> {
  const result = await runGit(repository, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], env);
  const sha = result.stdout.trim();
  if (result.code !== 0 || sha === '') {
    const noCommits = ref === 'HEAD';
    throw new GenieError('INVALID_INPUT', noCommits ? `The repository ${repository} has no commit yet to start a worktree from.` : `"${ref}" names no commit in ${repository}.`, {
      hint: noCommits ? 'Make a first commit, then run again.' : 'Pass --base a branch, tag or commit of this repository (default: HEAD).',
      details: { repository, ref },
    });
  }
  return sha;
}
