/**
 * Times processes for the benchmarks (see timing.ts), from a small process of its own.
 * Usage: `node process-timer.js <TimingRequest as JSON>`; prints a Timing as JSON.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isProcessAlive } from '@genie/launcher';
import { median, type Timing, type TimingRequest } from './timing';

const CPU_REPORT = path.join(__dirname, 'cpu-report.js');
const reportDir = mkdtempSync(path.join(os.tmpdir(), 'genie-bench-cpu-'));
const reportFile = path.join(reportDir, 'cpu');

/** Wall-clock and CPU time (ms) of one run of `node <args>`. */
function timeOnce(args: string[], cwd: string, env: NodeJS.ProcessEnv): { ms: number; cpuMs: number } {
  rmSync(reportFile, { force: true });
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['-r', CPU_REPORT, ...args], {
    cwd,
    env: { ...env, BENCH_CPU_REPORT: reportFile },
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 30,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stdout.toString().slice(0, 2000)}${result.stderr.toString()}`);
  return { ms, cpuMs: Number(readFileSync(reportFile, 'utf8')) };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Row = { record: string };
interface ReadOnlyDatabase {
  exec(sql: string): void;
  prepare(sql: string): { all(): unknown[] };
  close(): void;
}

/**
 * The records of a session database, read through a read-only connection: opening it as a
 * store could bring its layout up to date, and the timer changes nothing it measures.
 * node:sqlite where this node has it, else better-sqlite3 (Node 20).
 */
function storedSessions(file: string): Array<{ status?: string; runnerPid?: number | null; runnerStartTime?: string | null }> {
  if (!existsSync(file)) return [];
  const getBuiltinModule = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  const nodeSqlite = getBuiltinModule?.call(process, 'node:sqlite') as { DatabaseSync: new (file: string, options: object) => ReadOnlyDatabase } | undefined;
  const db: ReadOnlyDatabase = nodeSqlite
    ? new nodeSqlite.DatabaseSync(file, { readOnly: true })
    : new (require('better-sqlite3') as new (file: string, options: object) => ReadOnlyDatabase)(file, { readonly: true });
  try {
    // A supervisor may be writing: wait for it rather than fail.
    db.exec('PRAGMA busy_timeout = 5000');
    return (db.prepare('SELECT record FROM sessions').all() as Row[]).map((row) => JSON.parse(row.record));
  } finally {
    db.close();
  }
}

/**
 * Waits until no session of the store is starting or running and every supervisor has
 * exited, so each background run, and the `node -e 0` measured beside it, is timed on its
 * own: otherwise it shares the CPU (and the store) with the supervisor of the run before.
 */
async function waitUntilSettled(file: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const busy = storedSessions(file).some(
      (session) => session.status === 'starting' || session.status === 'running' || isProcessAlive(session.runnerPid ?? null, session.runnerStartTime ?? null),
    );
    if (!busy) return;
    await pause(20);
  }
  throw new Error('background runs did not finish within 10 s');
}

/**
 * Medians of a command and of `node -e 0`, measured alternately, so load from other
 * processes on a shared machine weighs on both figures alike.
 */
async function compare({ args, cwd, runs, env, settleStore }: TimingRequest): Promise<Timing> {
  const times: Array<{ ms: number; cpuMs: number }> = [];
  const baseline: Array<{ ms: number; cpuMs: number }> = [];
  const settle = async (): Promise<void> => {
    if (settleStore === undefined) return;
    await waitUntilSettled(settleStore);
    // After waiting, the first process to start is slower (an idle CPU wakes up): that one
    // is not measured, or the baseline would be slower than the command timed after it.
    timeOnce(['-e', '0'], cwd, env);
  };
  timeOnce(args, cwd, env);
  for (let i = 0; i < runs; i += 1) {
    await settle();
    baseline.push(timeOnce(['-e', '0'], cwd, env));
    times.push(timeOnce(args, cwd, env));
  }
  await settle();
  return {
    ms: median(times.map((time) => time.ms)),
    cpuMs: median(times.map((time) => time.cpuMs)),
    baselineMs: median(baseline.map((time) => time.ms)),
    baselineCpuMs: median(baseline.map((time) => time.cpuMs)),
  };
}

compare(JSON.parse(process.argv[2] ?? '{}') as TimingRequest)
  .then((timing) => process.stdout.write(JSON.stringify(timing)))
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => rmSync(reportDir, { recursive: true, force: true }));
