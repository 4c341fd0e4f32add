import { spawn } from 'node:child_process';

export interface HookRun {
  argv: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Written to the hook's stdin; a hook that does not read it is fine. */
  stdin: string;
  timeoutMs: number;
}

/** How much of a failing hook's stderr its recorded error keeps. */
const STDERR_TAIL = 500;

/** Control characters (terminal escapes included) of a hook's stderr never reach a record that `view` prints. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
}

/**
 * Runs one hook from its argv (no shell), as the leader of its own process group so a
 * timeout ends it and everything it started. Resolves with null when it exited 0, else
 * with why it failed; it never rejects.
 */
export function runHook(run: HookRun): Promise<string | null> {
  const [command, ...args] = run.argv;
  if (command === undefined || command === '') return Promise.resolve('the hook has an empty command');
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(command, args, { cwd: run.cwd, env: run.env, detached: true, stdio: ['pipe', 'ignore', 'pipe'] });
    } catch (error) {
      resolve(`could not start: ${(error as Error).message}`);
      return;
    }
    let stderr = '';
    let timedOut = false;
    let settled = false;
    const settle = (result: string | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) signalGroup(child.pid, 'SIGKILL');
    }, run.timeoutMs);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL);
    });
    child.stdin?.on('error', () => {
      // EPIPE: the hook exited without reading the session; that is its choice.
    });
    child.stdin?.end(run.stdin);
    child.once('error', (error) => settle(`could not start: ${error.message}`));
    // 'exit', not 'close': a descendant that escaped the group may hold the pipes open.
    child.once('exit', (code, signal) => {
      const text = stderr.replace(CONTROL, '').trim();
      const said = text === '' ? '' : `: ${text}`;
      if (timedOut) settle(`timed out after ${run.timeoutMs} ms and was killed${said}`);
      else if (code === 0) settle(null);
      else settle(code !== null ? `exited with code ${code}${said}` : `was killed by ${signal}${said}`);
    });
  });
}
