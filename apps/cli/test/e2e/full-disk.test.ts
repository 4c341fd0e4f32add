import fs from 'node:fs';
import path from 'node:path';
import { isRunning } from '../../../../tooling/process-gone';
import { SmallDisk } from '../../../../tooling/small-disk';
import { parseJsonDocument } from './support/genie-process';
import { until } from './support/until';
import { cleanUpWorkspaces, TestWorkspace, type SessionJson } from './support/workspace';

/** The workspace directory on a 2 MiB tmpfs of its own, so the test fills a real disk and nobody else's. */
class WorkspaceOnSmallDisk extends TestWorkspace {
  readonly disk: SmallDisk;

  constructor() {
    super({ genieDir: false });
    this.disk = new SmallDisk(this.dir);
    fs.mkdirSync(path.join(this.dir, '.genie', 'agents'), { recursive: true });
  }
}

// The end-to-end suites also run on Node 22 and 24, where genie's SQLite driver is node:sqlite
// (better-sqlite3 on Node 20): each opens the database its own way on a full disk.
describe('a completely full disk under a SQLite store that no genie process has open', () => {
  const workspace = new WorkspaceOnSmallDisk();
  afterAll(() => {
    workspace.disk.free();
    workspace.disk.unmount();
    cleanUpWorkspaces();
  });

  it('answers list, view and doctor, refuses a run with the disk-full error, and loses nothing', async () => {
    const kept = await workspace.json(['run', 'shell', 'echo kept', '--name', 'kept', '--no-background']);
    expect(kept).toMatchObject({ status: 'completed', answer: 'kept' });
    const orphan = await workspace.json(['run', 'shell', 'sleep 300', '--name', 'orphan', '--background']);
    const entry = await until(
      async () => workspace.readStore().sessions[orphan.sessionId] ?? {},
      (record) => record.status === 'running' && typeof record.executorPid === 'number',
    );
    // Its supervisor dies with the agent: a session left for the next read to find lost.
    process.kill(entry.runnerPid as number, 'SIGKILL');
    process.kill(-(entry.executorPid as number), 'SIGKILL');
    await until(async () => isRunning(entry.runnerPid as number) || isRunning(entry.executorPid as number), (running) => !running);
    // The killed supervisor left the database's -wal behind; the next genie command to close
    // the database moves everything into it and removes the -wal, as any command would.
    await workspace.json(['view', 'kept']);
    expect(fs.existsSync(`${workspace.databaseFile}-wal`)).toBe(false);
    const logs = fs.readdirSync(path.dirname(kept.logFile as string)).sort();

    workspace.disk.fill();
    const { sessions: listed } = await workspace.json<{ sessions: SessionJson[] }>(['list', 'sessions']);
    expect(listed.map((session) => `${session.name} ${session.status}`).sort()).toEqual(['kept completed', 'orphan lost']);
    await expect(workspace.json(['view', 'kept'])).resolves.toMatchObject({ status: 'completed', answer: 'kept' });
    const doctor = await workspace.genie(['doctor', '--json']);
    expect(parseJsonDocument<{ store: Record<string, unknown> }>(doctor).store).toMatchObject({ healthy: true, sessions: 2 });

    const refused = await workspace.genie(['run', 'shell', 'echo never', '--no-background']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/disk is full/);
    expect(refused.stdout).toBe('');
    expect(fs.readdirSync(path.dirname(kept.logFile as string)).sort()).toEqual(logs);

    workspace.disk.free();
    const after = await workspace.genie(['list', 'sessions', '--json']);
    expect(after.code).toBe(0);
    expect(parseJsonDocument<{ sessions: SessionJson[] }>(after).sessions).toHaveLength(2);
    expect(workspace.readStore().sessions[orphan.sessionId]).toMatchObject({ status: 'lost' });
    const again = await workspace.json(['run', 'shell', 'echo after', '--no-background']);
    expect(again).toMatchObject({ status: 'completed', answer: 'after' });
  });
});
