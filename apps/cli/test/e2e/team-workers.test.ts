import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client as McpClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { Client } from 'pg';
import { startPostgresCluster } from '../../../../tooling/postgres-cluster';
import { GENIE_BIN, describeResult, parseJsonDocument, runGenie, type GenieResult } from './support/genie-process';
import { killRecordedTurns } from './support/team-turns';
import { until } from './support/until';
import { cleanUpWorkspaces, TestWorkspace, type SessionJson } from './support/workspace';

/** Leases and worker heartbeats are short here, so a dead host is found out in seconds. */
const LEASE_MS = 2_000;
const WORKER_HOSTS = ['host-0', 'host-1', 'host-2'] as const;
const CONCURRENCY: Record<string, number> = { 'host-0': 2, 'host-1': 1, 'host-2': 2 };
const LABELS: Record<string, string[]> = { 'host-0': ['gpu'], 'host-1': [], 'host-2': [] };
/** Hosts that only queue turns (laptops, CI jobs): they run no worker. */
const CALLER_HOSTS = ['laptop-0', 'laptop-1', 'laptop-2', 'laptop-3'] as const;

jest.setTimeout(240_000);

/**
 * One machine acting as many hosts on loopback: each has its own host id, HOME and
 * workspace (a clone of the same repository), and they share nothing but the database.
 */
interface Host {
  id: string;
  workspace: TestWorkspace;
}

interface Worker {
  host: Host;
  child: ChildProcess;
  stderr: () => string;
}

describe('genie worker: turns queued in the team database, run by workers on three hosts', () => {
  let cluster: Awaited<ReturnType<typeof startPostgresCluster>>;
  let databaseUrl: string;
  const hosts = new Map<string, Host>();
  const workers = new Map<string, Worker>();
  /** Every turn appends `<tag> <host>` here: how many times each ran, and where. */
  const marker = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'genie-workers-')), 'runs.log');

  function host(id: string): Host {
    return hosts.get(id) as Host;
  }

  function genieOn(id: string, args: string[]): Promise<GenieResult> {
    const { workspace } = host(id);
    return runGenie(args, { cwd: workspace.dir, env: workspace.env });
  }

  async function jsonOn<T = SessionJson>(id: string, args: string[]): Promise<T> {
    const result = await genieOn(id, [...args, '--json']);
    if (result.code !== 0) throw new Error(`genie ${args.join(' ')} on ${id} failed:\n${describeResult(result)}`);
    return parseJsonDocument<T>(result);
  }

  /** A shell turn that records where it ran, then does `body`. */
  function turn(tag: string, body = 'true'): string {
    return `echo "${tag} $GENIE_HOST_ID" >> ${marker}; ${body}`;
  }

  function runsOf(tag: string): string[] {
    const lines = fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8').split('\n') : [];
    return lines.filter((line) => line.split(' ')[0] === tag).map((line) => line.split(' ')[1] as string);
  }

  async function startWorker(id: string): Promise<Worker> {
    const { workspace } = host(id);
    const args = [GENIE_BIN, 'worker', '--concurrency', String(CONCURRENCY[id]), '--poll-ms', '100', ...(LABELS[id] ?? []).flatMap((l) => ['--label', l])];
    const child = spawn(process.execPath, args, { cwd: workspace.dir, env: workspace.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout?.resume();
    const worker = { host: host(id), child, stderr: () => stderr };
    workers.set(id, worker);
    await until(
      async () => ({ ready: stderr.includes('taking turns'), exited: child.exitCode !== null }),
      (state) => state.ready || state.exited,
    );
    if (child.exitCode !== null) throw new Error(`genie worker on ${id} exited ${child.exitCode}:\n${stderr}`);
    return worker;
  }

  async function query<T extends object>(text: string, values: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query<T>(text, values)).rows;
    } finally {
      await client.end();
    }
  }

  /** Every session's status and host (and why a turn that did not complete ended so), straight from the records. */
  async function records(): Promise<Array<{ name: string; status: string; host: string | null; turns: number; error: string | null }>> {
    return query("SELECT name, status, record::json->>'host' AS host, (record::json->>'turns')::int AS turns, record::json->>'error' AS error FROM genie_sessions");
  }

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    const admin = new Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('CREATE DATABASE team');
    await admin.end();
    databaseUrl = cluster.url.replace(/\/postgres$/, '/team');
    for (const id of [...WORKER_HOSTS, ...CALLER_HOSTS]) {
      const workspace = new TestWorkspace();
      execFileSync('git', ['init', '--quiet', workspace.dir]);
      execFileSync('git', ['-C', workspace.dir, 'remote', 'add', 'origin', 'https://example.com/team/app.git']);
      fs.writeFileSync(path.join(workspace.dir, '.genie', 'config.yaml'), `storage:\n  dispatch: queue\n  leaseMs: ${LEASE_MS}\n`);
      const runArgs = '["bash", "-c", "--", "{prompt}"]';
      workspace.writeAgent('gpu-job', 'command', { runArgs, labels: '[gpu]' });
      workspace.writeAgent('tpu-job', 'command', { runArgs, labels: '[tpu]' });
      workspace.writeAgent('plain-job', 'command', { runArgs });
      workspace.env.GENIE_DATABASE_URL = databaseUrl;
      workspace.env.GENIE_HOST_ID = id;
      hosts.set(id, { id, workspace });
    }
    for (const id of WORKER_HOSTS) await startWorker(id);
  });

  afterAll(async () => {
    for (const worker of workers.values()) worker.child.kill('SIGKILL');
    await killRecordedTurns(databaseUrl);
    cleanUpWorkspaces();
    cluster?.destroy();
    fs.rmSync(path.dirname(marker), { recursive: true, force: true });
  });

  // A test that paused workers (SIGSTOP) and then failed leaves none of them paused for the next.
  afterEach(() => {
    for (const worker of workers.values()) if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGCONT');
  });

  it('queues a run from a host without a worker, prints it `queued` at once, and a worker runs it', async () => {
    const queued = await jsonOn('laptop-0', ['run', 'shell', turn('first', 'echo hello from a worker'), '--name', 'first']);
    expect(queued).toMatchObject({ name: 'first', status: 'queued', turns: 0 });
    const settled = await jsonOn('laptop-1', ['view', 'first', '--follow']);
    expect(settled).toMatchObject({ status: 'completed', turns: 1, answer: 'hello from a worker' });
    expect(WORKER_HOSTS).toContain(runsOf('first')[0]);
    expect(runsOf('first')).toHaveLength(1);
  });

  it('queues a run asked for over MCP, and a worker runs it', async () => {
    const { workspace } = host('laptop-2');
    const client = new McpClient({ name: 'genie-e2e', version: '0.0.0' });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [GENIE_BIN, 'mcp'], cwd: workspace.dir, env: workspace.env as Record<string, string>, stderr: 'ignore' }));
    try {
      const result = await client.callTool({ name: 'run', arguments: { agent: 'plain-job', prompt: turn('over-mcp', 'echo from mcp'), name: 'over-mcp' } });
      expect(result.structuredContent).toMatchObject({ name: 'over-mcp', status: 'queued' });
    } finally {
      await client.close();
    }
    expect(await jsonOn('laptop-3', ['view', 'over-mcp', '--follow'])).toMatchObject({ status: 'completed', answer: 'from mcp' });
    expect(runsOf('over-mcp')).toHaveLength(1);
  });

  it('never runs more turns at once on a worker than its --concurrency, as the records show', async () => {
    const names = Array.from({ length: 12 }, (_, index) => `busy-${index}`);
    await Promise.all(names.map((name, index) => jsonOn(CALLER_HOSTS[index % CALLER_HOSTS.length] as string, ['run', 'shell', turn(name, 'sleep 1'), '--name', name])));
    const peak: Record<string, number> = {};
    for (;;) {
      const rows = (await records()).filter((row) => names.includes(row.name));
      const running: Record<string, number> = {};
      for (const row of rows) if (row.status === 'starting' || row.status === 'running') running[row.host ?? '?'] = (running[row.host ?? '?'] ?? 0) + 1;
      for (const [id, count] of Object.entries(running)) peak[id] = Math.max(peak[id] ?? 0, count);
      if (rows.every((row) => row.status === 'completed')) break;
      expect(rows.filter((row) => ['failed', 'lost', 'stopped'].includes(row.status))).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    for (const [id, count] of Object.entries(peak)) expect(`${id}: ${count} at once`).toBe(`${id}: ${Math.min(count, CONCURRENCY[id] ?? 0)} at once`);
    expect(Object.values(peak).reduce((a, b) => a + b, 0)).toBeGreaterThan(1);
    for (const name of names) expect(runsOf(name)).toHaveLength(1);
  });

  it('gives a turn of an agent that requires labels only to a worker that has them, and stops a turn no worker can take', async () => {
    const gpu = await Promise.all([0, 1, 2].map((index) => jsonOn('laptop-2', ['run', 'gpu-job', turn(`gpu-${index}`), '--name', `gpu-${index}`])));
    const tpu = await jsonOn('laptop-2', ['run', 'tpu-job', turn('tpu'), '--name', 'tpu']);
    for (const session of gpu) expect((await jsonOn('laptop-3', ['view', session.sessionId, '--follow'])).status).toBe('completed');
    for (const index of [0, 1, 2]) expect(runsOf(`gpu-${index}`)).toEqual(['host-0']);
    // No worker has `tpu`: the turn waits, listed as queued, until it is stopped.
    const listed = await jsonOn<{ sessions: SessionJson[] }>('laptop-3', ['list', 'sessions', '--status', 'queued']);
    expect(listed.sessions.map((session) => session.name)).toEqual(['tpu']);
    const stopped = await jsonOn('laptop-3', ['stop', tpu.sessionId]);
    expect(stopped).toMatchObject({ status: 'stopped', turns: 0 });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(runsOf('tpu')).toEqual([]);
    expect((await jsonOn('laptop-0', ['view', 'tpu'])).status).toBe('stopped');
  });

  it('sends every resume to the host that owns the conversation', async () => {
    await jsonOn('laptop-0', ['run', 'shell', turn('owned'), '--name', 'owned']);
    const first = await jsonOn('laptop-1', ['view', 'owned', '--follow']);
    expect(first.status).toBe('completed');
    const owner = runsOf('owned')[0] as string;
    for (const [index, caller] of CALLER_HOSTS.slice(0, 3).entries()) {
      const resumed = await jsonOn(caller, ['resume', 'owned', turn('owned')]);
      expect(resumed.status).toBe('queued');
      const settled = await jsonOn(caller, ['view', 'owned', '--follow']);
      expect(settled).toMatchObject({ status: 'completed', turns: index + 2 });
    }
    expect(runsOf('owned')).toEqual([owner, owner, owner, owner]);
  });

  it('runs a foreground `run` on a worker and follows it here until it ends', async () => {
    const result = await genieOn('laptop-1', ['run', 'shell', '--no-background', turn('foreground', 'echo streamed here'), '--name', 'foreground']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('streamed here');
    expect(result.stdout).toContain('completed');
  });

  it('stops a foreground run on Ctrl-C while it waits in the queue: it never runs', async () => {
    const { workspace } = host('laptop-3');
    const child = spawn(process.execPath, [GENIE_BIN, 'run', 'tpu-job', '--no-background', '--name', 'interrupted', turn('interrupted')], {
      cwd: workspace.dir,
      env: workspace.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.resume();
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await until(async () => stdout, (text) => text.includes('interrupted'));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(await jsonOn('laptop-0', ['view', 'interrupted'])).toMatchObject({ status: 'stopped', turns: 0 });
    expect(runsOf('interrupted')).toEqual([]);
  });

  it('takes a turn of a host that died (worker and supervisor SIGKILLed) for lost within the lease, never runs it again, and refuses its resume naming the host', async () => {
    await jsonOn('laptop-0', ['run', 'shell', turn('doomed', 'sleep 60'), '--name', 'doomed']);
    const running = await until(() => jsonOn('laptop-0', ['view', 'doomed']), (view) => view.status === 'running' && runsOf('doomed').length === 1);
    const owner = runsOf('doomed')[0] as string;
    const [row] = await query<{ runner: number; executor: number }>(
      "SELECT (record::json->>'runnerPid')::int AS runner, (record::json->>'executorPid')::int AS executor FROM genie_sessions WHERE name = 'doomed'",
    );
    // The whole host goes: its worker, the turn's supervisor and the agent.
    (workers.get(owner) as Worker).child.kill('SIGKILL');
    process.kill(row?.runner as number, 'SIGKILL');
    process.kill(-(row?.executor as number), 'SIGKILL');
    const killedAt = Date.now();
    const lost = await until(() => jsonOn('laptop-1', ['view', 'doomed']), (view) => view.status !== 'running');
    expect(lost.status).toBe('lost');
    expect(lost.error).toContain(owner);
    // Within the lease and a renewal interval, plus what reading takes on a loaded machine.
    expect(Date.now() - killedAt).toBeLessThan(LEASE_MS * 10);
    expect(running.turns).toBe(1);

    // The worker's registration is as old as the kill: once a lease has passed since, it is stale.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, killedAt + LEASE_MS + 500 - Date.now())));
    const refused = await genieOn('laptop-2', ['resume', 'doomed', 'go on', '--json']);
    expect(refused.code).toBe(4);
    const error = (parseJsonDocument<{ error: { code: string; message: string } }>(refused)).error;
    expect(error.code).toBe('HOST_GONE');
    expect(error.message).toContain(owner);
    // Nothing was queued: the session is as the lost turn left it, and it never ran again.
    expect((await jsonOn('laptop-2', ['view', 'doomed'])).status).toBe('lost');
    await new Promise((resolve) => setTimeout(resolve, LEASE_MS));
    expect(runsOf('doomed')).toEqual([owner]);

    // The host comes back: its worker takes the resume, in the conversation's directory.
    await startWorker(owner);
    await jsonOn('laptop-2', ['resume', 'doomed', turn('doomed')]);
    expect((await jsonOn('laptop-2', ['view', 'doomed', '--follow'])).status).toBe('completed');
    expect(runsOf('doomed')).toEqual([owner, owner]);
  });

  it('lets turns already started finish when a worker is stopped with SIGTERM', async () => {
    const id = 'host-2';
    const worker = workers.get(id) as Worker;
    // Only this worker takes turns while the others are away for a moment.
    for (const other of WORKER_HOSTS) if (other !== id) (workers.get(other) as Worker).child.kill('SIGSTOP');
    try {
      await jsonOn('laptop-3', ['run', 'shell', turn('outlives', 'sleep 2; echo outlived'), '--name', 'outlives']);
      await until(() => jsonOn('laptop-3', ['view', 'outlives']), (view) => view.status === 'running');
    } finally {
      for (const other of WORKER_HOSTS) if (other !== id) (workers.get(other) as Worker).child.kill('SIGCONT');
    }
    worker.child.kill('SIGTERM');
    const exit = await new Promise<number | null>((resolve) => worker.child.once('exit', (code) => resolve(code)));
    expect(exit).toBe(0);
    expect(worker.stderr()).toContain('go on under their supervisors');
    expect(await jsonOn('laptop-3', ['view', 'outlives', '--follow'])).toMatchObject({ status: 'completed', answer: 'outlived' });
    expect(runsOf('outlives')).toEqual([id]);
    await startWorker(id);
  });

  it('lets the turn of a worker SIGKILLed on its own finish under its supervisor, run once; a restarted worker counts it in its cap', async () => {
    const id = 'host-1'; // --concurrency 1
    const worker = workers.get(id) as Worker;
    const others = WORKER_HOSTS.filter((other) => other !== id).map((other) => workers.get(other) as Worker);
    // Only this host's worker takes turns meanwhile.
    for (const other of others) other.child.kill('SIGSTOP');
    try {
      await jsonOn('laptop-0', ['run', 'shell', turn('orphaned', 'sleep 8; echo finished anyway'), '--name', 'orphaned']);
      await until(() => jsonOn('laptop-0', ['view', 'orphaned']), (view) => view.status === 'running');
      worker.child.kill('SIGKILL');
      await startWorker(id);
      await jsonOn('laptop-0', ['run', 'shell', turn('after-orphan'), '--name', 'after-orphan']);
      let overlap = false;
      const rows = await until(
        async () => {
          const current = (await records()).filter((row) => row.name === 'orphaned' || row.name === 'after-orphan');
          if (current.length === 2 && current.every((row) => row.status === 'starting' || row.status === 'running')) overlap = true;
          return current;
        },
        (current) => current.length === 2 && current.every((row) => row.status === 'completed'),
      );
      expect(rows.map((row) => row.host)).toEqual([id, id]);
      expect(overlap).toBe(false);
    } finally {
      for (const other of others) other.child.kill('SIGCONT');
    }
    expect(await jsonOn('laptop-1', ['view', 'orphaned'])).toMatchObject({ status: 'completed', answer: 'finished anyway' });
    expect(runsOf('orphaned')).toEqual([id]);
  });

  it('refuses to start a worker without a team store, or with a bad --concurrency, saying what to do', async () => {
    const alone = new TestWorkspace();
    const refused = await runGenie(['worker', '--json'], { cwd: alone.dir, env: alone.env });
    expect(refused.code).toBe(4);
    expect(parseJsonDocument<{ error: { code: string; hint: string } }>(refused).error).toMatchObject({ code: 'CONFIG_INVALID', hint: expect.stringContaining('postgres') });
    const zero = await genieOn('host-1', ['worker', '--concurrency', '0', '--json']);
    expect(zero.code).toBe(2);
    expect(parseJsonDocument<{ error: { code: string } }>(zero).error.code).toBe('INVALID_INPUT');

    // Queue mode needs a team store, and a worktree belongs to a host not chosen yet: refused, nothing recorded.
    fs.writeFileSync(path.join(alone.dir, '.genie', 'config.yaml'), 'storage:\n  dispatch: queue\n');
    const local = await runGenie(['run', 'shell', 'true', '--json'], { cwd: alone.dir, env: alone.env });
    expect(local.code).toBe(4);
    expect(parseJsonDocument<{ error: { code: string; message: string } }>(local).error).toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining('storage.dispatch') });
    const worktree = await genieOn('laptop-0', ['run', 'shell', 'true', '--worktree', '--name', 'no-worktree', '--json']);
    expect(worktree.code).toBe(2);
    expect(parseJsonDocument<{ error: { code: string } }>(worktree).error.code).toBe('INVALID_INPUT');
    expect((await genieOn('laptop-0', ['view', 'no-worktree'])).code).toBe(3);
  });

  it('runs each of 200 runs queued from 4 hosts at once exactly once', async () => {
    const lanes = CALLER_HOSTS.map((id, lane) =>
      runLibrary(
        host(id),
        `const names = Array.from({ length: 50 }, (_, i) => 'many-${lane}-' + i);
         const ids = await Promise.all(names.map((name) => genie.run({ agent: 'shell', name, prompt: 'echo "' + name + ' $GENIE_HOST_ID" >> ${marker}' })));
         console.log(JSON.stringify(ids.map((view) => view.status)));`,
      ),
    );
    const statuses = (await Promise.all(lanes)).flatMap((output) => JSON.parse(output) as string[]);
    expect(statuses).toHaveLength(200);
    expect(new Set(statuses)).toEqual(new Set(['queued']));
    const settled = await until(
      async () => (await records()).filter((row) => row.name.startsWith('many-')),
      (rows) => rows.length === 200 && rows.every((row) => row.status !== 'queued' && row.status !== 'starting' && row.status !== 'running'),
    );
    expect(settled.filter((row) => row.status !== 'completed')).toEqual([]);
    for (let lane = 0; lane < 4; lane += 1) {
      for (let index = 0; index < 50; index += 1) expect({ name: `many-${lane}-${index}`, runs: runsOf(`many-${lane}-${index}`).length }).toEqual({ name: `many-${lane}-${index}`, runs: 1 });
    }
  });

  it('records every one of 20 queued and running turns while PostgreSQL restarts: the workers reconnect', async () => {
    const names = Array.from({ length: 20 }, (_, index) => `restart-${index}`);
    await Promise.all(names.map((name, index) => jsonOn(CALLER_HOSTS[index % 4] as string, ['run', 'shell', turn(name, 'sleep 1; echo survived'), '--name', name])));
    await until(records, (rows) => rows.some((row) => names.includes(row.name) && row.status === 'running'));
    cluster.restart('fast');
    const settled = await until(
      async () => (await records().catch(() => [])).filter((row) => names.includes(row.name)),
      (rows) => rows.length === 20 && rows.every((row) => !['queued', 'starting', 'running'].includes(row.status)),
    );
    expect(settled.filter((row) => row.status !== 'completed')).toEqual([]);
    for (const name of names) expect(runsOf(name)).toHaveLength(1);
    for (const worker of workers.values()) expect(worker.child.exitCode).toBeNull();
  });
});

/** Runs `body` with `genie` opened by the library (the built @genie/core) in the host's workspace; returns its stdout. */
function runLibrary(host: Host, body: string): Promise<string> {
  const core = path.resolve(__dirname, '../../../../packages/core/dist/index.js');
  const script = `const { openGenie } = require(${JSON.stringify(core)});
    (async () => { const genie = await openGenie({ cwd: process.cwd() }); try { ${body} } finally { await genie.close(); } })()
      .catch((error) => { console.error(error); process.exit(1); });`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { cwd: host.workspace.dir, env: host.workspace.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`library run on ${host.id} exited ${code}:\n${stderr}`))));
  });
}
