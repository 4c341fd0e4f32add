import fs from 'node:fs';
import path from 'node:path';
import { cleanUpWorkspaces, TestWorkspace, type SessionJson } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

/** A V1 store the way real predecessor users have it: polluted keys, entries without ids. */
const DIRTY_V1 = {
  version: 1,
  agents: {
    implementor: {
      agent: 'implementor',
      sessionId: '4a7d1c2e-8f3b-4c5d-9e6f-0a1b2c3d4e5f',
      executor: 'claude',
      mode: 'default',
      status: 'completed',
      created: '2025-10-17T15:30:00.000Z',
      lastUsed: '2025-10-17T15:42:00.000Z',
      logFile: '.genie/state/agents/logs/implementor-1760715000000.log',
      lastPrompt: 'Implement the session store',
      background: true,
      runnerPid: 999999,
      customField: { kept: true },
    },
    'qa/reviewer': {
      sessionId: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e',
      preset: 'careful',
      executor: 'codex',
      status: 'failed',
      created: '2025-10-16T09:00:00.000Z',
      lastPrompt: 'Review the PR',
      exitCode: 1,
      error: 'codex exited with code 1',
    },
    planner: {
      agent: 'planner',
      executor: 'claude',
      status: 'running',
      created: '2025-10-15T08:00:00.000Z',
      lastPrompt: 'Plan the release',
    },
    version: 2,
    executor: 'claude',
    sessions: {},
  },
};

describe('a V1 store from the predecessor', () => {
  const workspace = new TestWorkspace();
  let original: string;

  beforeAll(() => {
    fs.mkdirSync(path.dirname(workspace.sessionsFile), { recursive: true });
    original = `${JSON.stringify(DIRTY_V1, null, 2)}\n`;
    fs.writeFileSync(workspace.sessionsFile, original);
  });

  it('is reported, not written, by migrate --dry-run', async () => {
    const report = await workspace.json<Record<string, unknown>>(['migrate', '--dry-run']);
    expect(report).toMatchObject({ fromVersion: 1, toVersion: 2, dryRun: true, sessions: 3, source: workspace.sessionsFile, file: workspace.databaseFile });
    expect(fs.readFileSync(workspace.sessionsFile, 'utf8')).toBe(original);
    expect(fs.existsSync(workspace.databaseFile)).toBe(false);
    const text = await workspace.genie(['migrate', '--dry-run']);
    expect(text.stdout).toContain(`would import 3 sessions from ${workspace.sessionsFile} (version 1) into ${workspace.databaseFile}`);
  });

  it('is migrated by `genie migrate`, with warnings for the polluted keys', async () => {
    const result = await workspace.genie(['migrate']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/3 sessions/);
    const warnings = result.stdout.split('\n').filter((line) => line.startsWith('! '));
    expect(warnings).toEqual([
      '! /agents/version: skipped, a number that is not a session record',
      '! /agents/executor: skipped, a string that is not a session record',
      '! /agents/sessions: skipped, an object that is not a session record',
      expect.stringMatching(/^! \/agents\/planner: had no usable sessionId; stored as "legacy-planner-[0-9a-f]+"$/),
    ]);
    const store = workspace.readStore();
    expect(store.version).toBe(2);
    expect(Object.keys(store.sessions)).toHaveLength(3);
  });

  it('is listed in full afterwards, with every field kept', async () => {
    const { sessions } = await workspace.json<{ sessions: SessionJson[] }>(['list', 'sessions']);
    expect(sessions.map((session) => session.agent).sort()).toEqual(['implementor', 'planner', 'qa/reviewer']);
    expect(sessions.find((session) => session.agent === 'implementor')?.sessionId).toBe('4a7d1c2e-8f3b-4c5d-9e6f-0a1b2c3d4e5f');
    expect(sessions.find((session) => session.agent === 'planner')?.sessionId).toMatch(/^legacy-planner-/);
    // A dead runner is never shown as running.
    expect(sessions.find((session) => session.agent === 'planner')?.status).not.toBe('running');
    const implementor = workspace.readStore().sessions['4a7d1c2e-8f3b-4c5d-9e6f-0a1b2c3d4e5f'];
    expect(implementor?.customField).toEqual({ kept: true });
  });

  it('shows the migrated sessions in the human table', async () => {
    const result = await workspace.genie(['ls', 'sessions']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Implement the session store');
    expect(result.stdout).toContain('Review the PR');
    expect(result.stdout).toContain('Plan the release');
  });

  it('a second migrate has nothing left to do', async () => {
    const report = await workspace.json<Record<string, unknown>>(['migrate']);
    expect(report).toMatchObject({ fromVersion: 2, toVersion: 2, migrated: false });
  });

  it('left the predecessor file byte for byte as it was', () => {
    expect(fs.readFileSync(workspace.sessionsFile, 'utf8')).toBe(original);
  });

  it("is written in the predecessor's V2 shape by `genie export --format v2-json`", async () => {
    const result = await workspace.genie(['export', '--format', 'v2-json']);
    expect(result.code).toBe(0);
    const exported = JSON.parse(result.stdout) as { version: number; sessions: Record<string, Record<string, unknown>> };
    expect(exported.version).toBe(2);
    expect(exported.sessions).toEqual(workspace.readStore().sessions);
    expect(exported.sessions['4a7d1c2e-8f3b-4c5d-9e6f-0a1b2c3d4e5f']?.customField).toEqual({ kept: true });
  });
});
