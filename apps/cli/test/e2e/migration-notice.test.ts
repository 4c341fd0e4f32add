import fs from 'node:fs';
import path from 'node:path';
import { parseJsonDocument } from './support/genie-process';
import { cleanUpWorkspaces, TestWorkspace, type SessionJson } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

const V1_STORE = {
  version: 1,
  agents: {
    implementor: {
      agent: 'implementor',
      sessionId: '4a7d1c2e-8f3b-4c5d-9e6f-0a1b2c3d4e5f',
      executor: 'claude',
      status: 'completed',
      created: '2025-10-17T15:30:00.000Z',
      lastPrompt: 'Implement the session store',
    },
  },
};

describe('the first command on a predecessor V1 store (no explicit `genie migrate`)', () => {
  const workspace = new TestWorkspace();

  beforeAll(() => {
    fs.mkdirSync(path.dirname(workspace.sessionsFile), { recursive: true });
    fs.writeFileSync(workspace.sessionsFile, JSON.stringify(V1_STORE));
  });

  it('imports it into the database, says so once on stderr, keeps the file untouched and stdout one JSON document', async () => {
    const before = fs.readFileSync(workspace.sessionsFile);
    const result = await workspace.genie(['list', 'sessions', '--json']);
    expect(result.code).toBe(0);
    const notices = result.stderr.split('\n').filter((line) => line.includes('Imported'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(`from ${workspace.sessionsFile} (version 1) into ${workspace.databaseFile}`);
    expect(notices[0]).toContain('kept untouched');
    const { sessions } = parseJsonDocument<{ sessions: SessionJson[] }>(result);
    expect(sessions.map((session) => session.sessionId)).toEqual(['4a7d1c2e-8f3b-4c5d-9e6f-0a1b2c3d4e5f']);
    expect(fs.readFileSync(workspace.sessionsFile).equals(before)).toBe(true);
    expect(fs.existsSync(workspace.databaseFile)).toBe(true);
  });

  it('says nothing about it on the next command', async () => {
    const result = await workspace.genie(['view', '4a7d1c2e', '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(parseJsonDocument<SessionJson>(result).lastPrompt).toBe('Implement the session store');
    const listed = await workspace.genie(['list', 'sessions']);
    expect(listed.code).toBe(0);
    expect(listed.stderr).toBe('');
    expect(listed.stdout).toContain('Implement the session store');
  });
});

describe('the first command on a predecessor V2 store with a badly recorded session and leftovers', () => {
  const workspace = new TestWorkspace();
  const good = '4d4c76a7-e58a-487a-b66f-7ff408dafb37';
  const silent = 'c5a1e9d2-0f4b-4e6a-8c3d-9b7a6f5e4d3c';
  const bad = '7f3e2a10-6d8b-4c21-a5e9-0b1c2d3e4f50';
  const store = {
    version: 2,
    sessions: {
      [good]: { sessionId: good, agent: 'prompt', name: 'prompt-2510171720', executor: 'claude', status: 'completed' },
      [silent]: { sessionId: silent, agent: 'qa', name: 'qa-2510171530', executor: 'claude', created: '2025-10-17T15:30:40.000Z' },
      [bad]: { sessionId: bad, agent: 'implementor', name: 'implementor-2510171530', status: 'failed', runnerPid: '48211' },
      'legacy-version-1760715012000': { agent: 'version', sessionId: 'legacy-version-1760715012000' },
    },
  };

  beforeAll(() => {
    fs.mkdirSync(path.dirname(workspace.sessionsFile), { recursive: true });
    fs.writeFileSync(workspace.sessionsFile, JSON.stringify(store, null, 2));
  });

  it('imports every good session, names the skipped ones on stderr, and keeps the file untouched', async () => {
    const before = fs.readFileSync(workspace.sessionsFile);
    const result = await workspace.genie(['list', 'sessions', '--json']);
    expect(result.code).toBe(0);
    const { sessions } = parseJsonDocument<{ sessions: SessionJson[] }>(result);
    expect(sessions.map((session) => session.sessionId).sort()).toEqual([good, silent].sort());
    expect(result.stderr).toContain('Imported 2 sessions');
    expect(result.stderr).toContain(`session "${bad}" (name "implementor-2510171530", agent "implementor") skipped: runnerPid: must be integer or null`);
    expect(result.stderr).toContain('session "legacy-version-1760715012000" skipped');
    expect(fs.readFileSync(workspace.sessionsFile).equals(before)).toBe(true);
  });

  it('view explains why a session whose outcome the predecessor never recorded is lost', async () => {
    const result = await workspace.genie(['view', 'qa-2510171530']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/status\s+lost/);
    expect(result.stdout).toContain('The predecessor recorded no outcome for this session');
  });
});
