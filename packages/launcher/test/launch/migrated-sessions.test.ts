import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SessionEntry } from '@genie/session-schema';
import { openJsonStorage, type SessionStorage } from '@genie/storage';
import { runForegroundTurn } from '../../src/launch/run-foreground-turn';
import { startBackgroundTurn } from '../../src/launch/start-background-turn';
import type { LaunchContext, TurnPlan } from '../../src/launch/launch-context';
import { findSessionProcesses } from '../../src/process/session-processes';
import { signalProcesses } from '../../src/process/signal-processes';
import { doubleEnv } from '../helpers/double-env';
import { eventually } from '../helpers/launch-fixture';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A workspace whose sessions.json is a predecessor V1 store, opened (and so migrated) by genie. */
describe('sessions migrated from a V1 store', () => {
  let dir: string;
  let storage: SessionStorage;
  let ctx: LaunchContext;
  let sessions: SessionEntry[];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'genie-migrated-'));
    const stateDir = path.join(dir, '.genie', 'state', 'agents');
    const file = path.join(stateDir, 'sessions.json');
    mkdirSync(stateDir, { recursive: true });
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        agents: {
          implementor: { sessionId: 'abc-123', agent: 'implementor', created: '2025-10-10T08:00:00.000Z', status: 'completed' },
          qa: { agent: 'qa', executor: 'claude', created: '2025-10-11T08:00:00.000Z', status: 'completed' },
          reviewer: { sessionId: 'rev-9', agent: 'reviewer', executor: 'codex', created: '2025-10-12T08:00:00.000Z' },
          polish: { agent: 'polish', executor: 'codex', created: '2025-10-13T08:00:00.000Z', turns: 1, status: 'completed' },
        },
      }),
    );
    storage = openJsonStorage(file);
    ctx = { storage, storageSpec: { kind: 'json', file }, logsDir: path.join(stateDir, 'logs'), graceMs: 1_000, env: doubleEnv(dir) };
    sessions = await storage.list();
  });

  afterAll(async () => {
    for (const session of sessions) signalProcesses(findSessionProcesses(session.sessionId), 'SIGKILL');
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const sessionOf = (agent: string): SessionEntry => sessions.find((entry) => entry.agent === agent) as SessionEntry;
  const plan = (session: SessionEntry, prompt: string): TurnPlan => ({
    sessionId: session.sessionId,
    executor: session.executor as string,
    prompt,
    settings: {},
    cwd: dir,
  });

  async function backgroundTurn(turnPlan: TurnPlan): Promise<SessionEntry> {
    await startBackgroundTurn(ctx, turnPlan);
    return eventually(async () => {
      const entry = await storage.get(turnPlan.sessionId);
      return entry?.status === 'starting' || entry?.status === 'running' ? undefined : entry;
    }, 'the turn to end');
  }

  function argvLog(): string[][] {
    return readFileSync(path.join(dir, 'argv.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { argv: string[] }).argv);
  }

  it.each([
    ['a V1 id that is not a UUID', 'implementor'],
    ['a legacy id', 'qa'],
  ])('claude: %s starts a new conversation, and the next turn continues it', async (_case, agent) => {
    const session = sessionOf(agent);
    expect(session.sessionId).not.toMatch(UUID);

    const first = await runForegroundTurn(ctx, plan(session, 'remember the blue door'));
    expect(first).toMatchObject({ status: 'completed', lastAnswer: 'OK, I will remember the blue door.' });
    expect(first.executorSessionId).toMatch(UUID);
    expect(argvLog().at(-1)).not.toContain('--session-id');

    const second = await backgroundTurn(plan(session, 'what did I ask you to remember?'));
    expect(second).toMatchObject({
      status: 'completed',
      executorSessionId: first.executorSessionId,
      lastAnswer: 'You asked me to remember the blue door.',
    });
    expect(argvLog().at(-1)).toEqual(expect.arrayContaining(['--resume', first.executorSessionId as string]));
  });

  it.each([
    ['a V1 session', 'reviewer'],
    ['a legacy session that ran a turn but never recorded a thread', 'polish'],
  ])('codex: %s without a thread id starts a new thread, and the next turn continues it', async (_case, agent) => {
    const session = sessionOf(agent);
    const first = await runForegroundTurn(ctx, plan(session, 'remember the green bell'));
    expect(first).toMatchObject({ status: 'completed', lastAnswer: 'OK, I will remember the green bell.' });
    expect(first.executorSessionId).toMatch(UUID);

    const second = await backgroundTurn(plan(session, 'what did I ask you to remember?'));
    expect(second).toMatchObject({
      status: 'completed',
      executorSessionId: first.executorSessionId,
      lastAnswer: 'You asked me to remember the green bell.',
    });
  });
});
