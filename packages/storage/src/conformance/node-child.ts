import { spawn, type ChildProcess } from 'node:child_process';

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunningChild {
  child: ChildProcess;
  /** Resolves when the child printed the line `line` (rejects if it exits first). */
  waitForLine(line: string): Promise<void>;
  /** Everything it printed on stdout so far. */
  stdout(): string;
  exited: Promise<ChildResult>;
}

const running = new Set<ChildProcess>();

/** Kills every child still running (a failed test must not leave them behind). */
export function killRunningChildren(): void {
  for (const child of running) child.kill('SIGKILL');
}

/** Starts `node <script> ...args` under the node running this process, its output collected. */
export function startNodeScript(script: string, args: string[]): RunningChild {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
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
      stdout.split('\n').includes(line) ? Promise.resolve() : new Promise((resolve, reject) => waiters.push({ line, resolve, reject })),
  };
}
