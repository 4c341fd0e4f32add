import { spawn } from 'node:child_process';
import path from 'node:path';

/** The built CLI, exactly as `npx genie` runs it. */
export const GENIE_BIN = path.resolve(__dirname, '../../../bin/genie.js');

export interface GenieResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface GenieCallOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Written to stdin, which is then closed. */
  input?: string;
  /** Another copy of the CLI's entry file to run instead of bin/genie.js. */
  bin?: string;
  /** A command that runs node for us, e.g. `ip netns exec NAME` to run genie on another "host". */
  via?: string[];
}

/** Runs `genie <args>` as a real process and collects everything it printed. */
export function runGenie(args: string[], options: GenieCallOptions): Promise<GenieResult> {
  return new Promise((resolve, reject) => {
    const [command, ...prefix] = [...(options.via ?? []), process.execPath];
    const child = spawn(command as string, [...prefix, options.bin ?? GENIE_BIN, ...args], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** Parses stdout as exactly one JSON document (JSON.parse refuses anything else). */
export function parseJsonDocument<T = Record<string, unknown>>(result: GenieResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch (error) {
    throw new Error(
      `stdout is not exactly one JSON document (${(error as Error).message}).\nexit ${result.code}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`,
    );
  }
}

/** Everything a failed expectation needs to be diagnosed from the CI log. */
export function describeResult(result: GenieResult): string {
  return `exit ${result.code}${result.signal ? ` (${result.signal})` : ''}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`;
}
