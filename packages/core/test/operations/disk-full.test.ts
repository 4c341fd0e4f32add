import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SmallDisk } from '../../../../tooling/small-disk';
import { openGenie, type Genie } from '../../src/index';
import { closeTestGenies, doublesEnv, openTestGenie } from '../helpers/test-genie';
import { storedRecord } from '../helpers/stored-records';
import { makeTempDir, removeTempDirs } from '../helpers/temp-workspace';

/** A workspace on a tmpfs of its own, mounted and unmounted here. */
function workspaceDisk(): SmallDisk {
  const disk = new SmallDisk(makeTempDir('genie-disk-full-'));
  fs.mkdirSync(path.join(disk.dir, '.genie'));
  return disk;
}

async function until<T>(check: () => Promise<T | undefined | false>, what: string, limitMs = 30_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('a full disk', () => {
  const disks: SmallDisk[] = [];
  const newDisk = (): SmallDisk => {
    const disk = workspaceDisk();
    disks.push(disk);
    return disk;
  };
  afterAll(async () => {
    for (const disk of disks) disk.free();
    await closeTestGenies();
    for (const disk of disks) disk.unmount();
    removeTempDirs();
  });

  it('does not lose a running turn: its output and outcome are recorded once there is room again', async () => {
    const disk = newDisk();
    const signals = makeTempDir('genie-disk-full-signals-');
    const genie: Genie = await openTestGenie(disk.dir);
    // After the disk fills, far more output than the log's last page has room for.
    const script = `echo before; while [ ! -f ${signals}/go ]; do sleep 0.1; done; for i in $(seq 1 2000); do echo "after $i"; done; echo done`;
    const run = await genie.run({ agent: 'shell', prompt: script, background: true });
    await until(async () => (await genie.view({ session: run.sessionId })).lastTurn?.events.some((event) => event.kind === 'output'), 'the first output');
    const executorPid = (await storedRecord(disk.dir, run.sessionId))?.executorPid as number;

    disk.fill();
    fs.writeFileSync(path.join(signals, 'go'), '');
    await until(async () => !isAlive(executorPid), 'the agent to finish on the full disk');
    // Long enough for a supervisor that gives up on a full disk to have given up (this one waits).
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    // Reads answer meanwhile; the supervisor waits for room, so the turn is not taken for lost.
    const [whileFull] = await genie.listSessions();
    expect(whileFull).toMatchObject({ sessionId: run.sessionId, status: 'running' });

    disk.free();
    const ended = await until(async () => {
      const view = await genie.view({ session: run.sessionId });
      return view.status === 'running' ? undefined : view;
    }, 'the turn to be recorded');
    expect(ended.status).toBe('completed');
    expect(ended.answer).toMatch(/after 1999\nafter 2000\ndone$/);
    const lines = fs.readFileSync(ended.logFile as string, 'utf8').split('\n').filter(Boolean);
    const output = lines.map((line) => (JSON.parse(line) as { line?: string }).line).filter((line) => line !== undefined);
    expect(output).toEqual(['before', ...Array.from({ length: 2000 }, (_, index) => `after ${index + 1}`), 'done']);
  });

  it('leaves list and doctor answering, read-only, while a session of the SQLite store needs reconciling', async () => {
    const disk = newDisk();
    const genie = await openTestGenie(disk.dir);
    const run = await genie.run({ agent: 'shell', prompt: 'sleep 300', background: true });
    const runnerPid = await until(async () => {
      const record = await storedRecord(disk.dir, run.sessionId);
      return record?.status === 'running' && typeof record.executorPid === 'number' ? record.runnerPid : undefined;
    }, 'the agent to start');
    const [before] = await genie.listSessions();
    expect(before).toMatchObject({ sessionId: run.sessionId, status: 'running' });

    disk.fill();
    // The supervisor dies; its agent is left behind for reconciliation to end.
    process.kill(runnerPid as number, 'SIGKILL');
    await until(async () => !isAlive(runnerPid as number), 'the supervisor to die');
    await expect(genie.listSessions()).resolves.toEqual([expect.objectContaining({ sessionId: run.sessionId, status: 'lost' })]);
    await expect(genie.listSessions({ status: ['running'] })).resolves.toEqual([]);
    const report = await genie.doctor();
    expect(report.store.healthy).toBe(true);
    await expect(genie.view({ session: run.sessionId })).resolves.toMatchObject({ status: 'lost' });

    disk.free();
    await genie.listSessions();
    expect(await storedRecord(disk.dir, run.sessionId)).toMatchObject({ status: 'lost' });
  });

  it('answers list, view and doctor from a SQLite store no process has open, refuses a run, and loses nothing', async () => {
    const disk = newDisk();
    // Sessions written by an earlier genie process, which has closed the database since
    // (its last connection moved every change into the main file and removed the -wal).
    const earlier = await openGenie({ cwd: disk.dir, env: doublesEnv() });
    const done = await earlier.run({ agent: 'shell', prompt: 'echo kept', name: 'kept', background: false });
    const orphan = await earlier.run({ agent: 'shell', prompt: 'sleep 300', background: true });
    const record = await until(async () => {
      const stored = await storedRecord(disk.dir, orphan.sessionId);
      return stored?.status === 'running' && typeof stored.executorPid === 'number' ? stored : undefined;
    }, 'the agent to start');
    process.kill(record.runnerPid as number, 'SIGKILL');
    process.kill(-(record.executorPid as number), 'SIGKILL');
    await until(async () => !isAlive(record.runnerPid as number) && !isAlive(record.executorPid as number), 'the turn to die');
    await earlier.close();
    const database = path.join(disk.dir, '.genie/state/genie.db');
    expect(fs.existsSync(`${database}-wal`)).toBe(false);
    const logsDir = path.dirname(done.logFile as string);
    const logs = fs.readdirSync(logsDir).sort();

    disk.fill();
    const genie = await openTestGenie(disk.dir);
    const listed = await genie.listSessions();
    expect(listed.map((session) => [session.sessionId, session.status]).sort()).toEqual(
      [
        [done.sessionId, 'completed'],
        [orphan.sessionId, 'lost'],
      ].sort(),
    );
    await expect(genie.view({ session: 'kept' })).resolves.toMatchObject({ status: 'completed', answer: 'kept' });
    const report = await genie.doctor();
    expect(report.store).toMatchObject({ healthy: true, sessions: 2 });
    const refused = await genie.run({ agent: 'shell', prompt: 'echo never', background: false }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'STORE_IO', hint: expect.stringMatching(/disk is full/) });
    expect(fs.readdirSync(logsDir).sort()).toEqual(logs);

    disk.free();
    expect(await genie.listSessions()).toHaveLength(2);
    expect(await storedRecord(disk.dir, orphan.sessionId)).toMatchObject({ status: 'lost' });
    await expect(genie.run({ agent: 'shell', prompt: 'echo after', background: false })).resolves.toMatchObject({ status: 'completed', answer: 'after' });
  });

  it('leaves list and doctor answering, read-only, while a session of the JSON store needs reconciling', async () => {
    const disk = newDisk();
    fs.writeFileSync(path.join(disk.dir, '.genie', 'config.yaml'), 'storage:\n  adapter: json\n');
    const sessionId = '11111111-2222-4333-8444-666666666666';
    const dead = spawnSync('true').pid as number;
    const storeFile = path.join(disk.dir, '.genie/state/agents/sessions.json');
    fs.mkdirSync(path.dirname(storeFile), { recursive: true });
    const now = new Date().toISOString();
    const entry = { sessionId, agent: 'shell', executor: 'command', status: 'running', runnerPid: dead, runnerStartTime: 'gone', turns: 1, created: now, lastUsed: now };
    fs.writeFileSync(storeFile, JSON.stringify({ version: 2, sessions: { [sessionId]: entry } }));
    const genie = await openTestGenie(disk.dir);

    disk.fill();
    await expect(genie.listSessions()).resolves.toEqual([expect.objectContaining({ sessionId, status: 'lost' })]);
    await expect(genie.listSessions({ status: ['running'] })).resolves.toEqual([]);
    const report = await genie.doctor();
    expect(report.store.healthy).toBe(true);
    expect(report.reconciled).toEqual([{ sessionId, name: null, from: 'running', to: 'lost' }]);
    await expect(genie.view({ session: sessionId })).resolves.toMatchObject({ status: 'lost' });

    disk.free();
    await genie.listSessions();
    const stored = JSON.parse(fs.readFileSync(storeFile, 'utf8'));
    expect(stored.sessions[sessionId].status).toBe('lost');
  });
});
