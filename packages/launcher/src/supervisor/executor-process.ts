import { spawn, type ChildProcess } from 'node:child_process';
import type { Executor, LaunchCommand } from '../executors/executor';
import { SESSION_ENV_VAR, TURN_ENV_VAR } from '../process/session-marker';

export type ExitStatus = [code: number | null, signal: NodeJS.Signals | null];

export interface RunningExecutor {
  child: ChildProcess;
  pid: number;
  /** Resolves when the process exits. */
  exit: Promise<ExitStatus>;
  /** Resolves when its pipes are closed too (a descendant may hold them longer). */
  closed: Promise<void>;
}

/**
 * Spawns an executor's command as the leader of its own process group (so stop can
 * signal the whole group), marked with the session's id, its stdout and stderr piped.
 * A command that cannot start gives an error text naming the executor instead.
 */
export async function spawnExecutor(
  executor: Executor,
  command: LaunchCommand,
  options: { cwd: string; env: NodeJS.ProcessEnv; sessionId: string; turnId: string },
): Promise<RunningExecutor | { error: string }> {
  let child: ChildProcess;
  try {
    child = spawn(command.command, command.args, {
      cwd: options.cwd,
      env: { ...options.env, ...command.env, [SESSION_ENV_VAR]: options.sessionId, [TURN_ENV_VAR]: options.turnId },
      detached: true,
      stdio: [command.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
  } catch (error) {
    // Thrown synchronously for argv node refuses, e.g. a prompt holding a NUL byte, or one the kernel refuses (E2BIG).
    return { error: `Executor "${executor.id}" could not start "${command.command}": ${(error as Error).message}${tooLongHint(error)}` };
  }
  const spawnError = await new Promise<Error | null>((resolve) => {
    child.once('spawn', () => resolve(null));
    child.once('error', resolve);
  });
  if (spawnError) {
    const hint = tooLongHint(spawnError) || `. ${executor.installHint}`;
    return { error: `Executor "${executor.id}" could not start "${command.command}": ${spawnError.message}${hint}` };
  }
  child.on('error', () => {
    // Signal delivery errors after spawn only mean the process is already gone.
  });
  if (command.stdin !== undefined && child.stdin) {
    // A CLI that exits before reading its prompt closes the pipe (EPIPE); its exit says why.
    child.stdin.on('error', () => undefined);
    child.stdin.end(command.stdin);
  }
  const exit = new Promise<ExitStatus>((resolve) => child.once('exit', (code, signal) => resolve([code, signal])));
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return { child, pid: child.pid as number, exit, closed };
}

/**
 * Linux refuses an argument over 128 KiB, or about 2 MiB of them in all (E2BIG): the program
 * is there, its command line is not possible. Claude and Codex get large prompts on stdin; an
 * agent that takes its prompt as an argument (the shell agent, a custom runArgs) cannot.
 */
function tooLongHint(error: unknown): string {
  if ((error as NodeJS.ErrnoException | null)?.code !== 'E2BIG') return '';
  return ': its command line is too long (Linux takes at most 128 KiB in one argument). Shorten the prompt or the instructions, or put the long part in a file and name the file in the prompt.';
}
