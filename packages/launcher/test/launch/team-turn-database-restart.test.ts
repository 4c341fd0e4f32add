import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SessionEntry } from '@genie/session-schema';
import { openPostgresStorage, openTeamEventLog, type SessionStorage, type TeamSessionStorage } from '@genie/storage';
import { startPostgresCluster, type PostgresCluster } from '../../../../tooling/postgres-cluster';
import { eventLogPath } from '../../src/event-log/event-log-path';
import type { LaunchContext } from '../../src/launch/launch-context';
import { startBackgroundTurn } from '../../src/launch/start-background-turn';
import { findSessionProcesses } from '../../src/process/session-processes';
import { signalProcesses } from '../../src/process/signal-processes';
import { reconcileSession } from '../../src/reconcile/reconcile-session';
import { eventually, shellSettings } from '../helpers/launch-fixture';

/** How long the server stays down after the claim: longer than a write's three quick attempts. */
const DOWN_MS = 2_500;

describe('a team turn whose supervisor starts while PostgreSQL restarts', () => {
  let cluster: PostgresCluster;
  let storage: TeamSessionStorage;
  let dir: string;
  const sessions: string[] = [];

  beforeAll(async () => {
    // A cluster of this file's own: it is stopped and started again.
    cluster = await startPostgresCluster();
    storage = openPostgresStorage(cluster.url, { project: 'restart' });
    dir = mkdtempSync(path.join(os.tmpdir(), 'genie-team-restart-'));
  });
  afterAll(async () => {
    for (const sessionId of sessions) signalProcesses(findSessionProcesses(sessionId), 'SIGKILL');
    await storage.close();
    cluster.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The store, except that the write claiming a turn stops the server until DOWN_MS later. */
  function stoppingAfterClaim(): { storage: SessionStorage; restarted: Promise<void> } {
    let restart!: () => void;
    const restarted = new Promise<void>((resolve) => (restart = resolve));
    let armed = true;
    const wrapped: SessionStorage = Object.create(storage);
    wrapped.update = async (sessionId, change) => {
      const entry = await storage.update(sessionId, change);
      if (armed && entry.status === 'starting') {
        armed = false;
        // The launcher hands the supervisor its turn only after this write: the supervisor
        // finds no server when it first connects.
        cluster.stop('fast');
        setTimeout(() => {
          cluster.start();
          restart();
        }, DOWN_MS);
      }
      return entry;
    };
    return { storage: wrapped, restarted };
  }

  it('waits for the server and records the outcome, rather than dying and leaving the turn lost', async () => {
    const sessionId = randomUUID();
    sessions.push(sessionId);
    await storage.create({ sessionId, agent: 'test', executor: 'command', created: new Date().toISOString() });
    const { storage: claiming, restarted } = stoppingAfterClaim();
    const ctx: LaunchContext = {
      storage: claiming,
      storageSpec: { kind: 'postgres', url: cluster.url, project: 'restart' },
      logsDir: path.join(dir, 'logs'),
      graceMs: 1_000,
    };
    const script = 'echo survived';
    const started = await startBackgroundTurn(ctx, { sessionId, executor: 'command', prompt: script, settings: shellSettings(script), cwd: dir });
    expect(started.status).toBe('starting');
    await restarted;

    // Read as every genie command reads it: a supervisor that died is settled `lost` here.
    const settled = await eventually(async () => {
      const entry = await reconcileSession({ ...ctx, storage }, (await storage.get(sessionId)) as SessionEntry);
      return entry.status === 'starting' || entry.status === 'running' ? undefined : entry;
    }, 'the turn to end');
    expect(settled).toMatchObject({ status: 'completed', lastAnswer: 'survived', turns: 1 });
    // Hosts that follow the turn from the database see all of it, its end included.
    const logged = readFileSync(eventLogPath(ctx.logsDir, sessionId), 'utf8').trimEnd().split('\n');
    const team = openTeamEventLog(cluster.url, 'restart');
    try {
      expect(await team.readLines(sessionId, 0)).toEqual(logged);
    } finally {
      await team.close();
    }
    expect(JSON.parse(logged[logged.length - 1] as string)).toMatchObject({ type: 'turn.end', status: 'completed' });
  });
});
