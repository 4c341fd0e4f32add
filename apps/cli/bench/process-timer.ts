/**
 * Times processes for the CLI benchmark (cli-bench.ts), from a small process of its own.
 *
 * Spawning from a process with a large heap costs more per spawn: the benchmark builds
 * 10 MB stores, and timing from it would add the same few ms to every figure, the
 * `node -e 0` baseline included, which flatters every ratio.
 *
 * Usage: `node process-timer.js <request as JSON>`; prints `{ ms, baselineMs }`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { isProcessAlive } from '@genie/launcher';
import { median } from './median';

export interface TimingRequest {
  args: string[];
  cwd: string;
  runs: number;
  env: NodeJS.ProcessEnv;
  /** A store whose background runs must be over (and their supervisors gone) before each run. */
  settleStore?: string;
  /** A file removed (untimed) before each run: to time a command without a cache it would keep. */
  removeBeforeEach?: string;
}

function timeOnce(args: string[], cwd: string, env: NodeJS.ProcessEnv): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stdout.toString().slice(0, 2000)}${result.stderr.toString()}`);
  return elapsed;
}

/**
 * Waits until no session of the store is starting or running and every supervisor has
 * exited, so each background run, and the `node -e 0` measured beside it, is timed on its
 * own: otherwise it shares the CPU (and the store lock) with the supervisor of the run
 * before, still at work or tearing down after its last write.
 */
function waitUntilSettled(store: string): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const { sessions } = JSON.parse(readFileSync(store, 'utf8')) as {
      sessions: Record<string, { status?: string; runnerPid?: number | null; runnerStartTime?: string | null }>;
    };
    const busy = Object.values(sessions).some(
      (session) => session.status === 'starting' || session.status === 'running' || isProcessAlive(session.runnerPid, session.runnerStartTime),
    );
    if (!busy) return;
    Atomics.wait(pause, 0, 0, 20);
  }
  throw new Error('background runs did not finish within 10 s');
}

/**
 * Median time of a command and of `node -e 0`, measured alternately, so load from other
 * processes on a shared machine weighs on both figures alike.
 */
function compare({ args, cwd, runs, env, settleStore, removeBeforeEach }: TimingRequest): { ms: number; baselineMs: number } {
  const times: number[] = [];
  const baseline: number[] = [];
  const settle = (): void => {
    if (settleStore === undefined) return;
    waitUntilSettled(settleStore);
    // After waiting, the first process to start is slower (an idle CPU wakes up): that one
    // is not measured, or the baseline would be slower than the command timed after it.
    timeOnce(['-e', '0'], cwd, env);
  };
  timeOnce(args, cwd, env);
  for (let i = 0; i < runs; i += 1) {
    settle();
    if (removeBeforeEach !== undefined) rmSync(removeBeforeEach, { force: true });
    baseline.push(timeOnce(['-e', '0'], cwd, env));
    times.push(timeOnce(args, cwd, env));
  }
  settle();
  return { ms: median(times), baselineMs: median(baseline) };
}

process.stdout.write(JSON.stringify(compare(JSON.parse(process.argv[2] ?? '{}') as TimingRequest)));
