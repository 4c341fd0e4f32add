/**
 * The team store's figures: TURNS turns submitted by `genie run` with `storage.dispatch:
 * queue` and run by `genie worker` on WORKERS hosts of one PostgreSQL database, beside the
 * same turns started by `genie run --background` on the embedded SQLite store and `node -e 0`,
 * all measured in the same run on this machine:
 * - run -> start: from spawning the submitting `genie run` to the turn's claim (the record's
 *   `startTime`, written by the worker's host or, embedded, by the run itself);
 * - enqueued -> start (team only): from the queued record's `created` to that claim;
 * - turns per second: TURNS over the time from the first submission to the last turn's end
 *   (runs submitted LANES at a time, so the submitting commands' own start-up counts), and,
 *   for the team, a backlog of TURNS queued before any worker ran over the time from the
 *   workers' start to the last turn's end (the workers' own pace).
 * The hosts are separate workspaces, HOMEs and host ids on this machine (the pid namespace
 * and clock are shared, so the times compare). Starts its own throwaway PostgreSQL cluster.
 * Run with `npm run bench` in apps/cli after a build.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { startPostgresCluster } from '../../../tooling/postgres-cluster';
import { percentile as sortedPercentile } from './timing';

const GENIE = path.resolve(__dirname, '../../bin/genie.js');
const TURNS = Number(process.env.BENCH_TEAM_TURNS ?? 30);
const WORKERS = 3;
const CONCURRENCY = Number(process.env.BENCH_WORKER_CONCURRENCY ?? 2);
/** `genie run`s submitted at once: as many as there are workers. */
const LANES = WORKERS;
const PROMPT = 'true';
/** Bounds every wait of the bench: a turn that never starts fails it, it never hangs. */
const WAIT_MS = 5 * 60_000;

const ENV: NodeJS.ProcessEnv = (() => {
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  delete env.NODE_COMPILE_CACHE;
  delete env.GENIE_DATABASE_URL;
  delete env.GENIE_WORKSPACE;
  return env;
})();

interface Host {
  id: string;
  dir: string;
  env: NodeJS.ProcessEnv;
}

interface TurnTimes {
  /** Epoch ms of the submitting command's spawn. */
  submitted: number;
  created: number;
  started: number;
  ended: number;
}

interface SessionTimes {
  name: string;
  status: string;
  created: string | null;
  startTime: string | null;
  lastUsed: string | null;
}

const roots: string[] = [];

function makeHost(id: string, config: string): Host {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'genie-team-bench-'));
  roots.push(root);
  const dir = path.join(root, 'project');
  const home = path.join(root, 'home');
  fs.mkdirSync(path.join(dir, '.genie'), { recursive: true });
  fs.mkdirSync(home);
  fs.writeFileSync(path.join(dir, '.genie', 'config.yaml'), config);
  return { id, dir, env: { ...ENV, HOME: home, GENIE_HOST_ID: id, GENIE_CEILING_DIRECTORIES: os.tmpdir() } };
}

function genie(host: Host, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [GENIE, ...args], { cwd: host.dir, env: host.env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`genie ${args.join(' ')} on ${host.id} exited ${code}: ${stderr}`))));
  });
}

/** Submits TURNS runs, LANES at a time; returns each session's spawn time by name. */
async function submitAll(host: Host, prefix: string): Promise<Map<string, number>> {
  const submitted = new Map<string, number>();
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < TURNS) {
      const name = `${prefix}-${next}`;
      next += 1;
      submitted.set(name, Date.now());
      await genie(host, ['run', 'shell', PROMPT, '--name', name]);
    }
  };
  await Promise.all(Array.from({ length: LANES }, lane));
  return submitted;
}

async function settled(read: () => Promise<SessionTimes[]>, what: string): Promise<SessionTimes[]> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const sessions = await read();
    const ended = sessions.filter((session) => session.status === 'completed' || session.status === 'failed' || session.status === 'lost');
    if (sessions.length >= TURNS && ended.length === sessions.length) {
      const bad = sessions.filter((session) => session.status !== 'completed');
      if (bad.length > 0) throw new Error(`${what}: ${bad.length} turns did not complete (${bad.map((session) => `${session.name}: ${session.status}`).join(', ')})`);
      return sessions;
    }
    if (Date.now() > deadline) throw new Error(`${what}: only ${ended.length} of ${TURNS} turns ended within ${WAIT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function timesOf(sessions: SessionTimes[], submitted: Map<string, number>): TurnTimes[] {
  return sessions.map((session) => ({
    submitted: submitted.get(session.name) as number,
    created: Date.parse(session.created ?? ''),
    started: Date.parse(session.startTime ?? ''),
    ended: Date.parse(session.lastUsed ?? ''),
  }));
}

function percentile(values: readonly number[], fraction: number): number {
  return sortedPercentile([...values].sort((a, b) => a - b), fraction);
}

function turnsPerSecond(times: TurnTimes[]): number {
  const first = Math.min(...times.map((time) => time.submitted));
  const last = Math.max(...times.map((time) => time.ended));
  return times.length / ((last - first) / 1000);
}

/** Start-up of a bare node, each run's time: the floor under every figure that starts a process. */
function nodeStartMs(runs = 15): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', '0'], { env: ENV, stdio: 'ignore' });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times;
}

async function embeddedRun(): Promise<TurnTimes[]> {
  const host = makeHost('embedded', 'defaults:\n  background: true\n');
  // One run first: it creates the database, so the measured runs do not pay for it.
  await genie(host, ['run', 'shell', PROMPT, '--name', 'warm-up']);
  const submitted = await submitAll(host, 'embedded');
  const file = path.join(host.dir, '.genie', 'state', 'genie.db');
  const read = async (): Promise<SessionTimes[]> => {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      db.pragma('busy_timeout = 5000');
      const rows = db.prepare('SELECT record FROM sessions').all() as Array<{ record: string }>;
      return rows.map((row) => JSON.parse(row.record) as SessionTimes).filter((session) => session.name.startsWith('embedded-'));
    } finally {
      db.close();
    }
  };
  return timesOf(await settled(read, 'embedded store'), submitted);
}

function startWorker(host: Host): Promise<ChildProcess> {
  const worker = spawn(process.execPath, [GENIE, 'worker', '--concurrency', String(CONCURRENCY)], { cwd: host.dir, env: host.env, stdio: ['ignore', 'ignore', 'pipe'] });
  let said = '';
  return new Promise<ChildProcess>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`genie worker on ${host.id} did not start: ${said}`)), WAIT_MS);
    worker.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      said += chunk;
      if (said.includes('taking turns')) {
        clearTimeout(timer);
        resolve(worker);
      }
    });
    worker.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`genie worker on ${host.id} exited ${code}: ${said}`));
    });
  });
}

function stopWorker(worker: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (worker.exitCode !== null || worker.signalCode !== null) return resolve();
    worker.on('exit', () => resolve());
    worker.kill('SIGTERM');
  });
}

interface TeamFigures {
  /** Turns submitted while the workers ran: latencies, and turns per second as the submitters feed them. */
  fed: TurnTimes[];
  /** A backlog of TURNS queued before any worker ran, drained by the workers: their own pace. */
  drainedPerSecond: number;
  serverVersion: string;
}

async function teamRun(url: string): Promise<TeamFigures> {
  const config = `storage:\n  adapter: postgres\n  url: ${url}\n  project: bench\n  dispatch: queue\n`;
  const submitter = makeHost('submitter', config);
  const hosts = Array.from({ length: WORKERS }, (_, index) => makeHost(`worker-${index}`, config));
  const workers: ChildProcess[] = [];
  const client = new Client({ connectionString: url });
  await client.connect();
  const sessionsNamed = (prefix: string) => async (): Promise<SessionTimes[]> => {
    const { rows } = await client.query<{ record: string }>('SELECT record FROM genie_sessions WHERE project = $1 AND name LIKE $2', ['bench', `${prefix}-%`]);
    return rows.map((row) => JSON.parse(row.record) as SessionTimes);
  };
  try {
    // The backlog: queued with no worker running, then drained from the moment the workers start.
    const backlog = await submitAll(submitter, 'backlog');
    const workersStarted = Date.now();
    workers.push(...(await Promise.all(hosts.map(startWorker))));
    const drained = timesOf(await settled(sessionsNamed('backlog'), 'team store, backlog'), backlog);
    const drainedPerSecond = drained.length / ((Math.max(...drained.map((time) => time.ended)) - workersStarted) / 1000);

    const serverVersion = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? '?';
    const submitted = await submitAll(submitter, 'team');
    return { fed: timesOf(await settled(sessionsNamed('team'), 'team store'), submitted), drainedPerSecond, serverVersion };
  } finally {
    await client.end().catch(() => undefined);
    await Promise.all(workers.map(stopWorker));
  }
}

async function main(): Promise<void> {
  const cluster = await startPostgresCluster();
  try {
    const admin = new Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('CREATE DATABASE bench');
    await admin.end();
    const url = cluster.url.replace(/\/postgres$/, '/bench');

    const nodeMs = nodeStartMs();
    const phase = (what: string): void => void process.stderr.write(`team bench: ${what}\n`);
    phase(`${TURNS} background runs on the embedded store`);
    const embedded = await embeddedRun();
    phase(`${TURNS} runs queued for ${WORKERS} workers`);
    const team = await teamRun(url);

    const row = (name: string, values: number[]): string =>
      `${name.padEnd(50)}${percentile(values, 0.5).toFixed(0).padStart(8)}${percentile(values, 0.95).toFixed(0).padStart(8)}\n`;
    process.stdout.write(
      `\nteam bench: ${TURNS} turns of \`genie run shell ${PROMPT}\`, ${LANES} submitted at a time; ` +
        `${WORKERS} workers x concurrency ${CONCURRENCY}; PostgreSQL ${team.serverVersion}\n`,
    );
    process.stdout.write(`${'figure'.padEnd(50)}${'p50 ms'.padStart(8)}${'p95 ms'.padStart(8)}\n`);
    process.stdout.write(row('node -e 0', nodeMs));
    process.stdout.write(row('embedded (SQLite): run -> turn start', embedded.map((time) => time.started - time.submitted)));
    process.stdout.write(row(`team (${WORKERS} workers): run -> turn start`, team.fed.map((time) => time.started - time.submitted)));
    process.stdout.write(row(`team (${WORKERS} workers): enqueued -> turn start`, team.fed.map((time) => time.started - time.created)));
    const rate = (name: string, perSecond: number): string => `${name.padEnd(50)}${perSecond.toFixed(2).padStart(8)}\n`;
    process.stdout.write(`${'turns per second'.padEnd(50)}${'turns/s'.padStart(8)}\n`);
    process.stdout.write(rate(`embedded (SQLite), runs ${LANES} at a time`, turnsPerSecond(embedded)));
    process.stdout.write(rate(`team, runs ${LANES} at a time, ${WORKERS} workers`, turnsPerSecond(team.fed)));
    process.stdout.write(rate(`team, a backlog of ${TURNS} drained by ${WORKERS} workers`, team.drainedPerSecond));
  } finally {
    cluster.destroy();
    for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
