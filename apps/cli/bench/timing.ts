/**
 * What cli-bench.ts and store-bench.ts share: the environment every measured process gets,
 * the timing of a command beside `node -e 0` (done by process-timer.ts, in a small process
 * of its own), a bare write + fsync, medians and percentiles.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';

/** The built CLI the benchmarks measure. */
export const GENIE = path.resolve(__dirname, '../../bin/genie.js');

export const RUNS = Number(process.env.BENCH_RUNS ?? 15);

/**
 * The environment every measured process gets. NODE_EXTRA_CA_CERTS is removed: with it,
 * node reads and parses a CA bundle at every start (about 30 ms on our machines), which
 * would inflate the `node -e 0` baseline and flatter every ratio (BENCH_KEEP_CA_CERTS=1
 * keeps it). NODE_COMPILE_CACHE is removed so that genie's compile cache (Node 22.1+) is
 * where genie puts it, filled by each comparison's warm-up run.
 */
export const BENCH_ENV: NodeJS.ProcessEnv = (() => {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NODE_COMPILE_CACHE;
  if (process.env.BENCH_KEEP_CA_CERTS !== '1') delete env.NODE_EXTRA_CA_CERTS;
  return env;
})();

export interface TimingRequest {
  /** Arguments to node: `[GENIE, 'list', ...]`. */
  args: string[];
  cwd: string;
  runs: number;
  env: NodeJS.ProcessEnv;
  /** A session database whose background runs must be over (and their supervisors gone) before each run. */
  settleStore?: string;
}

/**
 * Medians of a command and of `node -e 0` run alternately: wall-clock time, and CPU time
 * (user + system) of the process itself, which other work on a shared machine disturbs less.
 */
export interface Timing {
  ms: number;
  cpuMs: number;
  baselineMs: number;
  baselineCpuMs: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** The value below which `fraction` of the sorted values lie. */
export function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
}

/**
 * Times a command beside `node -e 0` from process-timer.js. Spawning from a process with a
 * large heap costs more per spawn: the benchmarks build stores of 100,000 sessions, and
 * timing from them would add the same few ms to every figure, the baseline included.
 */
export function timeBesideNode(request: TimingRequest): Timing {
  const timer = path.join(__dirname, 'process-timer.js');
  const result = spawnSync(process.execPath, [timer, JSON.stringify(request)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (result.status !== 0) throw new Error(`timing ${request.args.join(' ')} failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as Timing;
}

/** A bare write + fsync of a small file: the least a durable change costs on this disk. */
export function bareWriteMs(dir: string, runs: number): number {
  const file = path.join(dir, 'bare-write');
  const bytes = Buffer.alloc(4096, 'x');
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    const fd = openSync(file, 'w');
    writeSync(fd, bytes);
    fsyncSync(fd);
    closeSync(fd);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}
