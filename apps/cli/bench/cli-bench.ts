/**
 * Start-up and throughput of the built `genie` binary, each figure printed beside
 * `node -e 0` measured in the same run on the same machine (medians of RUNS runs, wall
 * clock and CPU time). The session store's figures are in store-bench.ts.
 * Run with `npm run bench` in apps/cli after a build.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { finishedSessions } from './seed-sessions';
import { bareWriteMs, BENCH_ENV, GENIE, RUNS, timeBesideNode, type Timing } from './timing';

const LOG_BYTES = 100 * 1024 * 1024;

/** Times `genie <args>` beside `node -e 0`; with `settleStore`, each run waits until the background runs of that store are over. */
function compare(args: string[], cwd: string, runs = RUNS, env: NodeJS.ProcessEnv = BENCH_ENV, settleStore?: string): Timing {
  return timeBesideNode({ args: [GENIE, ...args], cwd, runs, env, ...(settleStore !== undefined ? { settleStore } : {}) });
}

/** The store a workspace's background runs write (the default store, the session database). */
function storeOf(cwd: string): string {
  return path.join(cwd, '.genie', 'state', 'genie.db');
}

function genie(args: string[], cwd: string): string {
  const result = spawnSync(process.execPath, [GENIE, ...args], { cwd, env: BENCH_ENV, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`genie ${args.join(' ')} exited ${result.status}: ${result.stdout.slice(0, 2000)}${result.stderr}`);
  return result.stdout;
}

/** Every workspace made, removed when the benchmark ends, however it ends. */
const workspaces: string[] = [];

function tempWorkspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'genie-cli-bench-'));
  workspaces.push(dir);
  fs.mkdirSync(path.join(dir, '.genie', 'state', 'agents'), { recursive: true });
  return dir;
}

/** A V2 store of `count` finished sessions, written directly (the same shape genie writes). */
function writeStore(dir: string, count: number): void {
  const { sessions } = finishedSessions(count);
  fs.writeFileSync(path.join(dir, '.genie', 'state', 'agents', 'sessions.json'), `${JSON.stringify({ version: 2, sessions }, null, 2)}\n`);
}

/** Pads a finished session's log with stdout records until it holds LOG_BYTES. */
function growLog(logFile: string): number {
  const lines = fs.readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
  const end = lines.findIndex((line) => (JSON.parse(line) as { type?: string }).type === 'turn.end');
  const head = lines.slice(0, end).join('\n');
  const tail = lines.slice(end).join('\n');
  const time = new Date().toISOString();
  const record = `${JSON.stringify({ time, turn: 1, stream: 'stdout', line: 'x'.repeat(1000) })}\n`;
  const fd = fs.openSync(logFile, 'w');
  fs.writeSync(fd, `${head}\n`);
  const chunk = record.repeat(1000);
  let written = 0;
  while (written < LOG_BYTES) written += fs.writeSync(fd, chunk);
  fs.writeSync(fd, `${tail}\n`);
  fs.closeSync(fd);
  return fs.statSync(logFile).size;
}

interface Row extends Timing {
  name: string;
  /** The allowed ratio to `node -e 0`; Infinity when the figure is only reported. */
  limit: number;
  target: string;
}

const REPORT = Number.POSITIVE_INFINITY;

/** `12.3 ms  10.1 ms  1.22x`: a figure, its baseline and their ratio. */
function columns(ms: number, baselineMs: number): string {
  return `${ms.toFixed(1).padStart(7)} ms ${baselineMs.toFixed(1).padStart(6)} ms ${`${(ms / baselineMs).toFixed(2)}x`.padStart(6)}`;
}

async function main(): Promise<void> {
  const scratch = tempWorkspace();
  const rows: Row[] = [];

  rows.push({ name: 'genie --version', ...compare(['--version'], scratch), target: '< 2x', limit: 2 });
  rows.push({ name: 'genie list sessions --json (empty)', ...compare(['list', 'sessions', '--json'], scratch), target: 'report', limit: REPORT });
  rows.push({
    name: '  the same without the compile cache',
    ...compare(['list', 'sessions', '--json'], scratch, RUNS, { ...BENCH_ENV, NODE_DISABLE_COMPILE_CACHE: '1' }),
    target: 'report',
    limit: REPORT,
  });

  const runDir = tempWorkspace();
  const write = bareWriteMs(runDir, RUNS);
  rows.push({
    name: 'genie run shell --background',
    ...compare(['run', 'shell', 'true', '--background', '--json'], runDir, RUNS, BENCH_ENV, storeOf(runDir)),
    target: `< 3x (a bare write+fsync: ${write.toFixed(1)} ms)`,
    limit: 3,
  });

  const bigRunDir = tempWorkspace();
  writeStore(bigRunDir, 10_000);
  // A list first imports the sessions into the database, as in a workspace in use.
  genie(['list', 'sessions', '--json'], bigRunDir);
  rows.push({
    name: 'genie run shell --background (10,000)',
    ...compare(['run', 'shell', 'true', '--background', '--json'], bigRunDir, Math.min(RUNS, 7), BENCH_ENV, storeOf(bigRunDir)),
    target: 'report',
    limit: REPORT,
  });

  const viewDir = tempWorkspace();
  const session = JSON.parse(genie(['run', 'shell', 'echo start', '--no-background', '--json'], viewDir)) as { sessionId: string; logFile: string };
  const logFile = path.isAbsolute(session.logFile) ? session.logFile : path.join(viewDir, session.logFile);
  const megabytes = Math.round(growLog(logFile) / 1024 / 1024);
  const viewRuns = Math.min(RUNS, 7);
  rows.push({ name: `genie view (${megabytes} MB log, all in the latest turn)`, ...compare(['view', session.sessionId], viewDir, viewRuns), target: 'report', limit: REPORT });
  genie(['resume', session.sessionId, 'echo second turn', '--no-background', '--json'], viewDir);
  rows.push({ name: `genie view (${megabytes} MB log, latest turn small)`, ...compare(['view', session.sessionId], viewDir, viewRuns), target: 'report', limit: REPORT });


  const width = Math.max(...rows.map((row) => row.name.length));
  console.log(`node ${process.version}, ${os.cpus().length} cpus, median of ${RUNS} runs, each beside node -e 0 run alternately, timed from a small process of their own`);
  console.log(
    BENCH_ENV.NODE_EXTRA_CA_CERTS === undefined
      ? 'every process runs without NODE_EXTRA_CA_CERTS (it adds a CA-bundle load to every node start); the compile cache warm where node has one'
      : 'every process runs with NODE_EXTRA_CA_CERTS as set here (BENCH_KEEP_CA_CERTS=1); the compile cache warm where node has one',
  );
  console.log(`${''.padEnd(width)}  ${'wall: genie  node -e 0  ratio'.padEnd(30)}  ${'cpu: genie  node -e 0  ratio'.padEnd(30)}  target`);
  for (const row of rows) {
    const over = row.ms / row.baselineMs > row.limit;
    const cpuOver = row.cpuMs / row.baselineCpuMs > row.limit;
    const verdict = Number.isFinite(row.limit) ? `${over ? 'OVER' : 'ok'} (cpu ${cpuOver ? 'OVER' : 'ok'})` : '';
    console.log(`${row.name.padEnd(width)}  ${columns(row.ms, row.baselineMs)}  ${columns(row.cpuMs, row.baselineCpuMs)}  ${row.target} ${verdict}`);
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const dir of workspaces) fs.rmSync(dir, { recursive: true, force: true });
  });
