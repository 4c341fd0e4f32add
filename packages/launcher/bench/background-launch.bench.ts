import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openJsonStorage } from '@genie/storage';

// Background-launch return time: a caller process that loads the built launcher, starts a
// turn of an agent that runs 5 s, and exits once startBackgroundTurn returns; beside
// `node -e 0` measured in the same run. Then the resident memory of running supervisors.
const RUNS = 20;
const SUPERVISORS = 5;
const AGENT_SECONDS = 5;
const PACKAGE_ROOT = path.join(__dirname, '..');

const CALLER = `
const started = process.hrtime.bigint();
const { openJsonStorage } = require(${JSON.stringify(require.resolve('@genie/storage'))});
const { startBackgroundTurn } = require(${JSON.stringify(path.join(PACKAGE_ROOT, 'dist', 'index.js'))});
const [file, logsDir, sessionId, cwd] = process.argv.slice(2);
const storage = openJsonStorage(file);
const ctx = { storage, storageSpec: { kind: 'json', file }, logsDir };
const plan = { sessionId, executor: 'command', prompt: 'sleep', settings: { runArgs: ['bash', '-c', 'sleep ${AGENT_SECONDS}'] }, cwd };
const callStart = process.hrtime.bigint();
startBackgroundTurn(ctx, plan).then((entry) => {
  const done = process.hrtime.bigint();
  process.stdout.write(JSON.stringify({ status: entry.status, loadMs: Number(callStart - started) / 1e6, callMs: Number(done - callStart) / 1e6 }));
  return storage.close();
});
`;

/**
 * Measured processes run without NODE_EXTRA_CA_CERTS: with it, node reads and parses a CA
 * bundle at every start (about 30 ms on our machines), which would inflate the
 * `node -e 0` baseline and flatter the ratio.
 */
const BARE_ENV: NodeJS.ProcessEnv = (() => {
  const env = { ...process.env };
  // BENCH_KEEP_CA_CERTS=1 measures the environment as it is, CA bundle included.
  if (process.env.BENCH_KEEP_CA_CERTS !== '1') delete env.NODE_EXTRA_CA_CERTS;
  return env;
})();

function timeProcess(args: string[]): { ms: number; stdout: string } {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', env: BARE_ENV });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  return { ms, stdout: result.stdout };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** A /proc/<pid>/status figure in MB: VmRSS (all resident pages) or RssAnon (private to the process). */
function rssMb(pid: number, field = 'VmRSS'): number | undefined {
  try {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(PACKAGE_ROOT, 'dist', 'supervisor-main.js'))) throw new Error('Build first: npx tsup');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'genie-bench-launch-'));
  const file = path.join(dir, 'state', 'sessions.json');
  const logsDir = path.join(dir, 'state', 'logs');
  const callerFile = path.join(dir, 'caller.js');
  fs.writeFileSync(callerFile, CALLER);
  const storage = openJsonStorage(file);
  const sessions: string[] = [];
  const newSession = async (): Promise<string> => {
    const sessionId = randomUUID();
    sessions.push(sessionId);
    await storage.create({ sessionId, agent: 'bench', executor: 'command', created: new Date().toISOString() });
    return sessionId;
  };

  /** Waits until the session's supervisor has recorded its agent running (or the turn's end). */
  const untilSupervised = async (sessionId: string): Promise<void> => {
    const deadline = Date.now() + 10_000;
    while ((await storage.get(sessionId))?.status === 'starting') {
      if (Date.now() > deadline) throw new Error(`the supervisor of ${sessionId} did not start its agent within 10 s`);
      await sleep(10);
    }
  };

  try {
    timeProcess(['-e', '0']);
    const baseline: number[] = [];
    const callers: number[] = [];
    const calls: number[] = [];
    const loads: number[] = [];
    let stillRunning = 0;
    for (let run = 0; run < RUNS; run += 1) {
      baseline.push(timeProcess(['-e', '0']).ms);
      const sessionId = await newSession();
      const caller = timeProcess([callerFile, file, logsDir, sessionId, dir]);
      const reported = JSON.parse(caller.stdout) as { status: string; loadMs: number; callMs: number };
      callers.push(caller.ms);
      calls.push(reported.callMs);
      loads.push(reported.loadMs);
      const entry = await storage.get(sessionId);
      if (entry?.status === 'starting' || entry?.status === 'running') stillRunning += 1;
      // The supervisor boots on after the caller has exited: the next figures are taken once
      // it has started its agent (which then sleeps), not while it competes for the CPU.
      await untilSupervised(sessionId);
      // And after waiting, the first process to start is slower (an idle CPU wakes up).
      timeProcess(['-e', '0']);
    }
    const base = median(baseline);
    const caller = median(callers);
    console.log(`node -e 0                          median ${base.toFixed(1)} ms`);
    console.log(`background launch, caller process  median ${caller.toFixed(1)} ms  (${(caller / base).toFixed(2)}x node -e 0; target < 2x)`);
    console.log(`  of which loading launcher+store  median ${median(loads).toFixed(1)} ms`);
    console.log(`  startBackgroundTurn call         median ${median(calls).toFixed(1)} ms`);
    console.log(`agent (${AGENT_SECONDS} s) still running when the caller had exited: ${stillRunning}/${RUNS}`);

    const idle = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    await sleep(500);
    const idleRss = rssMb(idle.pid as number);
    idle.kill('SIGKILL');
    await sleep(AGENT_SECONDS * 1000);
    const runners: number[] = [];
    for (let index = 0; index < SUPERVISORS; index += 1) {
      const sessionId = await newSession();
      timeProcess([callerFile, file, logsDir, sessionId, dir]);
      const entry = await storage.get(sessionId);
      if (typeof entry?.runnerPid === 'number') runners.push(entry.runnerPid);
    }
    await sleep(1000);
    const rss = runners.map((pid) => rssMb(pid)).filter((value): value is number => value !== undefined);
    const anon = runners.map((pid) => rssMb(pid, 'RssAnon')).filter((value): value is number => value !== undefined);
    console.log(`idle node process                  VmRSS ${idleRss?.toFixed(1)} MB`);
    console.log(
      `supervisor per running session     VmRSS median ${median(rss).toFixed(1)} MB, max ${Math.max(...rss).toFixed(1)} MB over ${rss.length} (target < 50 MB)`,
    );
    console.log(`  of which private (RssAnon)       median ${median(anon).toFixed(1)} MB; the rest is file-backed (the node binary), shared between sessions`);
  } finally {
    for (const sessionId of sessions) {
      const entry = await storage.get(sessionId);
      for (const pid of [entry?.runnerPid, entry?.executorPid]) {
        if (typeof pid === 'number') {
          try {
            process.kill(pid === entry?.executorPid ? -pid : pid, 'SIGKILL');
          } catch {
            // Already finished.
          }
        }
      }
    }
    await storage.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
