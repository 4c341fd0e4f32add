import { execFile } from 'node:child_process';
import { resolveExecutable } from '../process/resolve-executable';
import type { DetectionPlace, ExecutorDetection } from './executor';

const VERSION_TIMEOUT_MS = 5_000;
const SEMVER = /\d+\.\d+\.\d+[\w.+-]*/;

/**
 * Whether an agent CLI is installed: found on PATH (or at the given path) and answering
 * `--version`. A binary that exists but cannot report its version counts as not installed,
 * because it would not run a turn either.
 */
export async function detectCli(command: string, place: DetectionPlace = { env: process.env, cwd: process.cwd() }): Promise<ExecutorDetection> {
  const found = resolveExecutable(command, place.env, place.cwd);
  if (!found) return { installed: false, command, error: `${command} was not found on PATH.` };
  try {
    const stdout = await runVersion(found);
    const firstLine = stdout.trim().split('\n')[0] ?? '';
    return { installed: true, command, path: found, version: SEMVER.exec(firstLine)?.[0] ?? firstLine };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { installed: false, command, path: found, error: `${command} --version failed: ${reason}` };
  }
}

function runVersion(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, ['--version'], { timeout: VERSION_TIMEOUT_MS, windowsHide: true }, (error, stdout) => {
      if (error) reject(error);
      else resolve(stdout);
    });
  });
}
