import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const FIXTURES = join(__dirname, '..', 'fixtures');

const running = new Set<ChildProcess>();

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunningChild {
  child: ChildProcess;
  /** Resolves when a stdout line equal to `line` has been printed (rejects if the child exits first). */
  waitForLine(line: string): Promise<void>;
  stdout(): string;
  exited: Promise<ChildResult>;
}

/** Starts `node fixtures/<script> ...args`; every child is killed when the test file ends. */
export function startFixture(script: string, args: string[]): RunningChild {
  const child = spawn(process.execPath, [join(FIXTURES, script), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
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
  const exited = new Promise<ChildResult>((resolve) => {
    child.on('close', (code, signal) => {
      running.delete(child);
      for (const waiter of waiters.splice(0)) waiter.reject(new Error(`${script} exited (${code ?? signal}) before printing "${waiter.line}": ${stderr}`));
      resolve({ code, signal, stdout, stderr });
    });
  });
  return {
    child,
    stdout: () => stdout,
    exited,
    waitForLine: (line) =>
      stdout.split('\n').includes(line)
        ? Promise.resolve()
        : new Promise((resolve, reject) => waiters.push({ line, resolve, reject })),
  };
}

export function runFixture(script: string, args: string[]): Promise<ChildResult> {
  return startFixture(script, args).exited;
}

afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
});
