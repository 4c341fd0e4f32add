import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { StorageSpec } from '../session-storage';

export interface WriterResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunningWriter {
  child: ChildProcess;
  /** Resolves when the writer printed the line `line` (rejects if it exits first). */
  waitForLine(line: string): Promise<void>;
  exited: Promise<WriterResult>;
}

const WRITER = 'conformance-writer.js';

/**
 * The built writer: beside this module in the published package, or in `dist` when the
 * suite runs from the sources (a test runner compiling TypeScript on the fly).
 */
function writerScript(): string {
  const beside = join(__dirname, WRITER);
  return existsSync(beside) ? beside : join(__dirname, '..', '..', 'dist', WRITER);
}

const running = new Set<ChildProcess>();

/** Kills every writer still running (a failed test must not leave them behind). */
export function killRunningWriters(): void {
  for (const child of running) child.kill('SIGKILL');
}

export function startWriter(spec: StorageSpec, args: string[]): RunningWriter {
  const child = spawn(process.execPath, [writerScript(), JSON.stringify(spec), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let stdout = '';
  let stderr = '';
  const waiters: Array<{ line: string; resolve: () => void; reject: (error: Error) => void }> = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    const lines = stdout.split('\n');
    for (const waiter of waiters.splice(0)) {
      if (lines.includes(waiter.line)) waiter.resolve();
      else waiters.push(waiter);
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<WriterResult>((resolve) => {
    child.on('close', (code, signal) => {
      running.delete(child);
      for (const waiter of waiters.splice(0)) waiter.reject(new Error(`the writer exited (${code ?? signal}) before printing "${waiter.line}": ${stderr}`));
      resolve({ code, signal, stdout, stderr });
    });
  });
  return {
    child,
    exited,
    waitForLine: (line) =>
      stdout.split('\n').includes(line) ? Promise.resolve() : new Promise((resolve, reject) => waiters.push({ line, resolve, reject })),
  };
}
