import { execFile } from 'node:child_process';
import { GenieError } from '@genie/errors';

export interface GitResult {
  stdout: string;
  stderr: string;
  /** git's exit code; 0 on success. */
  code: number;
}

/** Diffs of a long-running agent can be large; git's output is never cut short below this. */
const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

/**
 * Runs git with an argv (never a shell line) in `cwd` and returns what it printed and how
 * it exited. Only a git that cannot run at all is an error here; callers decide what a
 * non-zero exit means.
 */
export function runGit(cwd: string, args: readonly string[], env?: NodeJS.ProcessEnv): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [...args],
      { cwd, maxBuffer: MAX_OUTPUT_BYTES, encoding: 'utf8', env: { ...(env ?? process.env), GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } },
      (error, stdout, stderr) => {
        const code = (error as { code?: unknown } | null)?.code;
        if (error && typeof code !== 'number') {
          reject(
            new GenieError('GIT_FAILED', `Cannot run git in ${cwd}: ${error.message}`, {
              hint: code === 'ENOENT' ? 'Install git and make sure it is on PATH.' : 'Check that the directory exists and git works there.',
              details: { cwd, args: [...args] },
              cause: error,
            }),
          );
          return;
        }
        resolve({ stdout, stderr, code: typeof code === 'number' ? code : 0 });
      },
    );
  });
}

/** Runs git and returns its stdout; a non-zero exit is GIT_FAILED carrying git's own message. */
export async function git(cwd: string, args: readonly string[], env?: NodeJS.ProcessEnv): Promise<string> {
  const result = await runGit(cwd, args, env);
  if (result.code !== 0) throw gitFailed(cwd, args, result);
  return result.stdout;
}

export function gitFailed(cwd: string, args: readonly string[], result: GitResult): GenieError {
  const said = result.stderr.trim() || result.stdout.trim() || `exit code ${result.code}`;
  return new GenieError('GIT_FAILED', `git ${args[0] ?? ''} failed in ${cwd}: ${said}`, {
    hint: 'Fix what git reports, then run the command again; nothing else was changed.',
    details: { cwd, args: [...args], exitCode: result.code },
  });
}
