import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, resolve, sep } from 'node:path';

/**
 * Where `command` would be found by spawn: itself when it contains a path separator
 * (relative to `cwd`), else the first executable file of that name on PATH.
 */
export function resolveExecutable(command: string, env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  if (command.length === 0) return undefined;
  if (command.includes('/') || command.includes(sep)) {
    const candidate = resolve(cwd, command);
    return isExecutableFile(candidate) ? candidate : undefined;
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = resolve(cwd, dir, command);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

function isExecutableFile(file: string): boolean {
  try {
    // Most PATH directories lack the command: answering undefined spares building an error for each.
    if (!statSync(file, { throwIfNoEntry: false })?.isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
