import fs from 'node:fs';
import path from 'node:path';

/**
 * The absolute path `command` runs as under `env`'s PATH, or undefined. The library may
 * be opened with an environment other than its own process's, and detection must look
 * where the agents will really be launched from.
 */
export function resolveOnPath(command: string, env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  const candidates = command.includes('/')
    ? [path.resolve(cwd, command)]
    : (env.PATH ?? '').split(path.delimiter).filter((dir) => dir !== '').map((dir) => path.join(dir, command));
  return candidates.find((file) => {
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  });
}
