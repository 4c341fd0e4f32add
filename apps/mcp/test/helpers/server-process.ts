import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** The built server, run exactly as users run it. */
export const BIN = path.resolve(__dirname, '../../bin/genie-mcp.js');

export interface HttpServerProcess {
  child: ChildProcess;
  url: string;
  port: number;
  stderr(): string;
  /** SIGTERM, then resolves with the exit code. */
  stop(): Promise<number | null>;
}

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Starts `genie-mcp --http --port 0` and resolves once it prints the URL it listens on. */
export function startHttpServer(cwd: string, env: NodeJS.ProcessEnv, extraArgs: string[] = []): Promise<HttpServerProcess> {
  const child = spawn(process.execPath, [BIN, '--http', '--port', '0', '--cwd', cwd, ...extraArgs], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(stderr);
      if (!match?.[1]) return;
      const url = match[1];
      resolve({
        child,
        url,
        port: Number(new URL(url).port),
        stderr: () => stderr,
        stop: async () => {
          child.kill('SIGTERM');
          return exited(child);
        },
      });
    });
    child.once('exit', (code) => reject(new Error(`genie-mcp exited with ${code} before listening:\n${stderr}${stdout}`)));
  });
}
