import { spawn } from 'node:child_process';
import path from 'node:path';

/** The built CLI, exactly as `npx genie` runs it. */
export const GENIE_BIN = path.resolve(__dirname, '../../../../apps/cli/bin/genie.js');

export interface GenieResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `genie <args>` as a real process under the node running the tests. */
export function runGenie(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; input?: string }): Promise<GenieResult> {
  return new Promise((resolve, reject) => {
    const stdin = options.input === undefined ? 'ignore' : 'pipe';
    const child = spawn(process.execPath, [GENIE_BIN, ...args], { cwd: options.cwd, env: options.env, stdio: [stdin, 'pipe', 'pipe'] });
    if (options.input !== undefined) child.stdin?.end(options.input);
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export function describeResult(result: GenieResult): string {
  return `exit ${result.code}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`;
}
