/**
 * Start-up and throughput of the built `genie` binary, each figure printed beside
 * `node -e 0` measured in the same run on the same machine (median of RUNS runs).
 * Run with `npm run bench` in apps/cli after a build.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openJsonStorage } from '@genie/storage';
import type { TimingRequest } from './process-timer';
import { median } from './median';

const GENIE = path.resolve(__dirname, '../../bin/genie.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const LOG_BYTES = 100 * 1024 * 1024;

/**
 * The environment every measured process gets. NODE_EXTRA_CA_CERTS is removed: with it,
 * node reads and parses a CA bundle at every start (about 30 ms on our machines), which
 * would inflate the `node -e 0` baseline and flatter every ratio. genie's compile cache
 * (Node 22.1+) is where genie puts it, filled by each comparison's warm-up run.
 */
const BARE_ENV: NodeJS.ProcessEnv = (() => {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NODE_COMPILE_CACHE;
  // BENCH_KEEP_CA_CERTS=1 measures the environment as it is, CA bundle included.
  if (process.env.BENCH_KEEP_CA_CERTS !== '1') delete env.NODE_EXTRA_CA_CERTS;
  return env;
})();

const TIMER = path.join(__dirname, 'process-timer.js');

/**
 * Median time of a command and of `node -e 0`, measured alternately by process-timer.ts
 * in a small process of its own. With `settleStore`, each run waits until the background
 * runs of that store are over.
 */
function compare(
  args: string[],
  cwd: string,
  runs = RUNS,
  env: NodeJS.ProcessEnv = BARE_ENV,
  settleStore?: string,
  removeBeforeEach?: string,
): { ms: number; baselineMs: number } {
  const request: TimingRequest = {
    args,
    cwd,
    runs,
    env,
    ...(settleStore !== undefined ? { settleStore } : {}),
    ...(removeBeforeEach !== undefined ? { removeBeforeEach } : {}),
  };
  const result = spawnSync(process.execPath, [TIMER, JSON.stringify(request)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (result.status !== 0) throw new Error(`timing ${args.join(' ')} failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as { ms: number; baselineMs: number };
}

/** The store a workspace's background runs write. */
function storeOf(cwd: string): string {
  return path.join(cwd, '.genie', 'state', 'agents', 'sessions.json');
}

function genie(args: string[], cwd: string): string {
  const result = spawnSync(process.execPath, [GENIE, ...args], { cwd, env: BARE_ENV, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`genie ${args.join(' ')} exited ${result.status}: ${result.stdout.slice(0, 2000)}${result.stderr}`);
  return result.stdout;
}

function tempWorkspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'genie-cli-bench-'));
  fs.mkdirSync(path.join(dir, '.genie', 'state', 'agents'), { recursive: true });
  return dir;
}

/** A V2 store of `count` finished sessions, written directly (the same shape genie writes). */
function writeStore(dir: string, count: number): void {
  const sessions: Record<string, unknown> = {};
  const base = Date.parse('2026-01-01T00:00:00.000Z');
  for (let i = 0; i < count; i += 1) {
    const sessionId = `${i.toString(16).padStart(8, '0')}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
    const at = new Date(base + i * 60_000).toISOString();
    sessions[sessionId] = {
      sessionId,
      agent: i % 3 === 0 ? 'implementor' : i % 3 === 1 ? 'qa/reviewer' : 'shell',
      name: `session-${i}`,
      executor: i % 3 === 0 ? 'claude' : i % 3 === 1 ? 'codex' : 'command',
      executorSessionId: sessionId,
      mode: 'default',
      preset: 'default',
      status: 'completed',
      background: true,
      created: at,
      lastUsed: at,
      startTime: at,
      runnerPid: null,
      executorPid: null,
      host: os.hostname(),
      exitCode: 0,
      signal: null,
      error: null,
      logFile: `.genie/state/agents/logs/${sessionId}.jsonl`,
      lastPrompt: `Implement step ${i} of the plan and report what changed in the session store`,
      lastAnswer: `Step ${i} is done.`,
      turns: 1 + (i % 4),
      usage: { inputTokens: 1200 + i, outputTokens: 300, costUsd: 0.0123, durationMs: 4200 },
    };
  }
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

async function storeWriteMs(): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const dir = tempWorkspace();
    const storage = openJsonStorage(path.join(dir, '.genie', 'state', 'agents', 'sessions.json'));
    const start = process.hrtime.bigint();
    await storage.create({ sessionId: `bench-${i}`, agent: 'shell', name: `bench-${i}`, status: 'starting' });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    await storage.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return median(times);
}

interface Row {
  name: string;
  ms: number;
  baselineMs: number;
  /** Allowed time for the measured baseline; Infinity when the figure is only reported. */
  limit: (baselineMs: number) => number;
  target: string;
}

const report = (): number => Number.POSITIVE_INFINITY;

async function main(): Promise<void> {
  const scratch = tempWorkspace();
  const rows: Row[] = [];

  rows.push({ name: 'genie --version', ...compare([GENIE, '--version'], scratch), target: '< 2x', limit: (b) => 2 * b });
  rows.push({ name: 'genie list sessions --json (empty)', ...compare([GENIE, 'list', 'sessions', '--json'], scratch), target: 'report', limit: report });
  rows.push({
    name: '  the same without the compile cache',
    ...compare([GENIE, 'list', 'sessions', '--json'], scratch, RUNS, { ...BARE_ENV, NODE_DISABLE_COMPILE_CACHE: '1' }),
    target: 'report',
    limit: report,
  });

  for (const count of [1_000, 10_000]) {
    const dir = tempWorkspace();
    writeStore(dir, count);
    const measured = compare([GENIE, 'list', 'sessions', '--json'], dir);
    rows.push({ name: `genie list sessions --json (${count.toLocaleString('en-US')})`, ...measured, ...(count === 1_000 ? { target: '< 3x', limit: (b: number) => 3 * b } : { target: 'report', limit: report }) });
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const write = await storeWriteMs();
  const runDir = tempWorkspace();
  rows.push({
    name: 'genie run shell --background',
    ...compare([GENIE, 'run', 'shell', 'true', '--background', '--json'], runDir, RUNS, BARE_ENV, storeOf(runDir)),
    target: `< 3x (store write ${write.toFixed(1)} ms)`,
    limit: (b) => 3 * b,
  });

  const bigRunDir = tempWorkspace();
  writeStore(bigRunDir, 10_000);
  // A list first, as in a workspace in use: every write then also keeps the listing current.
  genie(['list', 'sessions', '--json'], bigRunDir);
  rows.push({
    name: 'genie run shell --background (10,000)',
    ...compare([GENIE, 'run', 'shell', 'true', '--background', '--json'], bigRunDir, Math.min(RUNS, 7), BARE_ENV, storeOf(bigRunDir)),
    target: 'report',
    limit: report,
  });

  const viewDir = tempWorkspace();
  const session = JSON.parse(genie(['run', 'shell', 'echo start', '--no-background', '--json'], viewDir)) as { sessionId: string; logFile: string };
  const logFile = path.isAbsolute(session.logFile) ? session.logFile : path.join(viewDir, session.logFile);
  const megabytes = Math.round(growLog(logFile) / 1024 / 1024);
  const viewRuns = Math.min(RUNS, 7);
  rows.push({
    name: `genie view (${megabytes} MB log, all in the latest turn)`,
    ...compare([GENIE, 'view', session.sessionId], viewDir, viewRuns),
    target: 'report',
    limit: report,
  });
  genie(['resume', session.sessionId, 'echo second turn', '--no-background', '--json'], viewDir);
  rows.push({
    name: `genie view (${megabytes} MB log, latest turn small)`,
    ...compare([GENIE, 'view', session.sessionId], viewDir, viewRuns),
    target: 'report',
    limit: report,
  });

  // Let the background runs finish before their directory goes.
  genie(['list', 'sessions', '--json'], runDir);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  for (const dir of [scratch, runDir, bigRunDir, viewDir, ]) fs.rmSync(dir, { recursive: true, force: true });

  const width = Math.max(...rows.map((row) => row.name.length));
  console.log(`node ${process.version}, ${os.cpus().length} cpus, median of ${RUNS} runs, each beside node -e 0 run alternately, timed from a small process of their own`);
  console.log(
    BARE_ENV.NODE_EXTRA_CA_CERTS === undefined
      ? 'every process runs without NODE_EXTRA_CA_CERTS (it adds a CA-bundle load to every node start); the compile cache warm where node has one'
      : 'every process runs with NODE_EXTRA_CA_CERTS as set here (BENCH_KEEP_CA_CERTS=1); the compile cache warm where node has one',
  );
  console.log(`${''.padEnd(width)}  ${'genie'.padStart(9)}  ${'node -e 0'.padStart(9)}  ratio`);
  for (const row of rows) {
    const limit = row.limit(row.baselineMs);
    const verdict = Number.isFinite(limit) ? (row.ms <= limit ? 'ok' : 'OVER') : '';
    console.log(
      `${row.name.padEnd(width)}  ${row.ms.toFixed(1).padStart(6)} ms  ${row.baselineMs.toFixed(1).padStart(6)} ms  ${(row.ms / row.baselineMs).toFixed(2)}x  target ${row.target} ${verdict}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
