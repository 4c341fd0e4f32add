import { statSync } from 'node:fs';
import type { Executor, LaunchCommand } from '../executors/executor';
import { resolveExecutable } from '../process/resolve-executable';

/**
 * Why `command` cannot start, found before spawning so the failure names the executor
 * and how to install it instead of a bare `spawn ENOENT`. Undefined when it can start.
 */
export function launchProblem(executor: Executor, command: LaunchCommand, cwd: string, env: NodeJS.ProcessEnv): string | undefined {
  try {
    if (!statSync(cwd).isDirectory()) return `The working directory ${cwd} is not a directory.`;
  } catch {
    return `The working directory ${cwd} does not exist.`;
  }
  if (!resolveExecutable(command.command, env, cwd)) {
    return `Executor "${executor.id}" cannot start: "${command.command}" was not found on PATH or is not executable. ${executor.installHint}`;
  }
  return undefined;
}
