import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { startPostgresCluster } from '../../../../tooling/postgres-cluster';
import { GENIE_BIN, describeResult, parseJsonDocument, runGenie, type GenieResult } from './support/genie-process';
import { killRecordedTurns } from './support/team-turns';
import { until } from './support/until';
import { cleanUpWorkspaces, TestWorkspace, type SessionJson } from './support/workspace';

const HOSTS = 3;
const LEASE_MS = 4_000;
/** Long enough that a stop of an agent ignoring SIGTERM is still waiting when it first reports progress. */
const GRACE_MS = 3_000;
const tag = process.pid % 10_000;

/**
 * One host of the team: its own network namespace joined to this machine by a veth pair
 * (so it reaches PostgreSQL over a network link that can be cut), its own HOME, workspace
 * and host id. Where namespaces cannot be made (not root, no iproute2), the hosts share
 * loopback, the test says so, and a "cut link" is a frozen supervisor instead.
 */
interface Host {
  id: string;
  workspace: TestWorkspace;
  namespace: string | null;
  /** The veth end on this machine's side, whose link is cut. */
  link: string | null;
  /** This machine's address as the host reaches it. */
  gateway: string;
}

function tryIp(args: string[]): boolean {
  return spawnSync('ip', args, { stdio: 'ignore' }).status === 0;
}

/** A /24 no interface of this machine uses yet (another test run may be making hosts too). */
function freeSubnet(index: number): string {
  for (let offset = 0; offset < 250; offset += 1) {
    const subnet = `10.${200 + index}.${(tag + offset) % 250}`;
    const used = spawnSync('ip', ['-o', 'addr', 'show', 'to', `${subnet}.0/24`], { encoding: 'utf8' });
    if (used.status === 0 && used.stdout.trim() === '') return subnet;
  }
  return `10.${200 + index}.${tag % 250}`;
}

function makeNamespace(index: number): { namespace: string; link: string; gateway: string } | null {
  const namespace = `genie-t${tag}-${index}`;
  const link = `gv${tag}h${index}`;
  const peer = `gv${tag}n${index}`;
  const subnet = freeSubnet(index);
  const steps = [
    ['netns', 'add', namespace],
    ['link', 'add', link, 'type', 'veth', 'peer', 'name', peer],
    ['link', 'set', peer, 'netns', namespace],
    ['addr', 'add', `${subnet}.1/24`, 'dev', link],
    ['link', 'set', link, 'up'],
    ['-n', namespace, 'addr', 'add', `${subnet}.2/24`, 'dev', peer],
    ['-n', namespace, 'link', 'set', peer, 'up'],
    ['-n', namespace, 'link', 'set', 'lo', 'up'],
  ];
  for (const step of steps) {
    if (!tryIp(step)) {
      tryIp(['link', 'del', link]);
      tryIp(['netns', 'del', namespace]);
      return null;
    }
  }
  return { namespace, link, gateway: `${subnet}.1` };
}

function genieOn(host: Host, args: string[]): Promise<GenieResult> {
  const { dir: cwd, env } = host.workspace;
  return runGenie(args, { cwd, env, ...(host.namespace ? { via: ['ip', 'netns', 'exec', host.namespace] } : {}) });
}

async function jsonOn<T = SessionJson>(host: Host, args: string[]): Promise<T> {
  const result = await genieOn(host, [...args, '--json']);
  if (result.code !== 0) throw new Error(`genie ${args.join(' ')} on ${host.id} failed:\n${describeResult(result)}`);
  return parseJsonDocument<T>(result);
}

/**
 * An agent that ignores SIGTERM and leaves two children that escape the usual ways: one in
 * a session of its own (`setsid`), one with a cleared environment (`env -i`, so without
 * genie's markers). Each writes its pid into `dir`, as this machine numbers it: read from
 * /proc/self, since `$$` counts inside the PID namespace a turn may run in.
 */
function stubbornAgent(dir: string): string {
  const ownPid = (file: string): string => `read -r pid rest < /proc/self/stat; echo $pid > ${dir}/${file}`;
  return [
    `mkdir -p ${dir}`,
    "trap '' TERM",
    `setsid sh -c '${ownPid('setsid.pid')}; exec sleep 300' &`,
    `env -i /bin/sh -c '${ownPid('env-i.pid')}; exec sleep 300' &`,
    ownPid('agent.pid'),
    'echo stubborn agent ready',
    'while :; do sleep 1; done',
  ].join('\n');
}

const TREE = ['agent.pid', 'setsid.pid', 'env-i.pid'];

/** The pids the stubborn agent wrote so far (the hosts share this machine's pid namespace). */
function treePids(dir: string): number[] {
  return TREE.flatMap((file) => {
    try {
      const pid = Number(fs.readFileSync(path.join(dir, file), 'utf8').trim());
      return Number.isInteger(pid) && pid > 0 ? [pid] : [];
    } catch {
      return [];
    }
  });
}

/** Alive and not a zombie (an ended process its parent has not collected yet runs nothing). */
function isRunning(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

async function runningTree(host: Host, name: string): Promise<{ dir: string; pids: number[] }> {
  const dir = path.join(host.workspace.dir, `pids-${name}`);
  await jsonOn(host, ['run', 'shell', stubbornAgent(dir), '--background', '--name', name]);
  const pids = await until(() => Promise.resolve(treePids(dir)), (found) => found.length === TREE.length);
  expect(pids.filter(isRunning)).toEqual(pids);
  return { dir, pids };
}

async function recordOf(url: string, name: string): Promise<{ runner: number | null; status: string; host: string }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ runner: number | null; status: string; host: string }>(
      "SELECT (record::json->>'runnerPid')::int AS runner, status, record::json->>'host' AS host FROM genie_sessions WHERE name = $1",
      [name],
    );
    return rows[0] as { runner: number | null; status: string; host: string };
  } finally {
    await client.end();
  }
}

/** `genie worker` on a host, once it says it takes turns; stopped by the test (SIGTERM). */
async function startWorker(host: Host): Promise<ChildProcess> {
  const command = host.namespace ? 'ip' : process.execPath;
  const argv = host.namespace ? ['netns', 'exec', host.namespace, process.execPath, GENIE_BIN, 'worker'] : [GENIE_BIN, 'worker'];
  const worker = spawn(command, argv, { cwd: host.workspace.dir, env: host.workspace.env, stdio: ['ignore', 'ignore', 'pipe'] });
  let said = '';
  await new Promise<void>((resolve, reject) => {
    worker.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      said += chunk;
      if (said.includes('taking turns')) resolve();
    });
    worker.on('exit', (code) => reject(new Error(`genie worker on ${host.id} exited ${code}:\n${said}`)));
  });
  return worker;
}

function stopWorker(worker: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (worker.exitCode !== null || worker.signalCode !== null) return resolve();
    worker.on('exit', () => resolve());
    worker.kill('SIGTERM');
  });
}

describe(`a team of ${HOSTS} hosts on one PostgreSQL database`, () => {
  let cluster: Awaited<ReturnType<typeof startPostgresCluster>>;
  const hosts: Host[] = [];
  let namespaces = true;

  beforeAll(async () => {
    cluster = await startPostgresCluster({ listen: '*' });
    const admin = new Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('CREATE DATABASE team');
    await admin.end();
    for (let index = 0; index < HOSTS; index += 1) {
      const made = namespaces ? makeNamespace(index) : null;
      if (!made && namespaces) {
        namespaces = false;
        console.warn('Network namespaces cannot be made here (ip netns needs root and iproute2): the hosts share loopback instead.');
      }
      const workspace = new TestWorkspace();
      execFileSync('git', ['init', '--quiet', workspace.dir]);
      execFileSync('git', ['-C', workspace.dir, 'remote', 'add', 'origin', 'git@example.com:team/app.git']);
      fs.writeFileSync(path.join(workspace.dir, '.genie', 'config.yaml'), `storage:\n  leaseMs: ${LEASE_MS}\nstop:\n  graceMs: ${GRACE_MS}\n`);
      const gateway = made?.gateway ?? '127.0.0.1';
      workspace.env.GENIE_DATABASE_URL = `postgres://genie@${gateway}:${cluster.port}/team`;
      workspace.env.GENIE_HOST_ID = `host-${index}`;
      hosts.push({ id: `host-${index}`, workspace, namespace: made?.namespace ?? null, link: made?.link ?? null, gateway });
    }
  });

  afterAll(async () => {
    // Supervisors of the hosts run in the shared pid namespace: end what the turns left.
    await killRecordedTurns(cluster.url.replace(/\/postgres$/, '/team'));
    for (const host of hosts) {
      if (host.link) tryIp(['link', 'del', host.link]);
      if (host.namespace) tryIp(['netns', 'del', host.namespace]);
    }
    cleanUpWorkspaces();
    cluster?.destroy();
  });

  it('runs turns on every host, each seen with its output from every other host', async () => {
    const started = await Promise.all(
      hosts.map((host) => jsonOn(host, ['run', 'shell', `echo hello from ${host.id}`, '--background', '--name', `hello-${host.id}`])),
    );
    for (const [index, host] of hosts.entries()) {
      const other = hosts[(index + 1) % HOSTS] as Host;
      const settled = await jsonOn<SessionJson & { transcript: unknown[] }>(other, ['view', `hello-${host.id}`, '--follow']);
      expect(settled).toMatchObject({ sessionId: started[index]?.sessionId, status: 'completed' });
      const full = await jsonOn<SessionJson & { transcript: unknown[] }>(other, ['view', `hello-${host.id}`, '--full']);
      expect(JSON.stringify(full.transcript)).toContain(`hello from ${host.id}`);
    }
    const listed = await jsonOn<{ sessions: SessionJson[] }>(hosts[0] as Host, ['list', 'sessions']);
    expect(listed.sessions.map((session) => session.name).sort()).toEqual(hosts.map((host) => `hello-${host.id}`).sort());
  });

  it('records every one of 20 turns running on the hosts while PostgreSQL restarts, output and outcome', async () => {
    const script = 'for i in 1 2 3 4 5 6 7 8; do echo "tick $i"; sleep 0.25; done; echo finished';
    const started = await Promise.all(
      Array.from({ length: 20 }, (_, index) => jsonOn(hosts[index % HOSTS] as Host, ['run', 'shell', script, '--background', '--name', `restart-${index}`])),
    );
    await until(() => jsonOn<{ sessions: SessionJson[] }>(hosts[0] as Host, ['list', 'sessions', '--status', 'running']), (list) => list.sessions.length > 0);
    cluster.restart('fast');
    for (const [index, session] of started.entries()) {
      const reader = hosts[(index + 1) % HOSTS] as Host;
      const settled = await jsonOn<SessionJson>(reader, ['view', session.sessionId, '--follow']);
      expect({ name: settled.name, status: settled.status }).toEqual({ name: `restart-${index}`, status: 'completed' });
      const full = await jsonOn<SessionJson & { transcript: unknown[] }>(reader, ['view', session.sessionId, '--full']);
      for (const line of ['tick 1', 'tick 8', 'finished']) expect(JSON.stringify(full.transcript)).toContain(line);
    }
  });

  it("loses the turn of a host whose link is cut, once its lease ran out, and leaves the other hosts' turns running", async () => {
    const [watcher, cut, neighbour] = hosts as [Host, Host, Host];
    await jsonOn(cut, ['run', 'shell', 'sleep 120', '--background', '--name', 'on-cut-host']);
    await jsonOn(neighbour, ['run', 'shell', 'sleep 120', '--background', '--name', 'on-neighbour']);
    await until(() => jsonOn(watcher, ['view', 'on-cut-host']), (view) => view.status === 'running');

    if (cut.link) {
      expect(tryIp(['link', 'set', cut.link, 'down'])).toBe(true);
    } else {
      // Loopback only: freezing the host's supervisor stops its renewals as a cut link would.
      const admin = new Client({ connectionString: cluster.url.replace(/\/postgres$/, '/team') });
      await admin.connect();
      const { rows } = await admin.query<{ runner: number }>("SELECT (record::json->>'runnerPid')::int AS runner FROM genie_sessions WHERE name = 'on-cut-host'");
      await admin.end();
      process.kill(rows[0]?.runner as number, 'SIGSTOP');
    }

    const lost = await until(() => jsonOn(watcher, ['view', 'on-cut-host']), (view) => view.status !== 'running');
    expect(lost.status).toBe('lost');
    expect(lost.error).toContain(cut.id);
    expect((await jsonOn(watcher, ['view', 'on-neighbour'])).status).toBe('running');
    expect((await jsonOn(neighbour, ['stop', 'on-neighbour'])).status).toBe('stopped');
    if (cut.link) tryIp(['link', 'set', cut.link, 'up']);
  });

  it('stops, from another host, a turn whose agent ignores SIGTERM, ending its whole process tree on the owning host', async () => {
    const [owner, stopper] = hosts as [Host, Host, Host];
    const { pids } = await runningTree(owner, 'stubborn');

    const stopped = await genieOn(stopper, ['stop', 'stubborn', '--json']);
    expect(stopped.code).toBe(0);
    expect(parseJsonDocument<SessionJson>(stopped)).toMatchObject({ name: 'stubborn', status: 'stopped', error: null });
    // It waited for the owner (the agent outlived SIGTERM for the grace period) and said so on stderr.
    expect(stopped.stderr).toContain(`Waiting for host ${owner.id} to end the turn of session stubborn`);
    // By the time it reports, nothing of the turn runs on the owning host.
    expect(pids.filter(isRunning)).toEqual([]);
    for (const host of hosts) {
      expect((await jsonOn(host, ['view', 'stubborn'])).status).toBe('stopped');
    }
    const human = await genieOn(hosts[2] as Host, ['stop', 'stubborn']);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('it had already ended; nothing to stop');
  });

  it("gives a stop up for lost, without hanging, when the owning host's link is cut, and the host ends the turn once it is back", async () => {
    const [stopper, watcher, owner] = hosts as [Host, Host, Host];
    const { pids } = await runningTree(owner, 'cut-off');
    const url = cluster.url.replace(/\/postgres$/, '/team');
    const runner = (await recordOf(url, 'cut-off')).runner as number;

    if (owner.link) expect(tryIp(['link', 'set', owner.link, 'down'])).toBe(true);
    else process.kill(runner, 'SIGSTOP');
    let restored = false;
    const restore = (): void => {
      if (restored) return;
      restored = true;
      if (owner.link) tryIp(['link', 'set', owner.link, 'up']);
      else process.kill(runner, 'SIGCONT');
    };
    try {
      const stopped = await genieOn(stopper, ['stop', 'cut-off', '--json']);
      expect(stopped.code).toBe(0);
      const lost = parseJsonDocument<SessionJson>(stopped);
      expect(lost.status).toBe('lost');
      expect(lost.error).toContain(`host ${owner.id} stopped renewing`);
      expect(lost.error).toContain('before it confirmed the stop');
      expect((await jsonOn(watcher, ['view', 'cut-off'])).status).toBe('lost');
      // Cut off, the owner could not be reached: its processes still run.
      expect(pids.filter(isRunning)).toEqual(pids);
    } finally {
      restore();
    }

    // Back on the network, the owner's supervisor finds the stop still recorded and ends the turn.
    await until(() => Promise.resolve(pids.filter(isRunning)), (alive) => alive.length === 0);
    const settled = await until(() => jsonOn(watcher, ['view', 'cut-off']), (view) => view.status === 'stopped');
    expect(settled.error).toBeNull();
    expect((await jsonOn(owner, ['view', 'cut-off'])).status).toBe('stopped');
  }, 120_000);

  it('refuses a resume on the owning host as busy while a stop from another host ends the turn, never running both', async () => {
    const [owner, stopper] = hosts as [Host, Host, Host];
    const { pids } = await runningTree(owner, 'raced');

    const stopping = genieOn(stopper, ['stop', 'raced', '--json']);
    const refusals: string[] = [];
    let resumed: SessionJson | undefined;
    let aliveWhenResumed: number[] = [];
    while (!resumed) {
      const attempt = await genieOn(owner, ['resume', 'raced', 'echo resumed after the stop', '--background', '--json']);
      if (attempt.code === 0) {
        aliveWhenResumed = pids.filter(isRunning);
        resumed = parseJsonDocument<SessionJson>(attempt);
      } else {
        refusals.push(parseJsonDocument<{ error: { code: string } }>(attempt).error.code);
      }
    }
    const stopped = await stopping;
    expect(stopped.code).toBe(0);
    expect(parseJsonDocument<SessionJson>(stopped)).toMatchObject({ status: 'stopped', turns: 1 });

    // Every resume before the tree was gone was refused as busy, and the one that ran found none of it.
    expect(refusals.length).toBeGreaterThan(0);
    expect(new Set(refusals)).toEqual(new Set(['SESSION_BUSY']));
    expect(aliveWhenResumed).toEqual([]);
    expect(resumed.turns).toBe(2);
    const settled = await jsonOn(stopper, ['view', 'raced', '--follow']);
    expect(settled).toMatchObject({ status: 'completed', turns: 2 });
    expect(settled.answer).toContain('resumed after the stop');
  }, 120_000);

  it("queues a resume from a third host for the owner's worker only once a stop from another host has ended the turn there", async () => {
    const [owner, stopper, resumer] = hosts as [Host, Host, Host];
    const { pids } = await runningTree(owner, 'raced-queue');
    const configFile = path.join(resumer.workspace.dir, '.genie', 'config.yaml');
    const config = fs.readFileSync(configFile, 'utf8');
    // The third host queues its turns for workers; the owner runs one, which takes its resumes.
    fs.writeFileSync(configFile, config.replace('storage:\n', 'storage:\n  dispatch: queue\n'));
    const worker = await startWorker(owner);
    try {
      const stopping = genieOn(stopper, ['stop', 'raced-queue', '--json']);
      const refusals: string[] = [];
      let queued: SessionJson | undefined;
      let aliveWhenQueued: number[] = [];
      while (!queued) {
        const attempt = await genieOn(resumer, ['resume', 'raced-queue', 'echo resumed from another host', '--json']);
        if (attempt.code === 0) {
          aliveWhenQueued = pids.filter(isRunning);
          queued = parseJsonDocument<SessionJson>(attempt);
        } else {
          refusals.push(parseJsonDocument<{ error: { code: string } }>(attempt).error.code);
        }
      }
      expect((await stopping).code).toBe(0);
      expect(refusals.length).toBeGreaterThan(0);
      expect(new Set(refusals)).toEqual(new Set(['SESSION_BUSY']));
      expect(aliveWhenQueued).toEqual([]);

      const settled = await until(() => jsonOn(stopper, ['view', 'raced-queue']), (view) => view.turns === 2 && view.status === 'completed');
      expect((await recordOf(cluster.url.replace(/\/postgres$/, '/team'), 'raced-queue')).host).toBe(owner.id);
      expect(settled.answer).toContain('resumed from another host');
    } finally {
      fs.writeFileSync(configFile, config);
      await stopWorker(worker);
    }
  }, 120_000);
});
